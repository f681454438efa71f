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
import org.rampe.RampeApplication;
import org.rampe.graph.EmbeddedGraph;
import org.rampe.graph.Graph;
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

    /** Print the PROFILE of one radius and one box search (the exact Cypher the repository runs). */
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    static final long PAGE_CACHE = 1024L * 1024 * 1024;

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

    /** A random point near the data: a city drawn by its share, up to 10 km from its centre. */
    private double[] centre() {
        PlaceSearchData.City city = city(queries.nextDouble());
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

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
