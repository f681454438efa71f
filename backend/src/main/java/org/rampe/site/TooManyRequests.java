package org.rampe.site;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A limit is used up: the request is answered 429 with {@code Retry-After} (a readable page for
 * people, problem details for the API). Thrown before any work is done.
 */
public final class TooManyRequests extends RetryLater {

    private final transient RateLimit limit;

    public TooManyRequests(RateLimit limit, Duration retryAfter) {
        super("rate limit " + limit.name() + " used up; retry after " + retryAfter.toSeconds() + " s", retryAfter);
        this.limit = limit;
    }

    public RateLimit limit() {
        return limit;
    }

    @Override
    HttpStatus status() {
        return HttpStatus.TOO_MANY_REQUESTS;
    }

    @Override
    String problemDetail() {
        return "Too many requests; try again in " + retryAfter().toSeconds() + " seconds.";
    }
}
