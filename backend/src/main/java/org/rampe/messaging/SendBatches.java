package org.rampe.messaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.neo4j.driver.exceptions.Neo4jException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of sends: the sends that arrive while a write transaction is running are stored
 * together by the next one (one transaction, the single-send statement once per send). Each send
 * still gets exactly its own answer (stored, a resend of a stored client id, or the reason it was
 * refused), as if alone; the caller waits for it as before. When
 * sends come one at a time a batch holds one and nothing changes; under load, a transaction's fixed
 * costs (BEGIN and COMMIT and their round trips, the commit's fixed work, the transaction log's
 * append and force) are shared by all the messages it stores.
 *
 * <p>If a batch fails as a whole (a constraint says no because another path stored the same client
 * id meanwhile, say), each of its sends is tried again alone, so that one send's failure never
 * becomes another's. Within a batch the sends are ordered by conversation (stable, so that the
 * order of one conversation's messages is the order they arrived in): two writers lock
 * conversations in the same order and cannot deadlock on them.
 */
final class SendBatches implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SendBatches.class);

    /** One send, as {@link MessageRepository#sendParameters} describes it. */
    record Request(String sender, String conversation, Map<String, Object> parameters, CompletableFuture<MessageRepository.Stored> done) {
    }

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Function<List<Request>, List<MessageRepository.Stored>> store;
    private final int maxBatch;
    private final List<Thread> writers = new ArrayList<>();
    private final AtomicInteger largest = new AtomicInteger();
    private final AtomicInteger fallbacks = new AtomicInteger();
    private volatile CountDownLatch held;
    private volatile boolean closed;

    /** @param store stores these requests (in this order) in one transaction, one answer each */
    SendBatches(int writers, int maxBatch, Function<List<Request>, List<MessageRepository.Stored>> store) {
        this.store = store;
        this.maxBatch = maxBatch;
        for (int n = 0; n < writers; n++) {
            Thread writer = Thread.ofPlatform().daemon().name("message-writer-" + n).unstarted(this::run);
            this.writers.add(writer);
            writer.start();
        }
    }

    /** Stores one send with the others waiting, and answers for it alone. */
    MessageRepository.Stored send(String sender, String conversation, Map<String, Object> parameters) {
        if (closed) {
            throw new IllegalStateException("the message writers are stopped");
        }
        var request = new Request(sender, conversation, parameters, new CompletableFuture<>());
        queue.add(request);
        try {
            return request.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the message was being stored", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The most sends one transaction has stored so far (for tests and the benchmark's notes). */
    int largestBatch() {
        return largest.get();
    }

    /** How many batches failed as a whole and were stored send by send (tests: none should). */
    int fallbacks() {
        return fallbacks.get();
    }

    /** Tests: the writers take nothing until {@link #release()}, so that the sends meanwhile form one batch. */
    void hold() {
        held = new CountDownLatch(1);
    }

    void release() {
        var latch = held;
        held = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    /** How many sends wait for a writer (tests). */
    int waiting() {
        return queue.size();
    }

    private void run() {
        while (!closed) {
            List<Request> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
                var latch = held;
                if (latch != null) {
                    latch.await();
                }
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                batch.forEach(r -> r.done().completeExceptionally(new IllegalStateException("the message writers stopped")));
                return;
            } catch (RuntimeException | Error e) {
                log.error("A batch of {} messages could not be answered", batch.size(), e);
                batch.forEach(r -> r.done().completeExceptionally(e));
            }
        }
    }

    private void write(List<Request> batch) {
        largest.accumulateAndGet(batch.size(), Math::max);
        if (batch.size() == 1) {
            alone(batch.getFirst());
            return;
        }
        List<Request> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(Request::conversation));
        List<MessageRepository.Stored> answers;
        try {
            answers = store.apply(ordered);
        } catch (Neo4jException e) {
            // The whole transaction said no (a unique client id stored by another path meanwhile,
            // say): each send on its own, each with its own answer.
            fallbacks.incrementAndGet();
            log.warn("A batch of {} messages failed as a whole ({}: {}); storing each alone", ordered.size(), e.code(), e.getMessage());
            ordered.forEach(this::alone);
            return;
        }
        for (int i = 0; i < ordered.size(); i++) {
            ordered.get(i).done().complete(answers.get(i));
        }
    }

    private void alone(Request request) {
        try {
            request.done().complete(store.apply(List.of(request)).getFirst());
        } catch (RuntimeException e) {
            request.done().completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
        writers.forEach(Thread::interrupt);
        Request left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the message writers stopped"));
        }
    }
}
