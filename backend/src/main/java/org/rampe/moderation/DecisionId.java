package org.rampe.moderation;

import org.rampe.site.MalformedId;

/**
 * A decision's id, as its page's address carries it ({@code /decisions/{id}}). Anything but a UUID is
 * not found (404). The constructor is public for Spring's conversion service, which builds the
 * record from the request.
 */
record DecisionId(String value) {

    public DecisionId {
        value = MalformedId.canonicalUuid(value, "decision");
    }

    @Override
    public String toString() {
        return value;
    }
}
