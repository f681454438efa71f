package org.rampe.moderation;

import org.rampe.site.MalformedId;

/**
 * The id of what is reported (a post, comment, member, group, message or place), as the report
 * form sends it. Anything but a UUID is not found (404). The constructor is public for Spring's
 * conversion service, which builds the record from the request.
 */
record TargetId(String value) {

    public TargetId {
        value = MalformedId.canonicalUuid(value, "target");
    }

    @Override
    public String toString() {
        return value;
    }
}
