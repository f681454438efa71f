package org.rampe.messaging;

import java.time.Duration;

import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.springframework.stereotype.Component;

/**
 * Slows down floods of messages: at most {@value #PER_MINUTE} a minute and {@value #PER_HOUR} an
 * hour per member — a fast typist in a lively chat stays far below. Counted in {@link RateLimits},
 * so shared by every instance when they share Redis (a member cannot send that much on each). Taken
 * by the service, not by the route ({@code @Limited(inService = ...)}): a resend of a message
 * already stored, or a refusal, gives its allowance back.
 */
@Component
public class SendThrottle {

    static final int PER_MINUTE = 20;
    static final int PER_HOUR = 600;
    /**
     * The whole minute's allowance comes back at once, a minute after the first message: what "wait
     * a minute" tells the member (a gradual refill, one every 3 s, made the refusal arrive at a
     * different count from one run to the next).
     */
    static final RateLimit MINUTE = new RateLimit("messages.minute", PER_MINUTE, Duration.ofMinutes(1), true);
    static final RateLimit HOUR = new RateLimit("messages.hour", PER_HOUR, Duration.ofHours(1));

    private final RateLimits limits;

    SendThrottle(RateLimits limits) {
        this.limits = limits;
    }

    /** Takes one message from the member's allowance; false when it is used up. */
    boolean take(String memberId) {
        String key = "member:" + memberId;
        if (!limits.tryTake(MINUTE, key)) {
            return false;
        }
        if (!limits.tryTake(HOUR, key)) {
            limits.giveBack(MINUTE, key);
            return false;
        }
        return true;
    }

    /** Gives back what {@link #take} took for a message that was not stored after all (a resend, a refusal). */
    void giveBack(String memberId) {
        String key = "member:" + memberId;
        limits.giveBack(MINUTE, key);
        limits.giveBack(HOUR, key);
    }
}
