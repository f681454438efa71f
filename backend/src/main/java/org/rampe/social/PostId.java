package org.rampe.social;

import org.rampe.site.MalformedId;

/** A post's application id, bound from {@code /posts/{id}}: anything but a UUID is a 404 ({@link MalformedId}). */
record PostId(String value) {

    public PostId {
        value = MalformedId.canonicalUuid(value, "post");
    }

    @Override
    public String toString() {
        return value;
    }
}
