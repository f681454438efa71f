package org.rampe.site;

import java.time.Duration;

/**
 * A named limit: at most {@code capacity} actions per {@code window} for one key (an account, an
 * address). The name keeps the counts of different limits apart. The allowance comes back gradually
 * over the window, or, {@code wholeAtOnce}, all of it at the end of each window: what "wait a
 * minute" promises, and a refusal that always comes at the same count.
 */
public record RateLimit(String name, int capacity, Duration window, boolean wholeAtOnce) {

    /** Given back gradually over the window. */
    public RateLimit(String name, int capacity, Duration window) {
        this(name, capacity, window, false);
    }
}
