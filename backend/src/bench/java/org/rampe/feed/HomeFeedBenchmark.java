package org.rampe.feed;

import static org.rampe.BenchRuns.KEEP;
import static org.rampe.BenchRuns.QUERIES;
import static org.rampe.BenchRuns.WARM_UP;
import static org.rampe.feed.HomeFeedGraph.INBOX_READERS;
import static org.rampe.feed.HomeFeedGraph.MEMBERS;
import static org.rampe.feed.HomeFeedGraph.PASSWORD;
import static org.rampe.feed.HomeFeedGraph.POSTS;
import static org.rampe.feed.HomeFeedGraph.counts;
import static org.rampe.feed.HomeFeedGraph.memberId;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ac.simons.neo4j.migrations.core.Migrations;
import ac.simons.neo4j.migrations.core.MigrationsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.rampe.HttpBenchClient;
import org.rampe.Latencies;
import org.rampe.RampeApplication;
import org.rampe.graph.EmbeddedGraph;
import org.rampe.graph.Graph;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Home-feed latency on a social graph with power-law degrees: 100,000 members, 2,000,000 posts,
 * 1,000,000 follows, and the feed inboxes the application would have written for them (computed
 * here in Java from the generated data, newest {@link FeedRepository#CAP} readable posts per
 * reader, with the horizon where an inbox was cut). Measured through {@link HomeFeed} (50 posts a
 * page) and through {@code GET /feed} signed in (the page's 20 posts), first page and a deep page
 * (after 400 posts), for readers drawn uniformly and among the 1 % who follow the most. Single
 * client thread on 127.0.0.1. Writes {@code backend/target/bench-results/home-feed.md}.
 *
 * <p>Run (see docs/benchmarks.md):
 * {@code ./mvnw -o -pl backend -am test -Pbench -Dtest=HomeFeedBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * — add {@code -Dbench.keep=true} to keep the generated graph in {@code backend/target/bench-data/feed}
 * and reuse it on the next run.
 */
@Tag("benchmark")
class HomeFeedBenchmark {

    /**
     * Continue an interrupted generation kept with bench.keep: members, posts and follows are
     * drawn again from the same seed but not written; inboxes not yet written are.
     */
    static final boolean RESUME = Boolean.getBoolean("bench.resume");
    /** Sized to hold the whole store (about 3 GB with every inbox), as a production server should be. */
    static final long PAGE_CACHE = Long.getLong("bench.pageCacheMb", 4096) * 1024 * 1024;
    static final int REPO_PAGE = 50;
    static final int DEEP_AFTER = 400;
    /** Readers sampled per group (each with a precomputed deep-page cursor); HTTP signs in fewer. */
    static final int SAMPLE = 300;
    static final int HTTP_SAMPLE = 60;

    private final Random random = new Random(20261128L);

    static {
        // Before anything starts, as the generator's sort key needs it.
        if (POSTS > (1 << 22)) {
            throw new IllegalStateException("The sort key holds at most 4,194,304 posts");
        }
    }

    @Test
    void homeFeed() throws Exception {
        Path dataDir = Path.of("target", "bench-data", "feed").toAbsolutePath().normalize();
        Path marker = dataDir.resolve("generated.properties");
        boolean reuse = KEEP && Files.exists(marker);
        if (!reuse && !RESUME) {
            Latencies.deleteRecursively(dataDir);
        }
        Instant date = Instant.now();
        try (EmbeddedGraph graph = EmbeddedGraph.start(dataDir.resolve("graph"), "127.0.0.1", 0, PAGE_CACHE);
             Driver driver = GraphDatabase.driver(graph.boltUri(), AuthTokens.basic(EmbeddedGraph.USER, graph.password()))) {
            new Migrations(MigrationsConfig.builder().withLocationsToScan("classpath:neo4j/migrations").build(), driver).apply();
            Properties generated = new Properties();
            if (reuse) {
                try (var in = Files.newInputStream(marker)) {
                    generated.load(in);
                }
                System.out.println("Reusing the graph generated in " + generated.getProperty("seconds") + " s");
            } else {
                long ms = new HomeFeedGraph(random).generate(driver, RESUME);
                generated.setProperty("seconds", String.format(Locale.ROOT, "%.0f", ms / 1000.0));
                try (var out = Files.newOutputStream(marker)) {
                    generated.store(out, "HomeFeedBenchmark");
                }
            }
            var counts = counts(driver);
            System.out.println("Graph: " + counts);

            var feed = new HomeFeed(new FeedRepository(new Graph(driver)));
            List<String> uniform = uniformReaders(SAMPLE);
            List<String> heaviest = heaviestReaders(driver, SAMPLE);
            Map<String, FeedCursor> deep = new HashMap<>();
            for (String r : concat(uniform, heaviest)) {
                deep.put(r, cursorAfter(feed, r, DEEP_AFTER));
            }
            List<String> uniformDeep = uniform.stream().filter(r -> deep.get(r) != null).toList();
            List<String> heaviestDeep = heaviest.stream().filter(r -> deep.get(r) != null).toList();

            List<Row> rows = new ArrayList<>();
            rows.add(measure("first page, 50", "uniform", "repository",
                    () -> feed.page(pick(uniform), null, REPO_PAGE).posts().size()));
            rows.add(measure("first page, 50", "heaviest 1 %", "repository",
                    () -> feed.page(pick(heaviest), null, REPO_PAGE).posts().size()));
            rows.add(measure("after 400, 50", "uniform (" + uniformDeep.size() + "/" + uniform.size() + " reach it)", "repository",
                    () -> { String r = pick(uniformDeep); return feed.page(r, deep.get(r), REPO_PAGE).posts().size(); }));
            rows.add(measure("after 400, 50", "heaviest 1 %", "repository",
                    () -> { String r = pick(heaviestDeep); return feed.page(r, deep.get(r), REPO_PAGE).posts().size(); }));
            rows.add(measure("naive fan-out on read, 50 (for comparison)", "heaviest 1 %", "repository",
                    () -> naive(driver, pick(heaviest)), Math.min(QUERIES, 300)));

            Path appDir = Files.createTempDirectory("rampe-bench-app-");
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RampeApplication.class).properties(
                    "spring.neo4j.uri=" + graph.boltUri(), "spring.neo4j.authentication.username=" + EmbeddedGraph.USER,
                    "spring.neo4j.authentication.password=" + graph.password(), "server.port=0",
                    "server.address=127.0.0.1", "rampe.data-dir=" + appDir).run()) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                String base = "http://127.0.0.1:" + port;
                var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                Map<String, String> sessions = new HashMap<>();
                List<String> httpUniform = uniformDeep.subList(0, Math.min(HTTP_SAMPLE, uniformDeep.size()));
                List<String> httpHeaviest = heaviestDeep.subList(0, Math.min(HTTP_SAMPLE, heaviestDeep.size()));
                for (String r : concat(httpUniform, httpHeaviest)) {
                    sessions.put(r, signIn(http, base, r));
                }
                rows.add(measureHttp("GET /feed (20)", "uniform", () -> {
                    String r = pick(httpUniform);
                    return new HttpBenchClient.Request(base + "/feed", sessions.get(r));
                }));
                rows.add(measureHttp("GET /feed (20)", "heaviest 1 %", () -> {
                    String r = pick(httpHeaviest);
                    return new HttpBenchClient.Request(base + "/feed", sessions.get(r));
                }));
                rows.add(measureHttp("GET /feed after 400 (20)", "uniform", () -> {
                    String r = pick(httpUniform);
                    return new HttpBenchClient.Request(base + "/feed?" + query(deep.get(r)), sessions.get(r));
                }));
                rows.add(measureHttp("GET /feed after 400 (20)", "heaviest 1 %", () -> {
                    String r = pick(httpHeaviest);
                    return new HttpBenchClient.Request(base + "/feed?" + query(deep.get(r)), sessions.get(r));
                }));
            } finally {
                Latencies.deleteRecursively(appDir);
            }
            String report = report(date, generated.getProperty("seconds"), counts, rows);
            System.out.println(report);
            Path out = Path.of("target", "bench-results", "home-feed.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out.toAbsolutePath());
        } finally {
            if (!KEEP) {
                Latencies.deleteRecursively(dataDir);
            }
        }
    }

    // ---------------------------------------------------------------- readers

    private List<String> uniformReaders(int n) {
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readers.add(memberId(random.nextInt(INBOX_READERS)));
        }
        return readers;
    }

    /** A sample of the 1 % of members who follow the most. */
    private List<String> heaviestReaders(Driver driver, int n) {
        List<String> top;
        try (var session = driver.session()) {
            top = session.executeRead(tx -> tx.run("""
                    MATCH (m:Member)
                    WITH m, COUNT { (m)-[:FOLLOWS]->() } AS following
                    ORDER BY following DESC
                    LIMIT $top
                    // Ties at the edge of the 1 % may differ from the generator's pick: keep those with an inbox.
                    WITH m WHERE m.feedHorizon IS NOT NULL OR EXISTS { (m)-[:FEED]->() }
                    RETURN m.id AS id""", Map.of("top", MEMBERS / 100)).list(r -> r.get("id").asString()));
        }
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            readers.add(top.get(random.nextInt(top.size())));
        }
        return readers;
    }

    /** The cursor after the reader's first {@code after} posts, or null if their feed is shorter. */
    private static FeedCursor cursorAfter(HomeFeed feed, String reader, int after) {
        FeedCursor cursor = null;
        int seen = 0;
        while (seen < after) {
            var page = feed.page(reader, cursor, REPO_PAGE);
            seen += page.posts().size();
            if (!page.hasOlder()) {
                return null;
            }
            cursor = page.next();
        }
        return cursor;
    }

    private String pick(List<String> readers) {
        return readers.get(random.nextInt(readers.size()));
    }

    /** The straightforward query the inbox replaces, for the record. */
    private static int naive(Driver driver, String reader) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> tx.run("""
                    MATCH (r:Member {id: $id})-[:FOLLOWS]->(a:Member)-[:POSTED]->(p:Post)
                    RETURN p.id AS id ORDER BY p.createdAt DESC LIMIT 50""", Map.of("id", reader)).list().size());
        }
    }

    // ---------------------------------------------------------------- HTTP

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final Pattern SESSION = Pattern.compile("RAMPE_SESSION=([^;]+)");
    
    /** Signs in through the real form (GET /signin for the CSRF token, POST /signin); returns the session cookie. */
    private static String signIn(HttpClient http, String base, String memberId) throws IOException, InterruptedException {
        int index = (int) UUID.fromString(memberId).getLeastSignificantBits();
        var form = http.send(HttpRequest.newBuilder(URI.create(base + "/signin")).GET().build(), HttpResponse.BodyHandlers.ofString());
        // A visitor's CSRF token is in a cookie (no session before signing in).
        String csrfCookie = form.headers().allValues("Set-Cookie").stream().map(h -> h.split(";", 2)[0])
                .filter(c -> c.startsWith("RAMPE_CSRF=")).findFirst().orElse("");
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("No CSRF token on /signin");
        }
        String token = m.group(1) != null ? m.group(1) : m.group(2);
        String body = "email=" + enc("member" + index + "@bench.invalid") + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(token);
        var signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/signin")).header("Cookie", csrfCookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Sign-in failed for member" + index + ": " + signedIn.statusCode() + " " + signedIn.headers().map());
        }
        return cookie(signedIn);
    }

    private static String cookie(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher m = SESSION.matcher(header);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String query(FeedCursor c) {
        return "before=" + enc(c.at().toString()) + "&post=" + enc(c.post());
    }

    // ---------------------------------------------------------------- measuring

    record Row(String query, String readers, String path, int queries, double p50, double p95, double p99, double max,
               double mean, double meanResults) {
    }

    private static Row measure(String query, String readers, String path, IntSupplier run) {
        return measure(query, readers, path, run, QUERIES);
    }

    private static Row measure(String query, String readers, String path, IntSupplier run, int queries) {
        var f = Latencies.measure(WARM_UP, queries, run);
        var row = new Row(query, readers, path, f.queries(), f.p50(), f.p95(), f.p99(), f.max(), f.mean(), f.meanResults());
        System.out.printf(Locale.ROOT, "%s, %s, via %s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.1f posts%n",
                query, readers, path, row.p50(), row.p95(), row.p99(), row.meanResults());
        return row;
    }

    /** Through HTTP, from a client in its own JVM (see {@link HttpBenchClient}). */
    private static Row measureHttp(String query, String readers, java.util.function.Supplier<HttpBenchClient.Request> next)
            throws IOException, InterruptedException {
        var f = HttpBenchClient.measure(WARM_UP, QUERIES, next, HttpBenchClient.Counter.HTML_ARTICLES);
        var row = new Row(query, readers, "HTTP (client in its own JVM)", f.queries(), f.p50(), f.p95(), f.p99(), f.max(),
                f.mean(), f.meanResults());
        System.out.printf(Locale.ROOT, "%s, %s, via HTTP: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.1f posts%n",
                query, readers, row.p50(), row.p95(), row.p99(), row.meanResults());
        return row;
    }

    private static String report(Instant date, String generationSeconds, Map<String, Long> counts, List<Row> rows) {
        var rt = Runtime.getRuntime();
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Inboxes written for members 0 to %,d (a uniform sample; uniform readers drawn "
                + "among them) and for the 1 %% who follow the most. ", INBOX_READERS - 1));
        sb.append(String.format(Locale.ROOT, "Run %s. Data: %s; generated in %s s. Machine: %d cores (%s), Java %s, heap max "
                        + "%d MB, page cache %d MB, load average (1 min) at the end %.2f. Single client thread, %d warm-up "
                        + "then the measured queries per row, readers drawn at random from the group.%n%n",
                date.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), counts, generationSeconds, rt.availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version"),
                rt.maxMemory() / (1024 * 1024), PAGE_CACHE / (1024 * 1024),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), WARM_UP));
        sb.append("| page | readers | through | queries | p50 ms | p95 ms | p99 ms | max ms | mean ms | mean posts |\n");
        sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %.2f | %.2f | %.1f | %.2f | %.1f |%n", r.query(),
                    r.readers(), r.path(), r.queries(), r.p50(), r.p95(), r.p99(), r.max(), r.mean(), r.meanResults()));
        }
        return sb.toString();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
