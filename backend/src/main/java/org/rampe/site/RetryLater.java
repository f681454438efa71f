package org.rampe.site;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A request that is answered "come back later", with nothing done: a limit used up
 * ({@link TooManyRequests}, 429) or the instance at its capacity for costly work ({@link ServerBusy},
 * 503). {@link RetryLaterAnswers} answers both the same way: {@code Retry-After}, a readable page
 * for people, problem details for the API.
 */
public abstract sealed class RetryLater extends RuntimeException permits TooManyRequests, ServerBusy {

    private final Duration retryAfter;

    RetryLater(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** 429 or 503. */
    abstract HttpStatus status();

    /** The problem details' {@code detail}, in English (the API's language). */
    abstract String problemDetail();
}
