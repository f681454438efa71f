package org.rampe.places;

import java.util.Optional;
import java.util.UUID;

import org.rampe.site.MalformedId;

/**
 * A place's application id: a UUID, used in URLs and JSON. Bound from a path
 * ({@code @PathVariable PlaceId id}), anything else than a UUID is the 404 page (site.MalformedIds).
 */
public record PlaceId(String value) {

    public PlaceId {
        value = MalformedId.canonicalUuid(value, "place");
    }

    static PlaceId random() {
        return new PlaceId(UUID.randomUUID().toString());
    }

    /** Parses an id that is not a path (the search cursor); empty when it is not a UUID. */
    static Optional<PlaceId> parse(String value) {
        try {
            return Optional.of(new PlaceId(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
