package org.rampe.notifications;

import java.util.Locale;

/**
 * What a notification made here is about, stored as its {@code kind} ({@code follow_request}) and
 * named by the message keys {@code notification.kind.<kind>}. Moderation writes its own kinds
 * (decisions, appeals) into the same graph.
 */
enum NotificationKind {
    REPLY, COMMENT, MENTION, REACTION, FOLLOW, FOLLOW_REQUEST,
    GROUP_JOIN_REQUEST, GROUP_APPROVED, GROUP_INVITED, ASSOCIATION_VERIFIED,
    /** A representative invited the member to represent an association (they accept or decline). */
    ASSOCIATION_INVITED,
    /** The member's archive is ready (no actor: the site tells them). */
    ARCHIVE_READY;

    /** As stored and in message keys: {@code group_join_request}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
