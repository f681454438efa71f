package org.rampe.messaging;

import static org.rampe.TestMembers.newMember;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.rampe.TestMembers.NewMember;
import org.rampe.TestMembers.WebSession;
import org.rampe.TestMembers;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A member as the scale-out tests and the benchmark see one: signed in through the real forms
 * over HTTP (session cookie, CSRF token), then a STOMP client over the native WebSocket endpoint
 * with that cookie and the token on CONNECT, as chat.js is. What arrives on the member's queues
 * is collected in blocking queues, parsed from JSON.
 */
final class StompMember implements AutoCloseable {

    static final String PASSWORD = "scale test password, not secret";

    final BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Map<String, Object>> acks = new LinkedBlockingQueue<>();
    final BlockingQueue<Map<String, Object>> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<Map<String, Object>> presence = new LinkedBlockingQueue<>();
    private final StompSession session;
    private volatile boolean lost;
    /** What went wrong on this connection, for failure messages. */
    final java.util.Queue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private StompMember(StompSession session) {
        this.session = session;
    }

    // ---------------------------------------------------------------- HTTP

    /**
     * What a scale member signs up with (TestMembers.signUpOverHttp): an e-mail and a password of
     * their own, those {@link #signIn} and the benchmark's members use.
     */
    static NewMember account(String handle) {
        return newMember(handle).named("Member " + handle).withEmail(email(handle)).withPassword(PASSWORD);
    }

    /** Signs in through the form; returns the session and its (new) CSRF token. */
    static WebSession signIn(String base, String handle) throws IOException, InterruptedException {
        return TestMembers.signInOverHttp(base, email(handle), PASSWORD);
    }

    static String email(String handle) {
        return handle + "@scale.invalid";
    }

    // ---------------------------------------------------------------- STOMP

    /** A STOMP client for many sessions (one per test class or benchmark: its threads are shared). */
    static WebSocketStompClient client() {
        var client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new JacksonJsonMessageConverter());
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("stomp-client-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        client.setTaskScheduler(scheduler); // receipts (and heartbeats, left off here)
        client.setDefaultHeartbeat(new long[] {0, 0});
        client.setReceiptTimeLimit(30_000);
        client.setInboundMessageSizeLimit(256 * 1024);
        return client;
    }

    /**
     * Connects to {@code /ws} of the instance the session belongs to (cookie and a same-origin
     * Origin on the handshake, the CSRF token on CONNECT) and subscribes to the member's queues,
     * waiting for the broker's receipt of each subscription when {@code receipts} (the relay sends
     * them; the simple broker does not).
     */
    static StompMember connect(WebSocketStompClient client, WebSession web, boolean receipts) throws Exception {
        return connect(client, web, receipts, null);
    }

    static StompMember connect(WebSocketStompClient client, WebSession web, boolean receipts, Consumer<Map<String, Object>> onMessage)
            throws Exception {
        var handshake = new WebSocketHttpHeaders();
        handshake.add("Cookie", "RAMPE_SESSION=" + web.cookie());
        handshake.add("Origin", web.base());
        var connect = new StompHeaders();
        connect.add("X-CSRF-TOKEN", web.csrf());
        var holder = new StompMember[1];
        var handler = new StompSessionHandlerAdapter() {
            @Override
            public void handleTransportError(StompSession s, Throwable exception) {
                if (holder[0] != null) {
                    holder[0].lost = true;
                    holder[0].problems.add("transport: " + exception);
                }
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                if (holder[0] != null) {
                    holder[0].problems.add("frame: " + headers + " " + payload);
                }
            }

            @Override
            public void handleException(StompSession s, StompCommand command, StompHeaders headers, byte[] payload, Throwable e) {
                if (holder[0] != null) {
                    holder[0].lost = true;
                    holder[0].problems.add(command + " " + headers + ": " + e);
                }
            }
        };
        String url = web.base().replace("http://", "ws://") + "/ws";
        StompSession session = client.connectAsync(url, handshake, connect, handler).get(30, TimeUnit.SECONDS);
        var member = new StompMember(session);
        holder[0] = member;
        session.setAutoReceipt(receipts);
        var subscribed = List.of(
                member.subscribe(receipts, "/user/queue/messages", onMessage == null ? member.messages::add : onMessage),
                member.subscribe(receipts, "/user/queue/acks", member.acks::add),
                member.subscribe(receipts, "/user/queue/errors", member.errors::add),
                member.subscribe(receipts, "/user/queue/presence", member.presence::add),
                // Subscribed while "the page is visible": what makes the member online rather than away.
                member.subscribe(receipts, "/user/queue/here", frame -> { }));
        session.setAutoReceipt(false); // receipts for subscriptions only: sends are acknowledged by the application
        if (receipts) {
            for (CompletableFuture<Void> r : subscribed) {
                r.get(30, TimeUnit.SECONDS);
            }
        }
        return member;
    }

    private CompletableFuture<Void> subscribe(boolean receipts, String destination, Consumer<Map<String, Object>> sink) {
        var receipt = new CompletableFuture<Void>();
        var subscription = session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return Map.class;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void handleFrame(StompHeaders headers, Object payload) {
                sink.accept((Map<String, Object>) payload);
            }
        });
        if (receipts) {
            subscription.addReceiptTask(() -> receipt.complete(null));
            subscription.addReceiptLostTask(() -> receipt.completeExceptionally(new IllegalStateException("No receipt for " + destination)));
        } else {
            receipt.complete(null);
        }
        return receipt;
    }

    /** SEND /app/conversations/{id}/send {clientId, text}. */
    void send(String conversationId, String clientId, String text) {
        sendJson("/app/conversations/" + conversationId + "/send", Map.of("clientId", clientId, "text", text));
    }

    /** SEND /app/conversations/{id}/catch-up {afterSeq}. */
    void catchUp(String conversationId, long afterSeq) {
        sendJson("/app/conversations/" + conversationId + "/catch-up", Map.of("afterSeq", afterSeq));
    }

    /** SEND /app/conversations/{id}/presence: the answer arrives on /user/queue/presence. */
    void askPresence(String conversationId) {
        sendJson("/app/conversations/" + conversationId + "/presence", Map.of());
    }

    private void sendJson(String destination, Map<String, Object> body) {
        var headers = new StompHeaders();
        headers.setDestination(destination);
        session.send(headers, body); // JSON, with its content type, by the client's converter
    }

    boolean connected() {
        return session.isConnected() && !lost;
    }

    /** The next frame of a queue within {@code seconds}, or null. */
    static Map<String, Object> next(BlockingQueue<Map<String, Object>> queue, int seconds) throws InterruptedException {
        return queue.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (session.isConnected()) {
                session.disconnect();
            }
        } catch (RuntimeException e) {
            // the transport is already gone
        }
    }
}
