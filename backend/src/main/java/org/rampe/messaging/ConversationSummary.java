package org.rampe.messaging;

import java.time.Instant;

/**
 * One line of a member's list of conversations. {@code title} is the ad-hoc conversation's title or
 * the group's name; for a direct conversation it is null and {@code otherHandle}/{@code otherName}
 * name the other member. The last message is null when nothing was written yet; its excerpt is
 * plain text (escape it when rendering); {@code lastImageAlt} is the alt text of its image, if any
 * (an image alone has an empty excerpt).
 */
record ConversationSummary(String id, String kind, String title, String otherHandle, String otherName,
        String groupSlug, String lastAuthorName, String lastExcerpt, Instant lastMessageAt, long lastSeq,
        long unread, boolean muted, String lastImageAlt) {
}
