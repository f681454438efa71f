package org.rampe.site;

import java.time.Duration;

/**
 * The instance is at its {@link Capacity} for a costly kind of work (password hashing, image
 * decoding) and the request waited as long as it may: answered 503 with {@code Retry-After} (a
 * readable page for people, problem details for the API). Nothing was done.
 */
public class ServerBusy extends RuntimeException {

    private final String work;
    private final Duration retryAfter;

    public ServerBusy(String work, Duration retryAfter) {
        super(work + " at capacity; retry after " + retryAfter.toSeconds() + " s", null, false, false);
        this.work = work;
        this.retryAfter = retryAfter;
    }

    /** Which capacity was full ("hashes", "decodes"). */
    public String work() {
        return work;
    }

    /** Whole seconds, at least one. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
