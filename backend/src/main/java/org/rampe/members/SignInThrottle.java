package org.rampe.members;

import java.time.Duration;
import java.util.Locale;

import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.rampe.site.TooManyRequests;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: failed sign-ins are counted per account (whether or not it
 * exists, so the limit tells nothing about who is a member) and per address, and sign-ups per
 * address. The counts are {@link RateLimits}': shared by every instance when they share Redis, so
 * that attempts spread over instances add up.
 */
@Component
class SignInThrottle {

    static final int FAILURES_PER_ACCOUNT = 5;
    static final int FAILURES_PER_ADDRESS = 20;
    static final int SIGN_UPS_PER_ADDRESS = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);

    static final RateLimit ACCOUNT_FAILURES = new RateLimit("signin.failures.account", FAILURES_PER_ACCOUNT, WINDOW);
    static final RateLimit ADDRESS_FAILURES = new RateLimit("signin.failures.address", FAILURES_PER_ADDRESS, WINDOW);
    static final RateLimit SIGN_UPS = new RateLimit("signup.address", SIGN_UPS_PER_ADDRESS, Duration.ofHours(1));

    private final RateLimits limits;

    SignInThrottle(RateLimits limits) {
        this.limits = limits;
    }

    /** Whether another attempt may be checked at all. */
    boolean signInAllowed(String address, String email) {
        try {
            limits.check(ACCOUNT_FAILURES, "email:" + key(email));
            limits.check(ADDRESS_FAILURES, "address:" + address);
            return true;
        } catch (TooManyRequests e) {
            return false;
        }
    }

    void signInFailed(String address, String email) {
        limits.count(ACCOUNT_FAILURES, "email:" + key(email));
        limits.count(ADDRESS_FAILURES, "address:" + address);
    }

    boolean signUpsExhausted(String address) {
        try {
            limits.check(SIGN_UPS, "address:" + address);
            return false;
        } catch (TooManyRequests e) {
            return true;
        }
    }

    void signUpCounted(String address) {
        limits.count(SIGN_UPS, "address:" + address);
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
