package org.rampe.messaging;

import static org.rampe.messaging.MessagingBenchmark.DRAIN;
import static org.rampe.messaging.MessagingBenchmark.HOLD;
import static org.rampe.messaging.MessagingBenchmark.IDLE;
import static org.rampe.messaging.MessagingBenchmark.MEASURED;
import static org.rampe.messaging.MessagingBenchmark.MEMBERS;
import static org.rampe.messaging.MessagingBenchmark.RATE;
import static org.rampe.messaging.MessagingBenchmark.SIGN_INS;
import static org.rampe.messaging.MessagingBenchmark.SUBSCRIPTIONS;
import static org.rampe.messaging.MessagingBenchmark.WARM_UP;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.rampe.TestMembers.WebSession;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * The load of {@link MessagingBenchmark}: STOMP sessions connected and subscribed as chat.js is,
 * messages sent at {@link MessagingBenchmark#RATE} a second after a ramp, and what comes back
 * during the measured period (send→receive latency, acknowledgements, refusals, losses, messages
 * received twice); and idle sessions for the heap measure.
 */
final class MessagingLoad {

    final ConcurrentHistogram latency = new ConcurrentHistogram(60_000_000L, 3);
    /** The same latencies by 10-second window of the measured period (when the message was sent): a backlog draining shows. */
    final ConcurrentHistogram[] windows = java.util.stream.IntStream.range(0, (int) ((MEASURED.toSeconds() + 9) / 10))
            .mapToObj(i -> new ConcurrentHistogram(60_000_000L, 3)).toArray(ConcurrentHistogram[]::new);
    /** The same, for the messages sent while members sign in (the phase after the measured minute). */
    final ConcurrentHistogram duringSignIns = new ConcurrentHistogram(60_000_000L, 3);
    final ConcurrentHistogram[] signInWindows = java.util.stream.IntStream.range(0, (int) ((SIGN_INS.toSeconds() + 9) / 10))
            .mapToObj(i -> new ConcurrentHistogram(60_000_000L, 3)).toArray(ConcurrentHistogram[]::new);
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    final Map<String, Boolean> acked = new ConcurrentHashMap<>();
    final Map<String, Boolean> ackedDuringSignIns = new ConcurrentHashMap<>();
    final Map<String, Boolean> received = new ConcurrentHashMap<>();
    final AtomicLong refusals = new AtomicLong();
    final AtomicLong transportErrors = new AtomicLong();
    /** A message received twice by the other member: must stay 0 ("nothing shown twice" rests on it or on dedupe). */
    final AtomicLong duplicates = new AtomicLong();

    private static CompletableStomp connect(WebSocketStompClient client, WebSession web, StompSessionHandlerAdapter handler) {
        var handshake = new WebSocketHttpHeaders();
        handshake.add("Cookie", "RAMPE_SESSION=" + web.cookie());
        handshake.add("Origin", web.base());
        var connect = new StompHeaders();
        connect.add("X-CSRF-TOKEN", web.csrf());
        return new CompletableStomp(client.connectAsync(web.base().replace("http://", "ws://") + "/ws", handshake, connect, handler));
    }

    record CompletableStomp(java.util.concurrent.CompletableFuture<StompSession> future) {
        StompSession get() throws Exception {
            return future.get(60, TimeUnit.SECONDS);
        }
    }

    void connectAll(WebSocketStompClient client, List<WebSession> webs, StompSession[] sessions, String[] memberIds) throws Exception {
        var handler = new StompSessionHandlerAdapter() {
            @Override
            public void handleTransportError(StompSession session, Throwable exception) {
                transportErrors.incrementAndGet();
            }
        };
        int batch = 100; // connect in waves: a real crowd does not arrive in one millisecond either
        for (int from = 0; from < MEMBERS; from += batch) {
            List<CompletableStomp> pending = new ArrayList<>();
            for (int i = from; i < Math.min(MEMBERS, from + batch); i++) {
                pending.add(connect(client, webs.get(i), handler));
            }
            for (int i = from; i < Math.min(MEMBERS, from + batch); i++) {
                StompSession s = pending.get(i - from).get();
                sessions[i] = s;
                String self = memberIds[i];
                s.subscribe("/user/queue/messages", frames(frame -> {
                    // The other member's copy only: the sender's own echo is not a delivery.
                    if ("message".equals(frame.get("type")) && !self.equals(frame.get("authorId"))) {
                        Long at = sentAt.get((String) frame.get("clientId"));
                        if (at == null) {
                            return;
                        }
                        if (received.putIfAbsent((String) frame.get("clientId"), Boolean.TRUE) != null) {
                            duplicates.incrementAndGet();
                        } else if (measuring(at)) {
                            long micros = Math.min(60_000_000L, Math.max(1, (System.nanoTime() - at) / 1000));
                            latency.recordValue(micros);
                            windows[(int) Math.min(windows.length - 1, (at - measureFrom) / 10_000_000_000L)].recordValue(micros);
                        } else if (signingIn(at)) {
                            long micros = Math.min(60_000_000L, Math.max(1, (System.nanoTime() - at) / 1000));
                            duringSignIns.recordValue(micros);
                            signInWindows[(int) Math.min(signInWindows.length - 1, (at - measureUntil) / 10_000_000_000L)].recordValue(micros);
                        }
                    }
                }));
                s.subscribe("/user/queue/acks", frames(frame -> {
                    String clientId = (String) frame.get("clientId");
                    Long at = sentAt.get(clientId);
                    if (at != null && measuring(at)) {
                        acked.put(clientId, Boolean.TRUE);
                    } else if (at != null && signingIn(at)) {
                        ackedDuringSignIns.put(clientId, Boolean.TRUE);
                    }
                }));
                s.subscribe("/user/queue/errors", frames(frame -> refusals.incrementAndGet()));
                s.subscribe("/user/queue/counts", frames(frame -> { }));
            }
        }
    }

    private long measureFrom;
    private long measureUntil;

    private boolean measuring(long sentAtNanos) {
        return sentAtNanos >= measureFrom && sentAtNanos < measureUntil;
    }

    /** Sent in the phase with sign-ins, which follows the measured minute at the same rate. */
    private boolean signingIn(long sentAtNanos) {
        return sentAtNanos >= measureUntil && sentAtNanos < measureUntil + SIGN_INS.toNanos();
    }

    long sentDuringSignIns;

    private static StompFrameHandler frames(java.util.function.Consumer<Map<String, Object>> sink) {
        return new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return Map.class;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void handleFrame(StompHeaders headers, Object payload) {
                sink.accept((Map<String, Object>) payload);
            }
        };
    }

    /**
     * How many messages are due {@code elapsed} ns after the start: the rate climbs from 0 to
     * {@link MessagingBenchmark#RATE} through the warm-up (a ramp, as load tests do: a cold JVM
     * offered the full rate at once builds a backlog that the measured period then inherits), and
     * stays there.
     */
    static long dueBy(long elapsed) {
        long warmUp = WARM_UP.toNanos();
        if (elapsed < warmUp) {
            return (long) ((double) RATE * elapsed / 1e9 * elapsed / warmUp / 2);
        }
        return (long) ((double) RATE * warmUp / 1e9 / 2 + (double) RATE * (elapsed - warmUp) / 1e9);
    }

    /** Sends at RATE a second (after the ramp), members in a shuffled round, until the measured period ends; returns how many were sent measured. */
    long run(StompSession[] sessions, List<MessagingBenchmark.Pair> pairs) throws InterruptedException {
        return run(sessions, pairs, until -> { });
    }

    /**
     * As {@link #run(StompSession[], List)}, then {@link MessagingBenchmark#SIGN_INS} more at the
     * same rate while {@code signIns} (given when that phase ends) signs members in.
     */
    long run(StompSession[] sessions, List<MessagingBenchmark.Pair> pairs, java.util.function.LongConsumer signIns)
            throws InterruptedException {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(20261205L));
        String[] conversationOf = new String[MEMBERS];
        for (MessagingBenchmark.Pair p : pairs) {
            conversationOf[p.a()] = p.conversation();
            conversationOf[p.b()] = p.conversation();
        }
        long start = System.nanoTime();
        measureFrom = start + WARM_UP.toNanos() + HOLD.toNanos();
        measureUntil = measureFrom + MEASURED.toNanos();
        long sentMeasured = 0;
        long n = 0;
        String text = "Bonjour, est-ce que l’ascenseur de la gare marche aujourd’hui ?";
        long end = measureUntil + SIGN_INS.toNanos();
        boolean signInsStarted = false;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (!signInsStarted && now >= measureUntil && SIGN_INS.toNanos() > 0) {
                signIns.accept(end);
                signInsStarted = true;
            }
            long due = dueBy(now - start);
            while (n < due) {
                int member = order.get((int) (n % MEMBERS));
                String clientId = UUID.randomUUID().toString();
                long at = System.nanoTime();
                sentAt.put(clientId, at);
                var headers = new StompHeaders();
                headers.setDestination("/app/conversations/" + conversationOf[member] + "/send");
                try {
                    sessions[member].send(headers, Map.of("clientId", clientId, "text", text + " #" + n));
                } catch (RuntimeException e) {
                    transportErrors.incrementAndGet();
                }
                if (measuring(at)) {
                    sentMeasured++;
                } else if (signingIn(at)) {
                    sentDuringSignIns++;
                }
                n++;
            }
            Thread.sleep(1);
        }
        Thread.sleep(DRAIN.toMillis());
        return sentMeasured;
    }

    List<StompSession> connectIdle(WebSocketStompClient client, List<WebSession> webs) throws Exception {
        var handler = new StompSessionHandlerAdapter() {
            @Override
            public void handleTransportError(StompSession session, Throwable exception) {
                transportErrors.incrementAndGet();
            }
        };
        List<StompSession> sessions = new ArrayList<>();
        int batch = 100;
        for (int from = 0; from < IDLE; from += batch) {
            List<CompletableStomp> pending = new ArrayList<>();
            for (int i = from; i < Math.min(IDLE, from + batch); i++) {
                pending.add(connect(client, webs.get(i % webs.size()), handler)); // several sessions per member, like tabs
            }
            for (var p : pending) {
                StompSession s = p.get();
                for (String destination : SUBSCRIPTIONS) {
                    s.subscribe(destination, frames(frame -> { }));
                }
                sessions.add(s);
            }
        }
        return sessions;
    }

    static void disconnect(StompSession s) {
        try {
            if (s != null && s.isConnected()) {
                s.disconnect();
            }
        } catch (RuntimeException e) {
            // gone already
        }
    }
}
