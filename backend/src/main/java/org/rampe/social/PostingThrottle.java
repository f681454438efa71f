package org.rampe.social;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Slows down floods: at most {@value #POSTS_PER_HOUR} posts and {@value #COMMENTS_PER_HOUR}
 * comments an hour per member, far above what a person writes. In memory, per instance.
 */
@Component
public class PostingThrottle {

    static final int POSTS_PER_HOUR = 30;
    static final int COMMENTS_PER_HOUR = 120;

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .maximumSize(200_000)
            .build();

    /** Takes one post from the member's allowance; false when it is used up. */
    boolean post(String memberId) {
        return bucket("post:" + memberId, POSTS_PER_HOUR).tryConsume(1);
    }

    boolean comment(String memberId) {
        return bucket("comment:" + memberId, COMMENTS_PER_HOUR).tryConsume(1);
    }

    /** Forgets every count; tests start each case from a clean slate. */
    public void clear() {
        buckets.invalidateAll();
    }

    private Bucket bucket(String key, int capacity) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, Duration.ofHours(1)).build())
                .build());
    }
}
