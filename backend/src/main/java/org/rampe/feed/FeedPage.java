package org.rampe.feed;

import java.util.List;

/** One page of the home feed, newest first, and where the next (older) page starts, if any. */
record FeedPage(List<FeedPost> posts, FeedCursor next) {

    public boolean hasOlder() {
        return next != null;
    }
}
