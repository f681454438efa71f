package org.rampe.groups;

/**
 * What erasing a member does to a group they own. {@code heirId} and {@code heirHandle}: who owns
 * it after them (OWNERS, MODERATOR, ASSOCIATION); {@code association}: the owning association's
 * name (ASSOCIATION).
 */
record GroupFate(String groupId, String groupName, Kind kind, String heirId, String heirHandle, String association) {

    enum Kind {
        /** Other owners keep it. */
        OWNERS,
        /** Its longest-standing moderator becomes its owner. */
        MODERATOR,
        /** The longest-standing representative of the association that owns it becomes its owner. */
        ASSOCIATION,
        /** Other members remain but nobody can take it over: read-only from now on. */
        ARCHIVED,
        /** Nobody else is in it: it goes, with its posts. */
        DELETED
    }
}
