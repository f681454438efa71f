package org.rampe.site;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Rate limits, taken before the work they guard: {@link #take} consumes one action or throws
 * {@link TooManyRequests}. Keys are the caller's ({@code "member:" + id}, {@code "address:" + ip},
 * {@code "email:" + address}). FIRST VERSION: counts live in this instance's memory; the shared
 * store (Redis, where instances scale out) lands with the sessions work.
 */
@Component
public class RateLimits {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(25))
            .maximumSize(500_000)
            .build();

    /** Takes one action from {@code limit} for {@code key}, or throws {@link TooManyRequests}. */
    public void take(RateLimit limit, String key) {
        var probe = buckets.get(limit.name() + "|" + key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.window()).build())
                .build()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new TooManyRequests(limit, Duration.ofSeconds(seconds));
        }
    }

    /** Forgets every count; tests start each case from a clean slate. */
    public void clear() {
        buckets.invalidateAll();
    }
}
