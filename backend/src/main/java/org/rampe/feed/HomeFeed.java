package org.rampe.feed;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * A member's home feed, a page at a time: from the inbox while it reaches back far enough, then
 * from the fallback query. Pages are keyset-paginated on (time, post id), newest first.
 */
@Service
class HomeFeed {

    /** Posts on a page of {@code GET /feed}. */
    static final int PAGE_SIZE = 20;

    private final FeedRepository repository;

    HomeFeed(FeedRepository repository) {
        this.repository = repository;
    }

    /** The page of {@code size} posts of the reader's feed before {@code before} (null: the newest). */
    FeedPage page(String reader, FeedCursor before, int size) {
        var window = repository.inbox(reader, before, size);
        List<FeedPost> posts = new ArrayList<>();
        FeedCursor last = null;
        for (var entry : window.entries()) {
            // An entry the reader may no longer read is passed over, but the page still moves past it.
            if (entry.card() != null) {
                posts.add(entry.card());
            }
            last = entry.position();
        }
        if (window.entries().size() == size) {
            return new FeedPage(posts, last);
        }
        if (window.horizon() == null) {
            return new FeedPage(posts, null);
        }
        // The inbox ends here; older posts come from the followed members themselves.
        FeedCursor bound = new FeedCursor(window.horizon(), FeedCursor.AFTER_ANY_ID).min(before);
        int wanted = size - window.entries().size();
        var older = repository.fallback(reader, bound, wanted);
        posts.addAll(older);
        if (older.size() < wanted) {
            return new FeedPage(posts, null);
        }
        var oldest = older.getLast();
        return new FeedPage(posts, new FeedCursor(oldest.createdAt(), oldest.id()));
    }
}
