package org.rampe.messaging;

import org.rampe.site.MalformedId;

/**
 * The id (a UUID) of a message's image, as its route {@code /messages/images/{id}.jpg} carries it;
 * anything else is a 404 ({@link MalformedId}). The constructor is public for Spring's conversion
 * service.
 */
record MessageImageId(String value) {

    public MessageImageId {
        value = MalformedId.canonicalUuid(value, "image");
    }

    @Override
    public String toString() {
        return value;
    }
}
