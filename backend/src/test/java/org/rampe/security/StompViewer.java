package org.rampe.security;

import java.lang.reflect.Type;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.rampe.TestMembers;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * One viewer of the matrix over STOMP, as chat.js is: signed in through the real sign-in form, the
 * session cookie on the WebSocket handshake and the page's CSRF token on CONNECT, the member's own
 * error queue subscribed. Answers what became of one frame: {@code ok} (nothing refused it),
 * {@code refused} (the chat controller said no on {@code /user/queue/errors}), {@code denied} (the
 * destination rules refused the frame: an ERROR frame, the connection closed) or {@code noconnect}.
 */
final class StompViewer implements AutoCloseable {

    /** How long a frame is given to be refused; what is not refused by then is taken as let through. */
    static final Duration QUIET = Duration.ofMillis(1_500);
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private final BlockingQueue<String> broken = new LinkedBlockingQueue<>();
    private final BlockingQueue<Map<String, Object>> refusals = new LinkedBlockingQueue<>();
    private String csrf;
    private WebSocketStompClient client;
    private StompSession session;

    StompViewer(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(WAIT).build();
    }

    /** Signs in through the form, then reads the CSRF token of a page this member may open. */
    StompViewer signIn(String email, String page) throws Exception {
        String form = get("/signin");
        post("/signin", Map.of("_csrf", match(HIDDEN_CSRF, form), "email", email, "password", TestMembers.PASSWORD));
        csrf = match(META_CSRF, get(page));
        return this;
    }

    /** Opens the STOMP session; false when the server refused it. */
    boolean connect() {
        close();
        broken.clear();
        refusals.clear();
        client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setMessageConverter(new CompositeMessageConverter(List.of(new StringMessageConverter(), new JacksonJsonMessageConverter())));
        var handshake = new WebSocketHttpHeaders();
        handshake.setOrigin(base);
        String cookie = cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        if (!cookie.isEmpty()) {
            handshake.add("Cookie", cookie);
        }
        var connect = new StompHeaders();
        if (csrf != null) {
            connect.add("X-CSRF-TOKEN", csrf);
        }
        try {
            session = client.connectAsync(base.replace("http://", "ws://") + "/ws", handshake, connect, new StompSessionHandlerAdapter() {
                @Override
                public void handleException(StompSession s, StompCommand command, StompHeaders headers, byte[] payload, Throwable e) {
                    broken.add(String.valueOf(e));
                }

                @Override
                public void handleTransportError(StompSession s, Throwable e) {
                    broken.add(String.valueOf(e));
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    broken.add("ERROR frame: " + headers.getFirst("message"));
                }

                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return String.class;
                }
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            session = null;
            return false;
        }
        subscribe("/user/queue/errors", refusals);
        return true;
    }

    /** What became of a SEND to {@code destination}. */
    String send(String destination, Map<String, Object> payload) throws Exception {
        if (!connected() && !connect()) {
            return "noconnect";
        }
        refusals.clear();
        session.send(destination, payload);
        return outcome();
    }

    /** What became of a SUBSCRIBE to {@code destination}. */
    String subscribe(String destination) throws Exception {
        if (!connected() && !connect()) {
            return "noconnect";
        }
        refusals.clear();
        subscribe(destination, new LinkedBlockingQueue<>());
        return outcome();
    }

    private String outcome() throws InterruptedException {
        long end = System.nanoTime() + QUIET.toNanos();
        while (System.nanoTime() < end) {
            if (!broken.isEmpty() || !connected()) {
                close();
                return "denied";
            }
            if (refusals.poll(50, TimeUnit.MILLISECONDS) != null) {
                return "refused";
            }
        }
        return "ok";
    }

    private void subscribe(String destination, BlockingQueue<Map<String, Object>> sink) {
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return Map.class;
            }

            @Override
            @SuppressWarnings("unchecked")
            public void handleFrame(StompHeaders headers, Object payload) {
                sink.add((Map<String, Object>) payload);
            }
        });
    }

    private boolean connected() {
        return session != null && session.isConnected();
    }

    @Override
    public void close() {
        if (connected()) {
            try {
                session.disconnect();
            } catch (RuntimeException e) {
                // Closed by the server in the meantime: nothing left to close.
            }
        }
        session = null;
        if (client != null) {
            client.stop();
            client = null;
        }
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void post(String path, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String match(Pattern pattern, String html) {
        var m = pattern.matcher(html);
        if (!m.find()) {
            throw new AssertionError("No " + pattern + " in the page");
        }
        return m.group(1).replace("&#45;", "-");
    }
}
