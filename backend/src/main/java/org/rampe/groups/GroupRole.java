package org.rampe.groups;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles an owner (or administrator) gives a member, as stored on {@code MEMBER_OF.role} and in
 * message keys ({@code group.notice.role.moderator}), each with the audit action that records it.
 */
enum GroupRole {
    MODERATOR("appoint_moderator"), MEMBER("remove_moderator"), OWNER("appoint_owner");

    /** The audit entry's action when a member is given this role. */
    final String action;

    GroupRole(String action) {
        this.action = action;
    }

    /** As stored: {@code moderator}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<GroupRole> fromKey(String key) {
        for (GroupRole role : values()) {
            if (role.key().equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
