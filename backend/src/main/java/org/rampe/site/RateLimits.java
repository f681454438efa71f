package org.rampe.site;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import org.springframework.stereotype.Component;

/**
 * Rate limits, taken before the work they guard: {@link #take} consumes one action or throws
 * {@link TooManyRequests} (answered 429 with {@code Retry-After}: a page for people, problem details
 * under {@code /api}). Keys are the caller's ({@code "member:" + id}, {@code "address:" + ip},
 * {@code "email:" + address}); the limit's name keeps the counts of different limits apart.
 *
 * <p>The counts live where the sessions do: in Redis when {@value SharedRedis#URL} is set, so that a
 * limit holds across every instance (a guesser cannot spread attempts over them), in this
 * instance's memory otherwise.
 */
@Component
public class RateLimits {

    /** Where the buckets are kept: memory or Redis. */
    interface Buckets {

        Bucket of(RateLimit limit, String key);

        void clear();
    }

    private final Buckets buckets;

    RateLimits(Buckets buckets) {
        this.buckets = buckets;
    }

    /** Takes one action from {@code limit} for {@code key}, or throws {@link TooManyRequests}. */
    public void take(RateLimit limit, String key) {
        var probe = buckets.of(limit, key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw usedUp(limit, probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Throws {@link TooManyRequests} when {@code limit} is used up for {@code key}, taking nothing:
     * for limits that count only failures ({@link #count}), such as wrong passwords.
     */
    public void check(RateLimit limit, String key) {
        var estimate = buckets.of(limit, key).estimateAbilityToConsume(1);
        if (!estimate.canBeConsumed()) {
            throw usedUp(limit, estimate.getNanosToWaitForRefill());
        }
    }

    /** Counts one action against {@code limit} for {@code key}, never refusing it ({@link #check} does). */
    public void count(RateLimit limit, String key) {
        buckets.of(limit, key).tryConsume(1);
    }

    /** Forgets every count; tests start each case from a clean slate. */
    public void clear() {
        buckets.clear();
    }

    /** {@code capacity} actions at once at most, given back gradually over the window. */
    static Bandwidth bandwidth(RateLimit limit) {
        return Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.window()).build();
    }

    static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    private static TooManyRequests usedUp(RateLimit limit, long nanosToWait) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + 999_999_999L));
        return new TooManyRequests(limit, Duration.ofSeconds(seconds));
    }
}
