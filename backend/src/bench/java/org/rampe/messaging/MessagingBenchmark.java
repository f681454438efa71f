package org.rampe.messaging;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.rampe.TestMembers.WebSession;
import org.rampe.graph.Graph;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Live messaging under load, on 127.0.0.1 (see docs/benchmarks.md, "Live messaging"):
 * <ol>
 * <li>one application instance in a JVM of its own with the graph embedded, as {@code ./rampe} runs
 * by default (page cache 128 MB, its Bolt port open to this JVM's fixtures), or with
 * {@code -Dbench.graph=server} against the standalone graph server in a third JVM; the application
 * with a fixed 1 GiB heap ({@code -Xms1g -Xmx1g}, as {@code ./rampe} runs it);</li>
 * <li>{@value #MEMBERS} members in {@value #MEMBERS}/2 direct conversations, written over Bolt with a
 * cheap {@code {bcrypt}} hash (strength 4), which the application's DelegatingPasswordEncoder
 * reads and never re-hashes (no UserDetailsPasswordService), so that signing them in through the
 * real form takes seconds rather than the Argon2 minutes;</li>
 * <li>every member signed in and connected with Spring's {@link WebSocketStompClient} (this JVM is
 * the load generator), subscribed as chat.js is;</li>
 * <li>{@value #RATE} messages a second, each member in turn (about 9 a minute each, under the send
 * throttle) during the measured period, after a warm-up whose rate climbs from 0 to that (a ramp)
 * and then stays there for {@link #HOLD} unmeasured;
 * send→receive latency is from the SEND to the
 * MESSAGE frame at the other member of the conversation (HdrHistogram, µs); "lost" = acknowledged
 * but never received by the other member within a drain period after the end;</li>
 * <li>idle sessions: the application started again, heap measured after a full GC ({@code jcmd
 * GC.run}, {@code GC.heap_info}) when fresh, after the members signed in (HTTP sessions), and with
 * {@value #IDLE} idle STOMP sessions connected (several per member, each subscribed like chat.js);
 * sessions per GiB = sessions / (heap with them − heap before).</li>
 * </ol>
 * Prints a Markdown report, also written to {@code target/bench-results/messaging.md}.
 */
@Tag("benchmark")
class MessagingBenchmark {

    static final int MEMBERS = Integer.getInteger("bench.members", 2_000);
    static final int RATE = Integer.getInteger("bench.rate", 300);
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 30));
    /**
     * Then the full rate, unmeasured, before the measured period: the steady state the target is
     * for. Runs 9-11 measured from the end of the ramp and their first windows held the instance's
     * first seconds at the full rate (collector resizing its regions, the JIT compiling the hot
     * paths at that rate), 0.3-1.4 s at p99, where later windows held 45-126 ms.
     */
    static final Duration HOLD = Duration.ofSeconds(Long.getLong("bench.holdSeconds", 60));
    static final Duration MEASURED = Duration.ofSeconds(Long.getLong("bench.seconds", 60));
    /**
     * Then as long again at the same rate while members sign in through the form (0: no such
     * phase): each sign-in checks an Argon2 hash (16 MiB, the application's own encoder), the
     * load that made the chat's tail grow (issue 17).
     */
    static final Duration SIGN_INS = Duration.ofSeconds(Long.getLong("bench.signinSeconds", 60));
    /** Sign-ins a second during that phase (open loop). */
    static final double SIGN_IN_RATE = Double.parseDouble(System.getProperty("bench.signinRate", "5"));
    /** Accounts with an Argon2 hash that sign in, in turn, during that phase. */
    static final int SIGNERS = Integer.getInteger("bench.signers", 200);
    static final Duration DRAIN = Duration.ofSeconds(15);
    static final int IDLE = Integer.getInteger("bench.idle", 5_000);
    /** The application's fixed heap (as ./rampe's RAMPE_HEAP, 1g by default). */
    static final String HEAP = System.getProperty("bench.heap", "1g");
    static final boolean RELAY = Boolean.getBoolean("bench.relay");
    /** The graph embedded in the application (the default deployment), or the standalone graph server with -Dbench.graph=server. */
    static final boolean EMBEDDED = !"server".equals(System.getProperty("bench.graph", "embedded"));
    static final String[] SUBSCRIPTIONS = {"/user/queue/messages", "/user/queue/acks", "/user/queue/errors", "/user/queue/counts"};

    record Pair(int a, int b, String conversation) {
    }

    @Test
    void liveMessaging() throws Exception {
        Instant date = Instant.now();
        double loadAtStart = load();
        var traffic = new MessagingLoad();
        List<String> report = new ArrayList<>();
        List<String> settings = new ArrayList<>(RELAY ? RabbitMqBroker.relayArguments() : List.of());
        // More application settings, e.g. -Dbench.appArgs=--rampe.capacity.hashes=64 to compare without the bound.
        String appArgs = System.getProperty("bench.appArgs", "").strip();
        if (!appArgs.isEmpty()) {
            settings.addAll(List.of(appArgs.split("\\s+")));
        }
        if (RELAY) {
            RabbitMqBroker.ensureRunning();
        }
        try (var processes = new RampeProcesses("bench")) {
            RampeProcesses.Graph server;
            RampeProcesses.App app;
            if (EMBEDDED) {
                var embedded = processes.startAppWithEmbeddedGraph("app", HEAP, "128MB", settings);
                app = embedded.app();
                server = embedded.graph();
            } else {
                server = processes.startGraph();
                app = processes.startApp("app", server, HEAP, settings);
            }
            try (Driver driver = server.driver()) {
                Graph graph = new Graph(driver);
                long t = System.nanoTime();
                List<Pair> pairs = members(graph);
                List<String> signers = signers(graph);
                System.out.printf(Locale.ROOT, "[bench] %,d members and %,d conversations written in %.1f s%n", MEMBERS, pairs.size(),
                        (System.nanoTime() - t) / 1e9);

                // ---- load: 2,000 connected clients, RATE persisted messages a second
                t = System.nanoTime();
                List<WebSession> webs = signInAll(app.baseUrl());
                System.out.printf(Locale.ROOT, "[bench] %,d members signed in through the form in %.1f s%n", webs.size(),
                        (System.nanoTime() - t) / 1e9);
                WebSocketStompClient client = stompClient();
                t = System.nanoTime();
                StompSession[] sessions = new StompSession[MEMBERS];
                String[] memberIds = memberIds();
                traffic.connectAll(client, webs, sessions, memberIds);
                System.out.printf(Locale.ROOT, "[bench] %,d STOMP sessions connected in %.1f s%n", MEMBERS, (System.nanoTime() - t) / 1e9);
                double loadBeforeLoad = load();
                var signIns = new SignInLoad(app.baseUrl(), signers, StompMember.PASSWORD, SIGN_IN_RATE, 64);
                double[] loadAtSignIns = {Double.NaN};
                Thread[] signInDriver = {null};
                long sent = traffic.run(sessions, pairs, until -> {
                    loadAtSignIns[0] = load();
                    signInDriver[0] = signIns.start(until);
                });
                if (signInDriver[0] != null) {
                    signInDriver[0].join(120_000);
                }
                double loadAfterLoad = load();
                long ackedMeasured = traffic.acked.size();
                long lost = traffic.acked.keySet().stream().filter(id -> !traffic.received.containsKey(id)).count();
                Histogram h = traffic.latency.copy();
                for (StompSession s : sessions) {
                    MessagingLoad.disconnect(s);
                }
                long stored = graph.count("MATCH (m:Message) RETURN count(m) AS n", Map.of());
                report.add("### Send → receive, %,d connected clients, %d messages/s".formatted(MEMBERS, RATE));
                report.add("");
                report.add("| measured | sent | acknowledged | received | lost (acked, never received) | refused | p50 | p95 | p99 | max |");
                report.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                report.add(String.format(Locale.ROOT, "| %d s at %d/s after a %d s ramp and %d s at that rate | %,d | %,d | %,d | %d | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |",
                        MEASURED.toSeconds(), RATE, WARM_UP.toSeconds(), HOLD.toSeconds(), sent, ackedMeasured, h.getTotalCount(), lost, traffic.refusals.get(),
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                        h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0));
                report.add("");
                report.add("By 10-second window of sending (a backlog left by the warm-up drains or grows):");
                report.add("");
                report.add("| sent during | received | p50 | p95 | p99 |");
                report.add("| --- | ---: | ---: | ---: | ---: |");
                for (int w = 0; w < traffic.windows.length; w++) {
                    Histogram wh = traffic.windows[w].copy();
                    report.add(String.format(Locale.ROOT, "| %d-%d s | %,d | %.1f ms | %.1f ms | %.1f ms |", w * 10, Math.min(MEASURED.toSeconds(), w * 10 + 10),
                            wh.getTotalCount(), wh.getValueAtPercentile(50) / 1000.0, wh.getValueAtPercentile(95) / 1000.0,
                            wh.getValueAtPercentile(99) / 1000.0));
                }
                report.add("");
                if (SIGN_INS.toSeconds() > 0) {
                    long ackedSignIns = traffic.ackedDuringSignIns.size();
                    long lostSignIns = traffic.ackedDuringSignIns.keySet().stream().filter(id -> !traffic.received.containsKey(id)).count();
                    Histogram hs = traffic.duringSignIns.copy();
                    Histogram si = signIns.latency.copy();
                    report.add("### Send → receive while members sign in (%.1f sign-ins/s through the form, Argon2 hashes), the %d s after the measured minute".formatted(SIGN_IN_RATE, SIGN_INS.toSeconds()));
                    report.add("");
                    report.add("| measured | sent | acknowledged | received | lost | p50 | p95 | p99 | max |");
                    report.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                    report.add(String.format(Locale.ROOT, "| %d s at %d/s with sign-ins | %,d | %,d | %,d | %d | %.1f ms | %.1f ms | %.1f ms | %.1f ms |",
                            SIGN_INS.toSeconds(), RATE, traffic.sentDuringSignIns, ackedSignIns, hs.getTotalCount(), lostSignIns,
                            hs.getValueAtPercentile(50) / 1000.0, hs.getValueAtPercentile(95) / 1000.0,
                            hs.getValueAtPercentile(99) / 1000.0, hs.getMaxValue() / 1000.0));
                    report.add("");
                    report.add("| sent during | received | p50 | p95 | p99 |");
                    report.add("| --- | ---: | ---: | ---: | ---: |");
                    for (int w = 0; w < traffic.signInWindows.length; w++) {
                        Histogram wh = traffic.signInWindows[w].copy();
                        report.add(String.format(Locale.ROOT, "| %d-%d s | %,d | %.1f ms | %.1f ms | %.1f ms |", w * 10, Math.min(SIGN_INS.toSeconds(), w * 10 + 10),
                                wh.getTotalCount(), wh.getValueAtPercentile(50) / 1000.0, wh.getValueAtPercentile(95) / 1000.0,
                                wh.getValueAtPercentile(99) / 1000.0));
                    }
                    report.add("");
                    report.add(String.format(Locale.ROOT, "Sign-ins: %,d signed in, %,d answered 503 (busy), %,d answered 429, %,d failed, %,d not started "
                            + "(client saturated); GET form + POST p50 %.1f ms, p99 %.1f ms, max %.1f ms. Load average (1 min) when they began: %.2f.",
                            signIns.signedIn.get(), signIns.busy.get(), signIns.limited.get(), signIns.failed.get(), signIns.skipped.get(),
                            si.getValueAtPercentile(50) / 1000.0, si.getValueAtPercentile(99) / 1000.0, si.getMaxValue() / 1000.0, loadAtSignIns[0]));
                    report.add("");
                }
                report.add(String.format(Locale.ROOT, "Messages in the database at the end (warm-up included): %,d. Transport errors: %d. "
                        + "Received twice: %d. Load average (1 min): %.2f before, %.2f at the end of the load.", stored, traffic.transportErrors.get(), traffic.duplicates.get(),
                        loadBeforeLoad, loadAfterLoad));
                report.add("");
                client.stop();

                // ---- idle sessions per GiB of heap, on a fresh start of the same instance
                if (IDLE > 0) {
                    app.stop();
                    app.restart();
                    long fresh = heapAfterFullGc(app.pid());
                    webs = signInAll(app.baseUrl());
                    long signedIn = heapAfterFullGc(app.pid());
                    client = stompClient();
                    t = System.nanoTime();
                    List<StompSession> idle = traffic.connectIdle(client, webs);
                    System.out.printf(Locale.ROOT, "[bench] %,d idle STOMP sessions connected in %.1f s%n", idle.size(), (System.nanoTime() - t) / 1e9);
                    Thread.sleep(5_000);
                    long withIdle = heapAfterFullGc(app.pid());
                    long alive = idle.stream().filter(StompSession::isConnected).count();
                    double perSession = (double) (withIdle - signedIn) / idle.size();
                    report.add("### Idle sessions, heap after a full GC (`-Xms" + HEAP + " -Xmx" + HEAP + "`)");
                    report.add("");
                    report.add("| state | heap used | |");
                    report.add("| --- | ---: | --- |");
                    report.add(String.format(Locale.ROOT, "| fresh start | %.1f MiB | |", fresh / 1048576.0));
                    report.add(String.format(Locale.ROOT, "| %,d members signed in (HTTP sessions) | %.1f MiB | %+.1f MiB |", webs.size(),
                            signedIn / 1048576.0, (signedIn - fresh) / 1048576.0));
                    report.add(String.format(Locale.ROOT, "| + %,d idle STOMP sessions (%,d still connected at the measure) | %.1f MiB | %+.1f MiB, %.1f KiB a session |",
                            idle.size(), alive, withIdle / 1048576.0, (withIdle - signedIn) / 1048576.0, perSession / 1024));
                    report.add("");
                    report.add(String.format(Locale.ROOT, "Sessions per GiB of heap: **%,.0f** (the sessions' own cost); "
                            + "the instance with %,d sessions uses %.0f MiB of its 1 GiB heap.", (1L << 30) / perSession, idle.size(),
                            withIdle / 1048576.0));
                    for (StompSession s : idle) {
                        MessagingLoad.disconnect(s);
                    }
                    client.stop();
                }
            }
        }
        String header = String.format(Locale.ROOT, "%s, %d cores, Java %s, broker: %s, graph: %s; load average (1 min) %.2f at start, %.2f at the end.%n%n",
                date, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                RELAY ? "RabbitMQ through the STOMP relay" : "in-memory simple broker",
                EMBEDDED ? "embedded in the application" : "standalone graph server", loadAtStart, load());
        String text = header + String.join("\n", report) + "\n";
        System.out.println(text);
        Path out = Path.of("target", "bench-results", "messaging.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    // ---------------------------------------------------------------- data

    static String handle(int i) {
        return "bench" + i;
    }

    /** Members 2k and 2k+1 share a direct conversation (the contract's shape, as ConversationRepository writes it). */
    private List<Pair> members(Graph graph) {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(StompMember.PASSWORD);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            rows.add(Map.of("id", new UUID(0xbe9c_0000_0000_0000L, i).toString(), "email", StompMember.email(handle(i)),
                    "handle", handle(i)));
        }
        graph.write("""
                UNWIND $rows AS row
                CREATE (:Member {id: row.id, email: row.email, handle: row.handle, displayName: 'Member ' + row.handle,
                        passwordHash: $hash, language: 'fr', createdAt: datetime(), textSize: 100,
                        highContrast: false, dyslexiaFont: false, reducedMotion: false})""", Map.of("rows", rows, "hash", hash));
        List<Pair> pairs = new ArrayList<>();
        List<Map<String, Object>> conversations = new ArrayList<>();
        for (int i = 0; i + 1 < MEMBERS; i += 2) {
            String a = (String) rows.get(i).get("id");
            String b = (String) rows.get(i + 1).get("id");
            String id = UUID.randomUUID().toString();
            conversations.add(Map.of("a", a, "b", b, "id", id, "pairKey", a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a));
            pairs.add(new Pair(i, i + 1, id));
        }
        graph.write("""
                UNWIND $rows AS row
                MATCH (a:Member {id: row.a}), (b:Member {id: row.b})
                CREATE (c:Conversation {id: row.id, kind: 'direct', pairKey: row.pairKey, createdAt: datetime(), lastSeq: 0})
                CREATE (a)-[:IN_CONVERSATION {joinedAt: datetime(), readSeq: 0, muted: false}]->(c)
                CREATE (b)-[:IN_CONVERSATION {joinedAt: datetime(), readSeq: 0, muted: false}]->(c)""", Map.of("rows", conversations));
        return pairs;
    }

    /** Accounts that sign in during the sign-in phase, with a real Argon2 hash as sign-up writes it (one hash, computed once here). */
    private static List<String> signers(Graph graph) {
        String hash = "{argon2@SpringSecurity_v5_8}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(StompMember.PASSWORD);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < SIGNERS; i++) {
            String handle = "signer" + i;
            rows.add(Map.of("id", new UUID(0x5191_0000_0000_0000L, i).toString(), "email", StompMember.email(handle), "handle", handle));
            emails.add(StompMember.email(handle));
        }
        graph.write("""
                UNWIND $rows AS row
                CREATE (:Member {id: row.id, email: row.email, handle: row.handle, displayName: 'Member ' + row.handle,
                        passwordHash: $hash, language: 'fr', createdAt: datetime(), textSize: 100,
                        highContrast: false, dyslexiaFont: false, reducedMotion: false})""", Map.of("rows", rows, "hash", hash));
        return emails;
    }

    private static String[] memberIds() {
        String[] ids = new String[MEMBERS];
        for (int i = 0; i < MEMBERS; i++) {
            ids[i] = new UUID(0xbe9c_0000_0000_0000L, i).toString();
        }
        return ids;
    }

    private static List<WebSession> signInAll(String base) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<WebSession>> futures = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                String handle = handle(i);
                futures.add(pool.submit(() -> StompMember.signIn(base, handle)));
            }
            List<WebSession> webs = new ArrayList<>();
            for (var f : futures) {
                webs.add(f.get());
            }
            return webs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static WebSocketStompClient stompClient() {
        return StompMember.client();
    }

    // ---------------------------------------------------------------- the server's heap

    private static final Pattern USED = Pattern.compile("heap\\s+total[^\\n]*?used (\\d+)K");
    /** ZGC's GC.heap_info says "ZHeap used 210M, capacity …" (whole MiB). */
    private static final Pattern Z_USED = Pattern.compile("ZHeap\\s+used (\\d+)M");

    /** Heap used after a full collection, in bytes (jcmd GC.run, then GC.heap_info). */
    private static long heapAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        if (m.find()) {
            return Long.parseLong(m.group(1)) * 1024;
        }
        Matcher z = Z_USED.matcher(info);
        if (z.find()) {
            return Long.parseLong(z.group(1)) * 1024 * 1024;
        }
        throw new IllegalStateException("Unexpected GC.heap_info: " + info);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
