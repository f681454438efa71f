package org.rampe.messaging;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Slows down floods of messages: at most {@value #PER_MINUTE} a minute and {@value #PER_HOUR} an
 * hour per member — a fast typist in a lively chat stays far below. In memory, per instance (with
 * several instances a member could send that much on each: enough against a runaway script).
 */
@Component
public class SendThrottle {

    static final int PER_MINUTE = 20;
    static final int PER_HOUR = 600;

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .maximumSize(200_000)
            .build();

    /** Takes one message from the member's allowance; false when it is used up. */
    boolean take(String memberId) {
        return buckets.get(memberId, k -> Bucket.builder()
                // The whole minute's allowance comes back at once, a minute after the first message:
                // what "wait a minute" tells the member (a greedy refill, one every 3 s, made the
                // refusal arrive at a different count from one run to the next).
                .addLimit(Bandwidth.builder().capacity(PER_MINUTE).refillIntervally(PER_MINUTE, Duration.ofMinutes(1)).build())
                .addLimit(Bandwidth.builder().capacity(PER_HOUR).refillGreedy(PER_HOUR, Duration.ofHours(1)).build())
                .build()).tryConsume(1);
    }

    /** Gives back what {@link #take} took for a message that was not stored after all (a resend, a refusal). */
    void giveBack(String memberId) {
        var bucket = buckets.getIfPresent(memberId);
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    /** Forgets every count; tests start each case from a clean slate. */
    public void clear() {
        buckets.invalidateAll();
    }
}
