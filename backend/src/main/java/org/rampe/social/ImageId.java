package org.rampe.social;

import org.rampe.site.MalformedId;

/** A post image's id, bound from {@code /images/{id}.jpg}: anything but a UUID is a 404 ({@link MalformedId}). */
record ImageId(String value) {

    public ImageId {
        value = MalformedId.canonicalUuid(value, "image");
    }

    @Override
    public String toString() {
        return value;
    }
}
