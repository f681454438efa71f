package org.rampe.moderation;

import org.rampe.site.MalformedId;

/**
 * A group's id as the moderation routes take it ({@code /moderation/groups/{groupId}}): moderation
 * does not depend on the groups feature, so it reads the id itself. Anything but a UUID is not
 * found (404). The constructor is public for Spring's conversion service, which builds the record
 * from the path.
 */
record GroupId(String value) {

    public GroupId {
        value = MalformedId.canonicalUuid(value, "group");
    }

    @Override
    public String toString() {
        return value;
    }
}
