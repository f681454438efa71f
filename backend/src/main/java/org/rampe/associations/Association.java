package org.rampe.associations;

import java.time.Instant;

/**
 * An association's page as stored: {@code slug} is its address ({@code /associations/{slug}}), made
 * from the name when it was created and kept when the name changes. {@code verified}: an
 * administrator checked that the page is run by the association itself.
 */
public record Association(String id, String slug, String name, String description, String contact, String website,
                          Logo logo, boolean verified, Instant verifiedAt, Instant createdAt) {

    /** The logo: a cleaned JPEG in the image store, with its mandatory text alternative. */
    public record Logo(String imageId, String alt, int width, int height) {
    }

    /** The logo's address, with its image id so that a new logo shows at once despite caching. */
    public String logoUrl() {
        return logo == null ? null : "/associations/" + slug + "/logo.jpg?v=" + logo.imageId();
    }

    /** For {@code <time datetime>}: UTC, whole seconds. */
    public String verifiedAtIso() {
        return verifiedAt == null ? null : verifiedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
