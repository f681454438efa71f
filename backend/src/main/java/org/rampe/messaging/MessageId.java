package org.rampe.messaging;

import org.rampe.site.MalformedId;

/**
 * A message's application id (a UUID), as the edit and delete pages
 * ({@code /messages/{id}/m/{message}/...}) carry it; anything else is a 404 ({@link MalformedId}).
 * The constructor is public for Spring's conversion service.
 */
record MessageId(String value) {

    public MessageId {
        value = MalformedId.canonicalUuid(value, "message");
    }

    @Override
    public String toString() {
        return value;
    }
}
