package org.rampe.site;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
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
    private final Map<Limited, Declared> declared = new ConcurrentHashMap<>();

    RateLimits(Buckets buckets) {
        this.buckets = buckets;
    }

    /**
     * Takes one action from each allowance {@code limited} declares: the member's (when
     * {@code memberId} is not null) and the address's (when {@code address} is not null), or throws
     * {@link TooManyRequests} (the member's allowance stays taken: a script that keeps trying keeps
     * waiting).
     */
    public void take(Limited limited, String memberId, String address) {
        Declared declared = this.declared.computeIfAbsent(limited, RateLimits::declared);
        if (declared.perMember() != null && memberId != null) {
            take(declared.perMember(), "member:" + memberId);
        }
        if (declared.perAddress() != null && address != null) {
            take(declared.perAddress(), "address:" + address);
        }
    }

    /** The limits a {@link Limited} declares: by account and by address, either one possibly absent. */
    record Declared(RateLimit perMember, RateLimit perAddress) {
    }

    /** What {@code limited} declares, its window parsed (a malformed one fails here, at the first request or in the test that lists them all). */
    static Declared declared(Limited limited) {
        var window = DurationFormatterUtils.parse(limited.window(), DurationFormat.Style.SIMPLE);
        return new Declared(
                limited.perMember() > 0 ? new RateLimit("route." + limited.value() + ".member", limited.perMember(), window) : null,
                limited.perAddress() > 0 ? new RateLimit("route." + limited.value() + ".address", limited.perAddress(), window) : null);
    }

    /** Takes one action from {@code limit} for {@code key}, or throws {@link TooManyRequests}. */
    public void take(RateLimit limit, String key) {
        var probe = buckets.of(limit, key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw usedUp(limit, probe.getNanosToWaitForRefill());
        }
    }

    /** Takes one action from {@code limit} for {@code key}; false, taking nothing, when it is used up. */
    public boolean tryTake(RateLimit limit, String key) {
        return buckets.of(limit, key).tryConsume(1);
    }

    /** Gives back one action taken for work that was not done after all (a resend of a message already stored). */
    public void giveBack(RateLimit limit, String key) {
        buckets.of(limit, key).addTokens(1);
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

    /** {@code capacity} actions at once at most, given back gradually over the window (or whole at its end). */
    static Bandwidth bandwidth(RateLimit limit) {
        var capacity = Bandwidth.builder().capacity(limit.capacity());
        return (limit.wholeAtOnce() ? capacity.refillIntervally(limit.capacity(), limit.window())
                : capacity.refillGreedy(limit.capacity(), limit.window())).build();
    }

    static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    private static TooManyRequests usedUp(RateLimit limit, long nanosToWait) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + 999_999_999L));
        return new TooManyRequests(limit, Duration.ofSeconds(seconds));
    }
}
