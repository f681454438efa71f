package org.rampe.site;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code size} runs at once of one kind of costly work; at most {@code queue} further
 * callers wait, each up to {@code wait}, for a place, and any other gets {@link ServerBusy} at once.
 * The work's memory is then bounded by size × what one run takes, whatever the number of requests:
 * an Argon2 hash holds 16 MiB while it runs, a decoded photo tens of MiB. The queue bound keeps
 * the server's request threads free: 200 sign-ins at once would otherwise hold all 200 of Tomcat's
 * threads waiting, and nobody could read a page meanwhile. Fair, so that a waiting request is not
 * overtaken for ever.
 */
public final class Capacity {

    /** Work that may throw a checked exception of its own (an image refused, say). */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final String name;
    private final int size;
    private final Semaphore places;
    private final int queue;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Duration wait;
    private final Duration retryAfter;

    public Capacity(String name, int size, int queue, Duration wait, Duration retryAfter) {
        if (size < 1) {
            throw new IllegalArgumentException("capacity " + name + " must be at least 1, was " + size);
        }
        this.name = name;
        this.size = size;
        this.places = new Semaphore(size, true);
        this.queue = Math.max(0, queue);
        this.wait = wait;
        this.retryAfter = Duration.ofSeconds(Math.max(1, retryAfter.toSeconds()));
    }

    /** Runs {@code work} once a place is free, or throws {@link ServerBusy} after the wait. */
    public <T, E extends Exception> T run(Work<T, E> work) throws E {
        enter();
        try {
            return work.run();
        } finally {
            places.release();
        }
    }

    private void enter() {
        if (places.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > queue) {
            waiting.decrementAndGet();
            throw new ServerBusy(name, retryAfter);
        }
        try {
            if (!places.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ServerBusy(name, retryAfter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusy(name, retryAfter);
        } finally {
            waiting.decrementAndGet();
        }
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public int queue() {
        return queue;
    }

    /** Requests waiting for a place right now. */
    public int waiting() {
        return waiting.get();
    }

    /** Places taken right now (for tests and diagnostics). */
    public int inUse() {
        return size - places.availablePermits();
    }
}
