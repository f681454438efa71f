package org.rampe.feed;

import java.time.Instant;

/** A post as the feed reads it: enough to order, check and page; the page shows the shared post card. */
public record FeedPost(String id, String authorHandle, String authorName, String text, String contentWarning,
                       String language, String visibility, Instant createdAt) {
}
