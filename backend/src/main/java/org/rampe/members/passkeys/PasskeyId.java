package org.rampe.members.passkeys;

import java.util.UUID;

import org.rampe.site.MalformedId;

/** A passkey's application id (its forms on the passkeys page); anything but a UUID is a 404. */
public record PasskeyId(String value) {

    public PasskeyId {
        value = MalformedId.canonicalUuid(value, "passkey");
    }

    static PasskeyId random() {
        return new PasskeyId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
