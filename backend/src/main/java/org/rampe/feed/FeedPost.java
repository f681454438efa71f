package org.rampe.feed;

import java.time.Instant;

/**
 * A post as the feed picks it: its id, its author's handle and its time, enough to order, check and
 * page; the page draws the shared post card from the id.
 */
record FeedPost(String id, String authorHandle, Instant createdAt) {
}
