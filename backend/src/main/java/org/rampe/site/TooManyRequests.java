package org.rampe.site;

import java.time.Duration;

/**
 * A limit is used up: the request is answered 429 with {@code Retry-After} (a readable page for
 * people, problem details for the API). Thrown before any work is done.
 */
public class TooManyRequests extends RuntimeException {

    private final transient RateLimit limit;
    private final Duration retryAfter;

    public TooManyRequests(RateLimit limit, Duration retryAfter) {
        super("rate limit " + limit.name() + " used up; retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public RateLimit limit() {
        return limit;
    }

    /** Whole seconds, at least one. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
