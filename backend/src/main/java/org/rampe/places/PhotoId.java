package org.rampe.places;

import org.rampe.site.MalformedId;

/**
 * A photo's application id: a UUID, in the addresses of its image and its report form. Bound from
 * a path ({@code @PathVariable PhotoId photoId}), anything else than a UUID is the 404 page
 * (site.MalformedIds).
 */
public record PhotoId(String value) {

    public PhotoId {
        value = MalformedId.canonicalUuid(value, "photo");
    }

    @Override
    public String toString() {
        return value;
    }
}
