package org.rampe.moderation;

import org.rampe.site.MalformedId;

/**
 * A case's id, as the queue's forms and the case image's address carry it. Anything but a UUID is
 * not found (404). The constructor is public for Spring's conversion service, which builds the
 * record from the request.
 */
record CaseId(String value) {

    public CaseId {
        value = MalformedId.canonicalUuid(value, "case");
    }

    @Override
    public String toString() {
        return value;
    }
}
