package org.rampe.feed;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a feed page starts: strictly older than this post's time, ties broken by post id (both
 * descending). Travels in the "Older posts" link as {@code ?before=<instant>&post=<uuid>}.
 */
record FeedCursor(Instant at, String post) {

    /** Greater than any UUID, so {@code (at, AFTER_ANY_ID)} means "everything at {@code at} or before". */
    static final String AFTER_ANY_ID = "~";

    /** The cursor from the link's parameters, or empty for the first page (or parameters that do not parse). */
    static Optional<FeedCursor> parse(String before, String post) {
        if (before == null || post == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FeedCursor(Instant.parse(before), UUID.fromString(post).toString()));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The later-sorting (newer) of this cursor and {@code other}, i.e. the one that lets fewer posts through. */
    FeedCursor min(FeedCursor other) {
        if (other == null) {
            return this;
        }
        int c = at.compareTo(other.at);
        if (c == 0) {
            c = post.compareTo(other.post);
        }
        return c <= 0 ? this : other;
    }
}
