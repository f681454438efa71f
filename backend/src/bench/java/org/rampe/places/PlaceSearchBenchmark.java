package org.rampe.places;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

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
import org.rampe.members.NeedProfile;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Place search latency on a realistic graph: 200,000 places clustered around five French cities,
 * 1,000,000 answers (some from 20,000 members), searched by radius and by box, through the
 * repository and through {@code GET /api/places} on a running application. Single client thread,
 * everything on 127.0.0.1. Prints a Markdown table and writes it to
 * {@code backend/target/bench-results/place-search.md}.
 *
 * <p>Run (see docs/benchmarks.md):
 * {@code ./mvnw -o -pl backend -am test -Pbench -Dtest=PlaceSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class PlaceSearchBenchmark {

    static final int PLACES = Integer.getInteger("bench.places", 200_000);
    static final int ANSWERS = Integer.getInteger("bench.answers", 1_000_000);
    static final int MEMBERS = Integer.getInteger("bench.members", 20_000);
    static final int QUERIES = Integer.getInteger("bench.queries", 1_000);
    /**
     * Unmeasured requests before each measured row. The targets are for a running instance: with
     * 200 the JIT was still compiling the database's and the request path's code (on 2 cores, on
     * the measured requests' cores) while the 1,000 measured ones ran, and p95 measured that
     * (docs/benchmarks.md). 3,000 reach the steady state; {@code -Dbench.warmup=200} shows a cold one.
     */
    static final int WARM_UP = Integer.getInteger("bench.warmup", 3_000);
    /** Keep {@code target/bench-data} after the run, and reuse it (no generation) when it holds the same data. */
    static final boolean KEEP = Boolean.getBoolean("bench.keep");
    /** Print the PROFILE of one radius and one box search (the exact Cypher the repository runs). */
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    /** Written once generation has finished: what was generated and how long it took. */
    static final String GENERATED_MARKER = "generated.properties";
    static final long PAGE_CACHE = 1024L * 1024 * 1024;
    /** Places per write transaction; with their answers that is about 10,000 answers per transaction. */
    static final int PLACES_PER_TX = Math.max(1, 10_000 * PLACES / ANSWERS);

    record City(String name, String postcode, double lat, double lon, double share) {
    }

    static final List<City> CITIES = List.of(
            new City("Montpellier", "34000", 43.6108, 3.8767, 0.40),
            new City("Bordeaux", "33000", 44.8378, -0.5792, 0.15),
            new City("Lyon", "69000", 45.7640, 4.8357, 0.15),
            new City("Lille", "59000", 50.6292, 3.0573, 0.15),
            new City("Paris", "75000", 48.8566, 2.3522, 0.15));

    static final List<String> CATEGORIES = List.of("cafe", "restaurant", "bakery", "pharmacy", "town_hall", "library",
            "museum", "cinema", "supermarket", "post_office", "doctor", "school", "bank", "hairdresser", "bar");
    static final List<String> WORDS = List.of("du Centre", "de la Gare", "des Arts", "Saint-Roch", "du Marché",
            "de la Comédie", "des Halles", "du Parc", "Jean Jaurès", "de la Paix", "du Port", "Victor Hugo");
    static final List<String> STREETS = List.of("rue de la République", "avenue Foch", "boulevard Gambetta",
            "rue Jean Jaurès", "place de la Mairie", "rue Victor Hugo", "avenue de Toulouse", "rue du Faubourg");

    /** Draws the data. */
    private final Random random = new Random(20261128L);
    /** Draws the query centres: its own seed, so that a run on kept data searches the same places as a fresh one. */
    private final Random queries = new Random(20261129L);

    @Test
    void placeSearch() throws Exception {
        Path dataDir = Path.of("target", "bench-data").toAbsolutePath().normalize();
        Long kept = KEEP ? keptGeneration(dataDir) : null;
        if (kept == null) {
            Latencies.deleteRecursively(dataDir);
        }
        Instant date = Instant.now();
        try (EmbeddedGraph graph = EmbeddedGraph.start(dataDir.resolve("graph"), "127.0.0.1", 0, PAGE_CACHE);
             Driver driver = GraphDatabase.driver(graph.boltUri(), AuthTokens.basic(EmbeddedGraph.USER, graph.password()))) {
            // On kept data this applies only the migrations added since it was generated.
            new Migrations(MigrationsConfig.builder().withLocationsToScan("classpath:neo4j/migrations").build(), driver).apply();
            long generation;
            if (kept != null) {
                generation = kept;
                System.out.printf(Locale.ROOT, "Reusing the data kept in %s (generated in %.1f s)%n", dataDir, kept / 1000.0);
            } else {
                generation = generate(driver);
                Files.writeString(dataDir.resolve(GENERATED_MARKER), sizes() + "\ngenerationMs=" + generation + "\n");
            }
            long[] counts = counts(driver);

            var repository = new PlaceSearchRepository(new Graph(driver));
            var search = new PlaceSearch(repository, new Geocoder(repository));
            if (PROFILE) {
                profile(driver, "radius", PlaceSearchRepository.nearStatement(new GeoPoint(43.6108, 3.8767), 2000,
                        PlaceSearch.filter(check(search, radiusParams(43.6108, 3.8767))), PlaceSearchRepository.Cursor.START, 51));
                double[] box = box(43.6108, 3.8767);
                profile(driver, "box", PlaceSearchRepository.boxStatement(new GeoPoint(box[1], box[0]), new GeoPoint(box[3], box[2]),
                        PlaceSearch.filter(check(search, boxParams(box))), PlaceSearchRepository.Cursor.START, 501));
            }
            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            List<Row> rows = new ArrayList<>();
            rows.add(measure("radius 2 km, wheelchair, fits_or_partly, 50", "repository",
                    () -> search.search(check(search, radiusParams())).places().size()));
            rows.add(measure("box ~4×4 km, 500", "repository",
                    () -> search.search(check(search, boxParams())).places().size()));

            String rings = rings(driver, search);
            System.out.println(rings);

            Path appDir = Files.createTempDirectory("rampe-bench-app-");
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RampeApplication.class).properties(
                    "spring.neo4j.uri=" + graph.boltUri(), "spring.neo4j.authentication.username=" + EmbeddedGraph.USER,
                    "spring.neo4j.authentication.password=" + graph.password(), "server.port=0",
                    "server.address=127.0.0.1", "rampe.data-dir=" + appDir).run()) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                String base = "http://127.0.0.1:" + port + "/api/places?";
                rows.add(measureHttp("radius 2 km, wheelchair, fits_or_partly, 50", () -> base + radiusQuery()));
                rows.add(measureHttp("box ~4×4 km, 500", () -> base + boxQuery()));
            } finally {
                Latencies.deleteRecursively(appDir);
            }
            String report = report(date, generation, kept != null, counts, loadBefore, rows) + "\n" + rings + "\n";
            System.out.println(report);
            Path out = Path.of("target", "bench-results", "place-search.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out.toAbsolutePath());
        } finally {
            if (!KEEP) {
                Latencies.deleteRecursively(dataDir);
            }
        }
    }

    /**
     * How many queries the radius search by rings ({@link PlaceRingSearch}, not used by the application) runs for one
     * page, over the centres the measured radius rows start with (same seed): counted by a
     * repository that counts its calls of {@code near}, each one query.
     */
    private String rings(Driver driver, PlaceSearch search) {
        int[] calls = new int[1];
        var counting = new PlaceSearchRepository(new Graph(driver)) {
            @Override
            List<PlaceSummary> near(GeoPoint centre, double radius, PlaceSearchRepository.Filter filter, PlaceSearchRepository.Cursor after,
                                    int limit) {
                calls[0]++;
                return super.near(centre, radius, filter, after, limit);
            }
        };
        var ringSearch = new PlaceRingSearch(counting);
        var centres = new Random(20261129L);
        int pages = 600;
        int[] histogram = new int[PlaceRingSearch.MAX_RINGS + 1];
        int total = 0;
        // Interleaved with the single query over the whole circle (the search before the rings), in
        // alternating order, so both see the same load: wall-clock and the CPU of this JVM (the
        // embedded database's threads and the driver's) during each page.
        var wallWhole = new org.HdrHistogram.Histogram(3);
        var wallRings = new org.HdrHistogram.Histogram(3);
        long cpuWhole = 0;
        long cpuRings = 0;
        for (int i = 0; i < pages; i++) {
            City city = city(centres.nextDouble());
            double[] c = offset(city.lat(), city.lon(), 10_000 * Math.sqrt(centres.nextDouble()), centres.nextDouble() * 2 * Math.PI);
            var query = check(search, radiusParams(c[0], c[1]));
            var filter = PlaceSearch.filter(query);
            for (int k = 0; k < 2; k++) {
                boolean rings = (i + k) % 2 == 0;
                long cpu = processCpuNanos();
                long t = System.nanoTime();
                calls[0] = 0;
                var page = rings ? ringSearch.nearest(query.centre(), query.radius(), filter, query.after(), query.size() + 1)
                        : counting.near(query.centre(), query.radius(), filter, query.after(), query.size() + 1);
                long micros = (System.nanoTime() - t) / 1_000;
                long cpuNanos = processCpuNanos() - cpu;
                if (page.isEmpty()) {
                    throw new IllegalStateException("No place near " + query.centre());
                }
                if (rings) {
                    histogram[calls[0]]++;
                    total += calls[0];
                    wallRings.recordValue(micros);
                    cpuRings += cpuNanos;
                } else {
                    wallWhole.recordValue(micros);
                    cpuWhole += cpuNanos;
                }
            }
        }
        var sb = new StringBuilder(String.format(Locale.ROOT,
                "Radius 2 km, wheelchair, fits_or_partly, 50 by rings (first ring %.0f m): %.2f queries per page on average over %d centres;",
                PlaceRingSearch.FIRST_RING, (double) total / pages, pages));
        for (int n = 1; n < histogram.length; n++) {
            sb.append(String.format(Locale.ROOT, " %d quer%s %.1f %%%s", n, n == 1 ? "y" : "ies", 100.0 * histogram[n] / pages,
                    n == histogram.length - 1 ? "." : ","));
        }
        sb.append(String.format(Locale.ROOT, "%nInterleaved on the same centres through the repository (load %.2f at the end): "
                        + "whole circle p50 %.2f / p95 %.2f / mean %.2f ms; rings p50 %.2f / p95 %.2f / mean %.2f ms. "
                        + "CPU of this JVM (database and driver, with whatever background work fell in) per page: "
                        + "whole circle %.3f ms, rings %.3f ms.",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                wallWhole.getValueAtPercentile(50) / 1000.0, wallWhole.getValueAtPercentile(95) / 1000.0, wallWhole.getMean() / 1000.0,
                wallRings.getValueAtPercentile(50) / 1000.0, wallRings.getValueAtPercentile(95) / 1000.0, wallRings.getMean() / 1000.0,
                cpuWhole / 1e6 / pages, cpuRings / 1e6 / pages));
        return sb.toString();
    }

    /** The sizes that make two data sets the same (with the fixed seed). */
    private static String sizes() {
        return "places=" + PLACES + "\nanswers=" + ANSWERS + "\nmembers=" + MEMBERS;
    }

    /**
     * The generation time of the data kept in {@code dataDir}, or null when there is none to reuse:
     * never generated to the end, or generated with other sizes.
     */
    private static Long keptGeneration(Path dataDir) throws IOException {
        Path marker = dataDir.resolve(GENERATED_MARKER);
        if (!Files.exists(marker)) {
            return null;
        }
        var props = new java.util.Properties();
        try (var in = Files.newBufferedReader(marker)) {
            props.load(in);
        }
        var expected = new java.util.Properties();
        expected.load(new java.io.StringReader(sizes()));
        for (String key : expected.stringPropertyNames()) {
            if (!expected.getProperty(key).equals(props.getProperty(key))) {
                System.out.println("Kept data has other sizes (" + key + "): generating again");
                return null;
            }
        }
        return Long.parseLong(props.getProperty("generationMs", "0"));
    }

    /** Runs the statement twice (the first plans and warms it) and prints the second one's profile. */
    private static void profile(Driver driver, String name, PlaceSearchRepository.Statement statement) {
        try (var session = driver.session()) {
            org.neo4j.driver.summary.ResultSummary summary = null;
            for (int i = 0; i < 2; i++) {
                summary = session.executeRead(tx -> tx.run("PROFILE " + statement.cypher(), statement.params()).consume());
            }
            var sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "PROFILE %s (%d ms until available, %d ms consumed):%n%s%n", name,
                    summary.resultAvailableAfter(java.util.concurrent.TimeUnit.MILLISECONDS),
                    summary.resultConsumedAfter(java.util.concurrent.TimeUnit.MILLISECONDS), statement.cypher()));
            printPlan(summary.profile(), 0, sb);
            System.out.println(sb);
        }
    }

    private static void printPlan(org.neo4j.driver.summary.ProfiledPlan plan, int depth, StringBuilder sb) {
        var details = plan.arguments().get("Details");
        sb.append(String.format(Locale.ROOT, "%s%s  rows=%d dbHits=%d pageCacheHits=%d time=%.2fms  %s%n",
                "  ".repeat(depth), plan.operatorType(), plan.records(), plan.dbHits(), plan.pageCacheHits(),
                plan.time() / 1_000_000.0, details == null ? "" : details.asString()));
        plan.children().forEach(c -> printPlan(c, depth + 1, sb));
    }

    // ---------------------------------------------------------------- data

    private long generate(Driver driver) {
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "Generating %,d members, %,d places, about %,d answers (%,d places per transaction)%n",
                MEMBERS, PLACES, ANSWERS, PLACES_PER_TX);
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(Map.of("id", memberId(i), "email", "member" + i + "@bench.invalid", "handle", "member" + i));
            if (members.size() == 10_000 || i == MEMBERS - 1) {
                var batch = List.copyOf(members);
                members.clear();
                try (var session = driver.session()) {
                    session.executeWriteWithoutResult(tx -> tx.run("""
                            UNWIND $rows AS row
                            CREATE (:Member {id: row.id, email: row.email, handle: row.handle, displayName: row.handle,
                                    passwordHash: 'none', language: 'fr', createdAt: datetime(), textSize: 100,
                                    highContrast: false, dyslexiaFont: false, reducedMotion: false})
                            """, Map.of("rows", batch)).consume());
                }
            }
        }
        long answers = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < PLACES; i++) {
            var place = place(i);
            answers += ((List<?>) place.get("answers")).size();
            rows.add(place);
            if (rows.size() == PLACES_PER_TX || i == PLACES - 1) {
                var batch = List.copyOf(rows);
                rows.clear();
                try (var session = driver.session()) {
                    session.executeWriteWithoutResult(tx -> tx.run("""
                            UNWIND $rows AS row
                            CREATE (p:Place)
                            SET p = row.props, p.location = point({longitude: row.lon, latitude: row.lat})
                            WITH p, row
                            """ + StoredSummary.DERIVED + """
                            WITH p, row
                            UNWIND row.answers AS ans
                            CREATE (a:Answer {id: ans.id, criterion: ans.criterion, value: ans.value, source: ans.source,
                                    imported: ans.imported, at: ans.at, current: ans.current})-[:ABOUT]->(p)
                            WITH a, ans WHERE ans.member IS NOT NULL
                            MATCH (m:Member {id: ans.member})
                            CREATE (m)-[:GAVE]->(a)
                            """, Map.of("rows", batch)).consume());
                }
                if ((i + 1) % 20_000 < PLACES_PER_TX || i == PLACES - 1) {
                    System.out.printf(Locale.ROOT, "  %,d places, %,d answers, %d s%n", i + 1, answers,
                            Duration.ofNanos(System.nanoTime() - started).toSeconds());
                }
            }
        }
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf(Locale.ROOT, "Generated in %.1f s%n", ms / 1000.0);
        return ms;
    }

    private static String memberId(int i) {
        return new UUID(0x5eed_0000_0000_0000L, i).toString();
    }

    /** One place with its summary properties and its answers, drawn with plausible frequencies. */
    private Map<String, Object> place(int i) {
        City city = city(random.nextDouble());
        // Half spread evenly over 15 km, half denser towards the centre.
        double r = 15_000 * (random.nextBoolean() ? Math.sqrt(random.nextDouble()) : random.nextDouble());
        double[] ll = offset(city.lat(), city.lon(), r, random.nextDouble() * 2 * Math.PI);
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        Map<String, Object> props = new HashMap<>();
        String id = UUID.randomUUID().toString();
        boolean imported = random.nextDouble() < 0.7;
        String source = imported ? (random.nextBoolean() ? PlaceSource.OSM : PlaceSource.ACCESLIBRE) : PlaceSource.MEMBER;
        PlaceSource ps = switch (source) {
            case PlaceSource.OSM -> PlaceSource.osm(Integer.toString(1_000_000 + i));
            case PlaceSource.ACCESLIBRE -> PlaceSource.acceslibre(UUID.randomUUID().toString());
            default -> PlaceSource.member();
        };
        OffsetDateTime created = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusMinutes(random.nextInt(900_000));
        props.put("id", id);
        props.put("name", capital(category.replace('_', ' ')) + " " + WORDS.get(random.nextInt(WORDS.size())));
        props.put("category", category);
        props.put("street", (1 + random.nextInt(120)) + " " + STREETS.get(random.nextInt(STREETS.size())));
        props.put("postcode", city.postcode());
        props.put("city", city.name());
        props.put("source", ps.kind());
        props.put("sourceId", ps.sourceId());
        props.put("licence", ps.licence());
        props.put("attribution", ps.attribution());
        props.put("closed", random.nextDouble() < 0.03);
        props.put("createdAt", created);
        props.put("updatedAt", created.plusDays(random.nextInt(300)));
        if (imported) {
            props.put("sourceKey", ps.key());
            String[] wheelchair = {"yes", "limited", "no", "unknown"};
            double w = random.nextDouble();
            props.put("sourceWheelchair", wheelchair[w < 0.2 ? 0 : w < 0.3 ? 1 : w < 0.4 ? 2 : 3]);
        }
        // Answers: about 30% of places have none; the others about 7 on average (1,000,000 in all).
        List<Map<String, Object>> answers = new ArrayList<>();
        Map<Criterion, String> consensus = new HashMap<>();
        double mean = (double) ANSWERS / PLACES / 0.7;
        int n = random.nextDouble() < 0.3 ? 0 : 1 + random.nextInt((int) Math.round(2 * mean - 1));
        Criterion[] criteria = Criterion.values();
        for (int k = 0; k < n; k++) {
            // The entrance, toilets and parking are asked about most.
            Criterion c = random.nextDouble() < 0.5 ? criteria[random.nextInt(8)] : criteria[random.nextInt(criteria.length)];
            String value = value(c);
            boolean member = random.nextDouble() < 0.4;
            boolean current = !consensus.containsKey(c) || random.nextDouble() < 0.5;
            Map<String, Object> a = new HashMap<>();
            a.put("id", UUID.randomUUID().toString());
            a.put("criterion", c.key());
            a.put("value", value);
            String memberId = member ? memberId(random.nextInt(MEMBERS)) : null;
            a.put("source", member ? memberId : source);
            a.put("imported", !member);
            a.put("at", created.plusDays(random.nextInt(600)));
            a.put("current", current);
            a.put("member", memberId);
            answers.add(a);
            if (current) {
                consensus.put(c, value);
            }
        }
        consensus.forEach((c, v) -> props.put(c.property(), v));
        verdicts(consensus, props);
        // The labels (open, fit) are derived in the database, by the same Cypher as the application's.
        return Map.of("props", props, "lat", ll[0], "lon", ll[1], "answers", answers);
    }

    private String value(Criterion c) {
        return switch (c.kind()) {
            case YES_NO -> random.nextDouble() < 0.6 ? "yes" : "no";
            case CHOICE -> c.choices().get(random.nextInt(c.choices().size()));
            case COUNT -> Integer.toString(random.nextDouble() < 0.5 ? 0 : 1 + random.nextInt(5));
            case CENTIMETRES -> Integer.toString(c == Criterion.DOOR_WIDTH ? 70 + random.nextInt(60) : random.nextInt(25));
        };
    }

    /** Verdicts in the spirit of Verdicts: unknown unless the deciding criteria are answered. */
    private static void verdicts(Map<Criterion, String> a, Map<String, Object> props) {
        String entrance = a.get(Criterion.STEP_FREE_ENTRANCE);
        String toilet = a.get(Criterion.ACCESSIBLE_TOILET);
        String wheelchair = entrance == null ? "unknown" : entrance.equals("no") ? "not_accessible"
                : "yes".equals(toilet) ? "accessible" : "limited";
        props.put(NeedLabels.property(NeedProfile.WHEELCHAIR), wheelchair);
        props.put(NeedLabels.property(NeedProfile.WALKING), entrance == null ? "unknown" : entrance.equals("yes") ? "accessible" : "limited");
        props.put(NeedLabels.property(NeedProfile.VISION), level(a.get(Criterion.GUIDE_DOGS_WELCOME)));
        props.put(NeedLabels.property(NeedProfile.HEARING), level(a.get(Criterion.HEARING_LOOP)));
        props.put(NeedLabels.property(NeedProfile.COGNITIVE), level(a.get(Criterion.EASY_READ_INFORMATION)));
    }

    private static String level(String yesNo) {
        return yesNo == null ? "unknown" : yesNo.equals("yes") ? "accessible" : "limited";
    }

    private static long[] counts(Driver driver) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                var r = tx.run("""
                        CALL { MATCH (p:Place) RETURN count(p) AS places }
                        CALL { MATCH (a:Answer) RETURN count(a) AS answers }
                        CALL { MATCH (m:Member) RETURN count(m) AS members }
                        CALL { MATCH (p:Place) WHERE p.v_wheelchair IN ['accessible', 'limited'] AND NOT p.closed RETURN count(p) AS fitting }
                        CALL { MATCH (p:WheelchairFitsOrPartly) RETURN count(p) AS labelled }
                        RETURN places, answers, members, fitting, labelled""").single();
                if (r.get("fitting").asLong() != r.get("labelled").asLong()) {
                    throw new IllegalStateException("Fit labels out of step with the verdicts: " + r.asMap());
                }
                return new long[] {r.get("places").asLong(), r.get("answers").asLong(), r.get("members").asLong(),
                        r.get("fitting").asLong()};
            });
        }
    }

    // ---------------------------------------------------------------- queries

    /** A random point near the data: a city drawn by its share, up to 10 km from its centre. */
    private double[] centre() {
        City city = city(queries.nextDouble());
        return offset(city.lat(), city.lon(), 10_000 * Math.sqrt(queries.nextDouble()), queries.nextDouble() * 2 * Math.PI);
    }

    private PlaceSearch.Parameters radiusParams() {
        double[] c = centre();
        return radiusParams(c[0], c[1]);
    }

    private static PlaceSearch.Parameters radiusParams(double lat, double lon) {
        return new PlaceSearch.Parameters(null, null, fmt(lat), fmt(lon), "2000", null, List.of("wheelchair"),
                "fits_or_partly", null, null, "50");
    }

    private String radiusQuery() {
        double[] c = centre();
        return "lat=" + fmt(c[0]) + "&lon=" + fmt(c[1]) + "&radius=2000&needs=wheelchair&fit=fits_or_partly&size=50";
    }

    /** About 4 × 4 km: ±2 km in latitude and longitude around a random centre. */
    private String bbox() {
        double[] c = centre();
        return bbox(box(c[0], c[1]));
    }

    private static String bbox(double[] b) {
        return fmt(b[0]) + "," + fmt(b[1]) + "," + fmt(b[2]) + "," + fmt(b[3]);
    }

    /** minLon, minLat, maxLon, maxLat of ±2 km around a point. */
    private static double[] box(double lat, double lon) {
        double dLat = 2_000 / 111_320.0;
        double dLon = 2_000 / (111_320.0 * Math.cos(Math.toRadians(lat)));
        return new double[] {lon - dLon, lat - dLat, lon + dLon, lat + dLat};
    }

    private PlaceSearch.Parameters boxParams() {
        double[] c = centre();
        return boxParams(box(c[0], c[1]));
    }

    private static PlaceSearch.Parameters boxParams(double[] box) {
        return new PlaceSearch.Parameters(null, null, null, null, null, bbox(box), null, null, null, null, "500");
    }

    private String boxQuery() {
        return "bbox=" + bbox() + "&size=500";
    }

    private static PlaceSearch.Query check(PlaceSearch search, PlaceSearch.Parameters p) {
        var checked = search.check(p, 50, true);
        if (!checked.ok()) {
            throw new IllegalStateException("Benchmark parameters refused: " + checked.problems());
        }
        return checked.value();
    }

    // ---------------------------------------------------------------- measuring

    /**
     * @param cpuMs CPU time of this JVM (the database, the application or the repository's caller,
     *              their collectors) per query, warm-up included: on a shared machine wall-clock
     *              percentiles follow the other processes, the CPU a query costs much less so
     */
    record Row(String query, String path, int queries, double p50, double p95, double p99, double max, double mean,
               double meanResults, double cpuMs) {
    }

    /** CPU time used so far by this JVM, all threads, in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double cpuMsPerQuery(long cpuBefore) {
        return (processCpuNanos() - cpuBefore) / 1e6 / (WARM_UP + QUERIES);
    }

    private static Row measure(String query, String path, IntSupplier run) {
        long cpu = processCpuNanos();
        var f = Latencies.measure(WARM_UP, QUERIES, run);
        var row = new Row(query, path, f.queries(), f.p50(), f.p95(), f.p99(), f.max(), f.mean(), f.meanResults(),
                cpuMsPerQuery(cpu));
        System.out.printf(Locale.ROOT, "%s via %s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.1f results, CPU %.2f ms/query%n",
                query, path, row.p50(), row.p95(), row.p99(), row.meanResults(), row.cpuMs());
        return row;
    }

    /** Through HTTP, from a client in its own JVM (see {@link HttpBenchClient}). */
    private static Row measureHttp(String query, java.util.function.Supplier<String> url) throws IOException, InterruptedException {
        long cpu = processCpuNanos();
        var f = HttpBenchClient.measure(WARM_UP, QUERIES, () -> new HttpBenchClient.Request(url.get(), null),
                HttpBenchClient.Counter.GEOJSON_COUNT);
        var row = new Row(query, "HTTP /api/places (client in its own JVM)", f.queries(), f.p50(), f.p95(), f.p99(), f.max(),
                f.mean(), f.meanResults(), cpuMsPerQuery(cpu));
        System.out.printf(Locale.ROOT, "%s via HTTP: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.1f results, CPU %.2f ms/query%n",
                query, row.p50(), row.p95(), row.p99(), row.meanResults(), row.cpuMs());
        return row;
    }

    private static String report(Instant date, long generationMs, boolean reused, long[] counts, double loadBefore,
                                 List<Row> rows) {
        var rt = Runtime.getRuntime();
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Run %s. Data: %,d places, %,d answers, %,d members (%,d open places fit a "
                        + "wheelchair or partly), generated in %.0f s%s. Machine: %d cores (%s), Java %s, heap max %d MB, "
                        + "page cache %d MB, load average (1 min) %.2f when measuring began and %.2f at the end. Single client thread, %d warm-up "
                        + "then %d measured queries per row, random centres.%n%n",
                date.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), counts[0], counts[1], counts[2], counts[3],
                generationMs / 1000.0, reused ? " (kept from an earlier run, -Dbench.keep=true)" : "", rt.availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), rt.maxMemory() / (1024 * 1024), PAGE_CACHE / (1024 * 1024),
                loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), WARM_UP, QUERIES));
        sb.append("| query | through | p50 ms | p95 ms | p99 ms | max ms | mean ms | mean results | CPU ms/query |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f | %.1f | %.2f | %.1f | %.2f |%n", r.query(),
                    r.path(), r.p50(), r.p95(), r.p99(), r.max(), r.mean(), r.meanResults(), r.cpuMs()));
        }
        sb.append("\nCPU ms/query: CPU time of the benchmark's JVM (database and application, or database and the "
                + "repository's caller; the HTTP client runs in its own JVM and is not counted) per query, warm-up included.\n");
        return sb.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static City city(double u) {
        double acc = 0;
        for (City c : CITIES) {
            acc += c.share();
            if (u < acc) {
                return c;
            }
        }
        return CITIES.getLast();
    }

    /** The point {@code metres} away from (lat, lon) in direction {@code bearing} (small distances). */
    private static double[] offset(double lat, double lon, double metres, double bearing) {
        double dLat = metres * Math.cos(bearing) / 111_320.0;
        double dLon = metres * Math.sin(bearing) / (111_320.0 * Math.cos(Math.toRadians(lat)));
        return new double[] {lat + dLat, lon + dLon};
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
