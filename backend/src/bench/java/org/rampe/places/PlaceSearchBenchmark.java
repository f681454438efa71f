package org.rampe.places;

import static org.rampe.BenchRuns.KEEP;
import static org.rampe.BenchRuns.QUERIES;
import static org.rampe.BenchRuns.WARM_UP;
import static org.rampe.places.PlaceSearchData.GENERATED_MARKER;
import static org.rampe.places.PlaceSearchData.city;
import static org.rampe.places.PlaceSearchData.counts;
import static org.rampe.places.PlaceSearchData.keptGeneration;
import static org.rampe.places.PlaceSearchData.offset;
import static org.rampe.places.PlaceSearchData.sizes;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntSupplier;

import ac.simons.neo4j.migrations.core.Migrations;
import ac.simons.neo4j.migrations.core.MigrationsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.rampe.HttpBenchClient;
import org.rampe.Latencies;
import org.rampe.PostgisServer;
import org.rampe.RampeApplication;
import org.rampe.graph.EmbeddedGraph;
import org.rampe.graph.Graph;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Place search latency on a realistic graph: 200,000 places clustered around five French cities,
 * 1,000,000 answers (some from 20,000 members), searched by radius and by box, through the
 * repository and through {@code GET /api/places} on a running application, and the same searches
 * on the same places and centres in a PostGIS server the benchmark starts itself ({@link PostgisServer},
 * {@link PostgisPlaces}), after checking that both give the same answers. {@code -Dbench.places=1000000}
 * for the million-place run (members, answers and page cache grow with it). Single client thread
 * per row, everything on 127.0.0.1. Prints a Markdown table and writes it to
 * {@code backend/target/bench-results/place-search.md}.
 *
 * <p>Run (see docs/benchmarks.md):
 * {@code ./mvnw -o -pl backend -am test -Pbench -Dtest=PlaceSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class PlaceSearchBenchmark {

    /** Print the PROFILE of one radius and one box search (the exact Cypher the repository runs). */
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    /**
     * Neo4j's page cache, and PostgreSQL's shared buffers: 1 GB at 200,000 places (the store is
     * about 0.65 GB without its transaction logs), growing with the places (-Dbench.places=1000000 gives 5 GB for a
     * store of about 3.3 GB), or -Dbench.pageCacheMb=.
     */
    static final long PAGE_CACHE = 1024L * 1024 * Long.getLong("bench.pageCacheMb",
            Math.max(1024, 1024L * PlaceSearchData.PLACES / 200_000));

    /**
     * The query centres of each search, drawn once from their own seed: the repository, HTTP and
     * PostGIS rows search the same points, and a run on kept data the same as a fresh one. (The
     * radius centres are those the radius rows searched before issue 18; the box rows then took the
     * next centres of the same sequence, and HTTP the ones after.)
     */
    private static final long RADIUS_SEED = 20261129L;
    private static final long BOX_SEED = 20261218L;
    private final List<double[]> radiusCentres = centres(RADIUS_SEED, WARM_UP + QUERIES);
    private final List<double[]> boxes = centres(BOX_SEED, WARM_UP + QUERIES).stream().map(c -> box(c[0], c[1])).toList();
    /** How many searches of each kind the benchmark compares between Rampe and PostGIS, result by result. */
    private static final int CHECKED = 50;

    @Test
    void placeSearch() throws Exception {
        Path dataDir = Path.of("target", "bench-data").toAbsolutePath().normalize();
        Long kept = KEEP ? keptGeneration(dataDir) : null;
        if (kept == null) {
            Latencies.deleteRecursively(dataDir);
        }
        Instant date = Instant.now();
        try {
            // The store's size is read once the database has stopped: its shutdown's checkpoint writes
            // the store files (Community has no db.checkpoint()); before, most of it is in the page cache and logs.
            String report = measureAll(dataDir, kept, date) + storeSize(dataDir.resolve("graph"));
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

    /** Generates (or reuses) the data, measures every row and returns the report; the database is stopped on return. */
    private String measureAll(Path dataDir, Long kept, Instant date) throws Exception {
        try (EmbeddedGraph graph = EmbeddedGraph.start(dataDir.resolve("graph"), "127.0.0.1", 0, PAGE_CACHE);
             Driver driver = GraphDatabase.driver(graph.boltUri(), AuthTokens.basic(EmbeddedGraph.USER, graph.password()))) {
            // On kept data this applies only the migrations added since it was generated.
            new Migrations(MigrationsConfig.builder().withLocationsToScan("classpath:neo4j/migrations").build(), driver).apply();
            long generation;
            if (kept != null) {
                generation = kept;
                System.out.printf(Locale.ROOT, "Reusing the data kept in %s (generated in %.1f s)%n", dataDir, kept / 1000.0);
            } else {
                generation = new PlaceSearchData().generate(driver);
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
            var radiusNext = radiusCentres.iterator();
            rows.add(measure(RADIUS, "repository",
                    () -> search.search(check(search, radiusParams(radiusNext.next()))).places().size()));
            var boxNext = boxes.iterator();
            rows.add(measure(BOX, "repository",
                    () -> search.search(check(search, boxParams(boxNext.next()))).places().size()));

            String rings = rings(driver, search);
            System.out.println(rings);

            Path appDir = Files.createTempDirectory("rampe-bench-app-");
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RampeApplication.class).properties(
                    "spring.neo4j.uri=" + graph.boltUri(), "spring.neo4j.authentication.username=" + EmbeddedGraph.USER,
                    "spring.neo4j.authentication.password=" + graph.password(), "server.port=0",
                    "server.address=127.0.0.1", "rampe.data-dir=" + appDir).run()) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                String base = "http://127.0.0.1:" + port + "/api/places?";
                var radiusUrls = radiusCentres.iterator();
                rows.add(measureHttp(RADIUS, () -> base + radiusQuery(radiusUrls.next())));
                var boxUrls = boxes.iterator();
                rows.add(measureHttp(BOX, () -> base + "bbox=" + bbox(boxUrls.next()) + "&size=500"));
            } finally {
                Latencies.deleteRecursively(appDir);
            }
            String postgis = postgis(driver, search, rows);
            return report(date, generation, kept != null, counts, loadBefore, rows) + "\n" + postgis + "\n"
                    + rings + "\n";
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
            PlaceSearchData.City city = city(centres.nextDouble());
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

    // ---------------------------------------------------------------- PostGIS beside

    /**
     * The PostGIS rows: the places of the graph, as generated, exported to a COPY file and loaded
     * into a PostGIS server of the benchmark's own (COPY, GiST index, ANALYZE, and the partial index
     * that matches Rampe's fit label), then the same searches on the same centres by one JDBC client.
     * Before measuring, the first {@value #CHECKED} searches of each kind must give the same places
     * in the same order as Rampe's repository. Returns the lines of the report about PostGIS.
     */
    private String postgis(Driver driver, PlaceSearch search, List<Row> rows) throws Exception {
        Path dir = Path.of("target", "bench-postgis").toAbsolutePath().normalize();
        Latencies.deleteRecursively(dir);
        Files.createDirectories(dir);
        try {
            Path copyFile = dir.resolve("places.copy");
            long t = System.nanoTime();
            long exported = export(driver, copyFile);
            long exportMs = (System.nanoTime() - t) / 1_000_000;
            System.out.printf(Locale.ROOT, "Exported %,d places from the graph for PostGIS in %.1f s%n", exported, exportMs / 1000.0);
            try (PostgisServer server = PostgisServer.start(dir.resolve("cluster"), PAGE_CACHE >> 20)) {
                String version = server.describe();
                var load = PostgisPlaces.load(server, copyFile, PostgisPlaces.GIST_WHEELCHAIR);
                Files.delete(copyFile);
                try (var client = new PostgisPlaces.Client(server)) {
                    String agreement = agreement(driver, search, client);
                    System.out.println(agreement);
                    if (PROFILE) {
                        System.out.println(client.explain(43.6108, 3.8767, 2000, box(43.6108, 3.8767)));
                    }
                    var radiusNext = radiusCentres.iterator();
                    rows.add(measurePostgis(RADIUS, client, () -> {
                        double[] c = radiusNext.next();
                        return Math.min(50, client.radius(c[0], c[1], 2000, 51).size());
                    }));
                    var boxNext = boxes.iterator();
                    rows.add(measurePostgis(BOX, client, () -> Math.min(500, client.box(boxNext.next(), 501).size())));
                    return String.format(Locale.ROOT, "PostGIS: %s. The same %,d places (exported from the graph in %.1f s) "
                                    + "loaded with COPY in %.2f s, GiST index on the location in %.2f s, ANALYZE %.2f s, then a "
                                    + "partial GiST index of the open places that fit a wheelchair or partly (Rampe's "
                                    + "WheelchairFitsOrPartly point index); table %,.1f MB, indexes %,.1f MB. Queries: %n%n"
                                    + "```sql%n%s;%n%n%s;%n```%n%n%s%n",
                            version, load.rows(), exportMs / 1000.0, load.copyMs() / 1000.0, load.indexMs() / 1000.0,
                            load.analyzeMs() / 1000.0, load.tableBytes() / 1e6, load.indexBytes() / 1e6,
                            PostgisPlaces.RADIUS, PostgisPlaces.BOX, agreement);
                }
            }
        } finally {
            Latencies.deleteRecursively(dir);
        }
    }

    /** The size of Neo4j's store on disk, against the page cache (the whole store fits, or not). */
    private static String storeSize(Path graphDir) throws IOException {
        long store = 0;
        long logs = 0;
        try (var files = Files.walk(graphDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (p.toString().contains("/transactions/")) {
                    logs += p.toFile().length();
                } else {
                    store += p.toFile().length();
                }
            }
        }
        return String.format(Locale.ROOT, "%nNeo4j's files: store and indexes %,.0f MB (page cache %,d MB), transaction logs %,.0f MB.%n",
                store / 1e6, PAGE_CACHE >> 20, logs / 1e6);
    }

    /** Every place of the graph, as PostGIS will hold it, into a COPY text file; returns how many. */
    private static long export(Driver driver, Path copyFile) throws IOException {
        try (var copy = new PostgisPlaces.CopyFile(copyFile); var session = driver.session()) {
            var result = session.run("MATCH (p:Place) RETURN p.id AS id, p.name AS name, p.category AS category, "
                    + "p.closed AS closed, p[$wheelchair] AS wheelchair, p[$entrance] AS entrance, p[$toilet] AS toilet, "
                    + "p[$width] AS width, p.location AS location", java.util.Map.of(
                    "wheelchair", NeedLabels.property(org.rampe.members.NeedProfile.WHEELCHAIR),
                    "entrance", Criterion.STEP_FREE_ENTRANCE.property(), "toilet", Criterion.ACCESSIBLE_TOILET.property(),
                    "width", Criterion.DOOR_WIDTH.property()));
            while (result.hasNext()) {
                var r = result.next();
                var location = r.get("location").asPoint();
                copy.write(new PostgisPlaces.Row(r.get("id").asString(), r.get("name").asString(), r.get("category").asString(null),
                        r.get("closed").asBoolean(false), r.get("wheelchair").asString("unknown"), r.get("entrance").asString(null),
                        r.get("toilet").asString(null), r.get("width").asString(null), location.y(), location.x()));
            }
            return copy.rows();
        }
    }

    /**
     * Whether PostGIS answers the same question: the first {@value #CHECKED} centres of each search,
     * through Rampe's repository and through PostGIS, must give the same places in the same order.
     * The two systems' earth radii differ by 0.1 % (Neo4j's distances are about 2 m longer at 2 km),
     * so places farther than 1,990 m by Neo4j's measure, PostGIS's distances scaled by the ratio the
     * two give for the same place, are left out of the comparison. Fails the benchmark otherwise.
     */
    private String agreement(Driver driver, PlaceSearch search, PostgisPlaces.Client client) {
        int radiusPlaces = 0;
        int boxPlaces = 0;
        int checked = Math.min(CHECKED, radiusCentres.size());
        for (int i = 0; i < checked; i++) {
            double[] c = radiusCentres.get(i);
            List<PlaceSummary> rampePage = search.search(check(search, radiusParams(c))).places();
            List<PostgisPlaces.Hit> pgPage = client.radius(c[0], c[1], 2000, 51).stream().limit(50).toList();
            double scale = rampePage.isEmpty() || pgPage.isEmpty() || pgPage.getFirst().distance() == 0 ? 1
                    : rampePage.getFirst().distanceMetres() / pgPage.getFirst().distance();
            List<String> rampe = rampePage.stream().filter(p -> p.distanceMetres() <= 1990).map(p -> p.id().value()).toList();
            List<String> pg = pgPage.stream().filter(h -> h.distance() * scale <= 1990).map(PostgisPlaces.Hit::id).toList();
            same("radius", i, rampe, pg, id -> describe(driver, id));
            radiusPlaces += rampe.size();
            double[] b = boxes.get(i);
            rampe = search.search(check(search, boxParams(b))).places().stream().map(p -> p.id().value()).toList();
            pg = client.box(b, 501).stream().limit(500).map(PostgisPlaces.Hit::id).toList();
            same("box", i, rampe, pg, id -> describe(driver, id) + " at " + java.util.Arrays.toString(b));
            boxPlaces += rampe.size();
        }
        return String.format(Locale.ROOT, "Same answers: on the first %d centres of each search, Rampe's repository and PostGIS "
                + "gave the same places in the same order (%,d places within 1,990 m compared for the radius, %,d for the box).",
                checked, radiusPlaces, boxPlaces);
    }

    /** A place as the graph has it, for a failure's message. */
    private static String describe(Driver driver, String id) {
        try (var session = driver.session()) {
            return session.run("MATCH (p:Place {id: $id}) RETURN labels(p) AS labels, p.closed AS closed, p.location AS location, "
                    + "p.v_wheelchair AS wheelchair", java.util.Map.of("id", id)).single().asMap().toString();
        }
    }

    private static void same(String search, int i, List<String> rampe, List<String> postgis,
                             java.util.function.Function<String, String> describe) {
        if (!rampe.equals(postgis)) {
            int at = 0;
            while (at < Math.min(rampe.size(), postgis.size()) && rampe.get(at).equals(postgis.get(at))) {
                at++;
            }
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "PostGIS does not answer the %s search #%d as Rampe does: %d places against %d, first difference at %d "
                            + "(Rampe %s, PostGIS %s)", search, i, rampe.size(), postgis.size(), at,
                    at < rampe.size() ? rampe.get(at) + " " + describe.apply(rampe.get(at)) : "-",
                    at < postgis.size() ? postgis.get(at) + " " + describe.apply(postgis.get(at)) : "-"));
        }
    }

    /** CPU time of a process (user and system) from /proc, in nanoseconds; 0 where not known. */
    private static long processCpuNanos(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 and 15 of the line (utime, stime), in clock ticks of 1/100 s on Linux.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Through JDBC from this JVM; the CPU is this JVM's and the PostgreSQL backend's serving the client. */
    private static Row measurePostgis(String query, PostgisPlaces.Client client, IntSupplier run) {
        long cpu = processCpuNanos() + processCpuNanos(client.backendPid());
        var f = Latencies.measure(WARM_UP, QUERIES, run);
        double cpuMs = (processCpuNanos() + processCpuNanos(client.backendPid()) - cpu) / 1e6 / (WARM_UP + QUERIES);
        var row = new Row(query, POSTGIS, f.queries(), f.p50(), f.p95(), f.p99(), f.max(), f.mean(), f.meanResults(), cpuMs);
        System.out.printf(Locale.ROOT, "%s via PostGIS: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, %.1f results, CPU %.2f ms/query%n",
                query, row.p50(), row.p95(), row.p99(), row.meanResults(), row.cpuMs());
        return row;
    }

    static final String POSTGIS = "PostGIS (SQL over JDBC, same JVM)";
    static final String HTTP = "HTTP /api/places (client in its own JVM)";

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

    // ---------------------------------------------------------------- queries

    static final String RADIUS = "radius 2 km, wheelchair, fits_or_partly, 50";
    static final String BOX = "box ~4×4 km, 500";

    /**
     * {@code n} random points near the data: a city drawn by its share, up to 10 km from its
     * centre; rounded to the 6 decimals the HTTP requests carry, so that every client asks about
     * exactly the same point.
     */
    private static List<double[]> centres(long seed, int n) {
        var random = new Random(seed);
        List<double[]> centres = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PlaceSearchData.City city = city(random.nextDouble());
            double[] c = offset(city.lat(), city.lon(), 10_000 * Math.sqrt(random.nextDouble()), random.nextDouble() * 2 * Math.PI);
            centres.add(new double[] {round6(c[0]), round6(c[1])});
        }
        return centres;
    }

    private static double round6(double v) {
        return Double.parseDouble(fmt(v));
    }

    private static PlaceSearch.Parameters radiusParams(double[] centre) {
        return radiusParams(centre[0], centre[1]);
    }

    private static PlaceSearch.Parameters radiusParams(double lat, double lon) {
        return new PlaceSearch.Parameters(null, null, fmt(lat), fmt(lon), "2000", null, List.of("wheelchair"),
                "fits_or_partly", null, null, "50");
    }

    private static String radiusQuery(double[] c) {
        return "lat=" + fmt(c[0]) + "&lon=" + fmt(c[1]) + "&radius=2000&needs=wheelchair&fit=fits_or_partly&size=50";
    }

    private static String bbox(double[] b) {
        return fmt(b[0]) + "," + fmt(b[1]) + "," + fmt(b[2]) + "," + fmt(b[3]);
    }

    /** minLon, minLat, maxLon, maxLat of ±2 km around a point (about 4 × 4 km), rounded as the requests carry them. */
    private static double[] box(double lat, double lon) {
        double dLat = 2_000 / 111_320.0;
        double dLon = 2_000 / (111_320.0 * Math.cos(Math.toRadians(lat)));
        return new double[] {round6(lon - dLon), round6(lat - dLat), round6(lon + dLon), round6(lat + dLat)};
    }

    private static PlaceSearch.Parameters boxParams(double[] box) {
        return new PlaceSearch.Parameters(null, null, null, null, null, bbox(box), null, null, null, null, "500");
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
        var row = new Row(query, HTTP, f.queries(), f.p50(), f.p95(), f.p99(), f.max(),
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
                + "repository's caller; the HTTP client runs in its own JVM and is not counted) per query, warm-up included; "
                + "for PostGIS, the benchmark's JVM (the JDBC client) and the PostgreSQL backend process serving it.\n");
        sb.append(beside(rows));
        return sb.toString();
    }

    /** Rampe and PostGIS side by side at p95, with the targets. */
    private static String beside(List<Row> rows) {
        var sb = new StringBuilder("\n| search | Rampe repository p50 / p95 / p99 | Rampe HTTP p50 / p95 / p99 | PostGIS p50 / p95 / p99 "
                + "| repository p95 ÷ PostGIS p95 | target (repository) | target (HTTP p95) |\n"
                + "| --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (String query : List.of(RADIUS, BOX)) {
            Row repository = find(rows, query, "repository");
            Row http = find(rows, query, HTTP);
            Row postgis = find(rows, query, POSTGIS);
            if (repository == null || http == null || postgis == null) {
                continue;
            }
            double ratio = repository.p95() / postgis.p95();
            boolean radius = query.equals(RADIUS);
            String repositoryTarget = radius ? (ratio < 1 ? "ahead of PostGIS: met" : "ahead of PostGIS: **not met**")
                    : (ratio <= 1.5 ? "within 1.5×: met" : "within 1.5×: **not met**");
            double httpLimit = radius ? 10 : 20;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | ≤ %.0f ms: %s |%n", query, triple(repository),
                    triple(http), triple(postgis), ratio, repositoryTarget, httpLimit, http.p95() <= httpLimit ? "met" : "**not met**"));
        }
        return sb.toString();
    }

    private static Row find(List<Row> rows, String query, String path) {
        return rows.stream().filter(r -> r.query().equals(query) && r.path().equals(path)).findFirst().orElse(null);
    }

    private static String triple(Row r) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", r.p50(), r.p95(), r.p99());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
