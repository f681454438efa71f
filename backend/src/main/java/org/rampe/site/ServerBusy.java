package org.rampe.site;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * The instance is at its {@link Capacity} for a costly kind of work (password hashing, image
 * decoding) and the request waited as long as it may: answered 503 with {@code Retry-After} (a
 * readable page for people, problem details for the API). Nothing was done.
 */
public final class ServerBusy extends RetryLater {

    private final String work;

    public ServerBusy(String work, Duration retryAfter) {
        super(work + " at capacity; retry after " + retryAfter.toSeconds() + " s", retryAfter);
        this.work = work;
    }

    /** Which capacity was full ("hashes", "decodes"). */
    public String work() {
        return work;
    }

    @Override
    HttpStatus status() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }

    @Override
    String problemDetail() {
        return "The server is busy; try again in " + retryAfter().toSeconds() + " seconds.";
    }
}
