package org.rampe.site;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
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
 *
 * <p>The work itself runs on the capacity's own {@linkplain BackgroundThreads background threads}
 * (as many as its size, at the lowest CPU priority), the caller waiting for its result: what the
 * work costs in CPU is then taken from the cores' idle time, never from the chat or the pages.
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
    private final ThreadPoolExecutor threads;

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
        // As many threads as places (the semaphore lets no more in), gone after a minute idle.
        this.threads = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                new BackgroundThreads("capacity-" + name));
        this.threads.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code work} on a background thread once a place is free and returns its result (or
     * throws what it threw), or throws {@link ServerBusy} after the wait.
     */
    public <T, E extends Exception> T run(Work<T, E> work) throws E {
        enter();
        try {
            Future<T> result = threads.submit(() -> work.run());
            try {
                return result.get();
            } catch (InterruptedException e) {
                result.cancel(true);
                Thread.currentThread().interrupt();
                throw new ServerBusy(name, retryAfter);
            } catch (ExecutionException e) {
                throw Capacity.<E>rethrow(e.getCause());
            }
        } finally {
            places.release();
        }
    }

    /** What the work threw, as it threw it: unchecked, or the work's own checked exception {@code E}. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Throwable thrown) throws E {
        if (thrown instanceof RuntimeException r) {
            throw r;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        throw (E) thrown;
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
