package org.rampe.members;

import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: failed sign-ins are counted per account (whether or not it
 * exists, so the limit tells nothing about who is a member) and per address, and sign-ups per
 * address. Buckets live in memory; behind several instances each keeps its own count.
 */
@Component
public class SignInThrottle {

    static final int FAILURES_PER_ACCOUNT = 5;
    static final int FAILURES_PER_ADDRESS = 20;
    static final int SIGN_UPS_PER_ADDRESS = 10;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .maximumSize(200_000)
            .build();

    /** Whether another attempt may be checked at all. */
    public boolean signInAllowed(String address, String email) {
        return bucket("account:" + key(email), FAILURES_PER_ACCOUNT, WINDOW).getAvailableTokens() > 0
                && bucket("address:" + address, FAILURES_PER_ADDRESS, WINDOW).getAvailableTokens() > 0;
    }

    public void signInFailed(String address, String email) {
        bucket("account:" + key(email), FAILURES_PER_ACCOUNT, WINDOW).tryConsume(1);
        bucket("address:" + address, FAILURES_PER_ADDRESS, WINDOW).tryConsume(1);
    }

    boolean signUpsExhausted(String address) {
        return signUps(address).getAvailableTokens() <= 0;
    }

    void signUpCounted(String address) {
        signUps(address).tryConsume(1);
    }

    private Bucket signUps(String address) {
        return bucket("signup:" + address, SIGN_UPS_PER_ADDRESS, Duration.ofHours(1));
    }

    /** Forgets every count; tests start each case from a clean slate. */
    public void clear() {
        buckets.invalidateAll();
    }

    private Bucket bucket(String key, int capacity, Duration window) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build());
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
