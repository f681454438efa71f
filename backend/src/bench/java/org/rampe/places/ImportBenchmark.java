package org.rampe.places;

import static org.rampe.places.PlaceSearchData.PLACES;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rampe.Latencies;
import org.rampe.PostgisServer;
import org.rampe.RampeApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * How fast a whole region's places go in: the places of {@link PlaceSearchData} (200,000 by default,
 * {@code -Dbench.places=1000000}) written as an OpenStreetMap GeoJSON file, imported by
 * {@link OsmImport#importFile} into a fresh embedded graph started by the application itself (as
 * {@code java -jar rampe.jar} starts it: migrations applied, the graph's settings), then imported again from the same
 * file; then the same places loaded into PostGIS with COPY and indexed with GiST. Prints rows a
 * second, elapsed time, heap and resident memory for each import, both systems' times and their
 * ratio, as a Markdown table also written to {@code backend/target/bench-results/import.md}.
 *
 * <p>Run (see docs/benchmarks.md):
 * {@code ./mvnw -o -pl backend -am test -Pbench -Dtest=ImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class ImportBenchmark {

    /** The target: at least 5,000 rows a second (200,000 places in 40 s) on 2 cores. */
    static final int TARGET_ROWS_PER_SECOND = 5_000;
    /**
     * Neo4j's page cache and PostgreSQL's shared buffers, the same memory for both: as in the place
     * search benchmark, 1 GB per 200,000 places and at least 1 GB, or -Dbench.pageCacheMb=.
     */
    static final long CACHE_MB = Long.getLong("bench.pageCacheMb", Math.max(1024, 1024L * PLACES / 200_000));

    private static final Path ROOT = Path.of("target", "bench-import").toAbsolutePath().normalize();

    /** What one import did and cost. */
    record Run(String name, ImportReport report, long elapsedMs, long heapPeakBytes, long liveHeapPeakBytes,
               long heapAfterGcBytes, long gcCount, long gcMs, long rssPeakKb, long rssKb, boolean rssPeakReset) {

        double rowsPerSecond() {
            return report.read() * 1000.0 / Math.max(1, elapsedMs);
        }
    }

    @Test
    void importPlaces() throws Exception {
        Instant date = Instant.now();
        Latencies.deleteRecursively(ROOT);
        Files.createDirectories(ROOT);
        try {
            Path geojson = ROOT.resolve("places.geojson");
            Path copyFile = ROOT.resolve("places.copy");
            long generationMs = write(geojson, copyFile);
            System.out.printf(Locale.ROOT, "Wrote %,d places in %.1f s: %s (%,d bytes), %s (%,d bytes)%n", PLACES,
                    generationMs / 1000.0, geojson.getFileName(), Files.size(geojson), copyFile.getFileName(), Files.size(copyFile));

            Run first;
            Run again;
            long storeBytes;
            Path dataDir = ROOT.resolve("data");
            // The application as a running site (web server on a free port of 127.0.0.1), the import
            // taking place beside it as the administrators' import page runs it: the command line's
            // context without a web server (WebApplicationType.NONE) does not start at faf2179
            // (Spring Session's graph store is set up for web applications only; docs/benchmarks.md).
            // As arguments, not default properties: application.properties' own rampe.data-dir beats those.
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(RampeApplication.class)
                    .run("--rampe.data-dir=" + dataDir, "--rampe.page-cache=" + CACHE_MB + "MB", "--server.port=0",
                            "--server.address=127.0.0.1")) {
                OsmImport osm = app.getBean(OsmImport.class);
                first = importOnce("first import", osm, geojson);
                check(first.report(), true);
                again = importOnce("re-import of the same file", osm, geojson);
                check(again.report(), false);
            }
            storeBytes = sizeOf(dataDir);

            PostgisPlaces.Load load;
            String postgis;
            try (PostgisServer server = PostgisServer.start(ROOT.resolve("postgis"), CACHE_MB)) {
                postgis = server.describe();
                load = PostgisPlaces.load(server, copyFile);
            }
            System.out.printf(Locale.ROOT, "PostGIS: COPY %,d rows in %.3f s, GiST index in %.3f s, ANALYZE in %.3f s%n",
                    load.rows(), load.copyMs() / 1000.0, load.indexMs() / 1000.0, load.analyzeMs() / 1000.0);
            if (load.rows() != PLACES) {
                throw new IllegalStateException("PostGIS loaded " + load.rows() + " rows of " + PLACES);
            }

            String report = report(date, generationMs, Files.size(geojson), Files.size(copyFile), first, again, storeBytes,
                    load, postgis);
            System.out.println(report);
            Path out = Path.of("target", "bench-results", "import.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("Written to " + out.toAbsolutePath());
        } finally {
            Latencies.deleteRecursively(ROOT);
        }
    }

    // ---------------------------------------------------------------- the files

    /**
     * Draws the places and writes them twice, as the GeoJSON an OpenStreetMap export gives (one
     * feature a line, the tags OsmImport reads) and as PostgreSQL's COPY text; returns the time.
     */
    private static long write(Path geojson, Path copyFile) throws IOException {
        long t = System.nanoTime();
        var data = new PlaceSearchData();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(geojson), 1 << 16);
             JsonGenerator json = JsonMapper.builder().build().createGenerator(out);
             var copy = new PostgisPlaces.CopyFile(copyFile)) {
            json.writeStartObject();
            json.writeStringProperty("type", "FeatureCollection");
            json.writeName("features");
            json.writeStartArray();
            for (int i = 0; i < PLACES; i++) {
                Map<String, Object> place = data.place(i);
                json.writeRaw('\n');
                feature(json, 1_000_000L + i, place);
                copy.write(PostgisPlaces.Row.of(place));
            }
            json.writeRaw('\n');
            json.writeEndArray();
            json.writeEndObject();
        }
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static final List<String> SHOPS = List.of("bakery", "supermarket", "hairdresser");

    /** One node as an OpenStreetMap export writes it: osm_id, name, amenity or shop, wheelchair tags, address. */
    private static void feature(JsonGenerator json, long osmId, Map<String, Object> place) {
        @SuppressWarnings("unchecked")
        var props = (Map<String, Object>) place.get("props");
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("osm_id", Long.toString(osmId));
        tags.put("name", (String) props.get("name"));
        String category = (String) props.get("category");
        tags.put(SHOPS.contains(category) ? "shop" : "amenity", category);
        // The wheelchair tag from the step-free entrance when answered, else what the place's source said.
        String entrance = (String) props.get(Criterion.STEP_FREE_ENTRANCE.property());
        String source = (String) props.get("sourceWheelchair");
        String wheelchair = entrance != null ? entrance : source != null && !source.equals("unknown") ? source : null;
        if (wheelchair != null) {
            tags.put("wheelchair", wheelchair);
        }
        String toilet = (String) props.get(Criterion.ACCESSIBLE_TOILET.property());
        if (toilet != null) {
            tags.put("toilets:wheelchair", toilet);
        }
        String width = (String) props.get(Criterion.DOOR_WIDTH.property());
        if (width != null) {
            tags.put("wheelchair:entrance_width", width);
        }
        String street = (String) props.get("street");
        int space = street.indexOf(' ');
        tags.put("addr:housenumber", street.substring(0, space));
        tags.put("addr:street", street.substring(space + 1));
        tags.put("addr:postcode", (String) props.get("postcode"));
        tags.put("addr:city", (String) props.get("city"));

        json.writeStartObject();
        json.writeStringProperty("type", "Feature");
        json.writeName("properties");
        json.writeStartObject();
        tags.forEach(json::writeStringProperty);
        json.writeEndObject();
        json.writeName("geometry");
        json.writeStartObject();
        json.writeStringProperty("type", "Point");
        json.writeName("coordinates");
        json.writeStartArray();
        json.writeNumber(Math.round((Double) place.get("lon") * 1e7) / 1e7);
        json.writeNumber(Math.round((Double) place.get("lat") * 1e7) / 1e7);
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    // ---------------------------------------------------------------- importing

    private static Run importOnce(String name, OsmImport osm, Path file) throws IOException {
        // Listening from before the collection that starts the import: its figure is the floor.
        var live = new LiveHeap();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        boolean rssReset = resetPeakRss();
        long gcCount = gcCount();
        long gcMs = gcMs();
        long every = Math.max(ImportProgress.EVERY, PLACES / 10);
        long[] nextPrint = {every};
        long t = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s of %s (%,d bytes)%n", name, file.getFileName(), Files.size(file));
        ImportReport report = osm.importFile(file, ImportOptions.ALL, step -> {
            if (step.rows() >= nextPrint[0]) {
                nextPrint[0] += every;
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf(Locale.ROOT, "  %,d rows%s in %.1f s, %,.0f rows/s%n", step.rows(),
                        step.percent() >= 0 ? " (" + step.percent() + " %)" : "", s, step.rows() / s);
            }
        });
        long elapsedMs = (System.nanoTime() - t) / 1_000_000;
        long livePeak = live.stop();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long[] rss = rss();
        long gcs = gcCount() - gcCount;
        long gcTime = gcMs() - gcMs;
        System.gc();
        long after = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        var run = new Run(name, report, elapsedMs, peak, livePeak, after, gcs, gcTime, rss[0], rss[1], rssReset);
        System.out.printf(Locale.ROOT, "%s: %,d rows read (%,d created, %,d updated, %,d skipped) in %.1f s, %,.0f rows/s, "
                        + "heap peak %,d MB (after a collection %,d MB), RSS peak %,d MB%n", name, report.read(), report.created(),
                report.updated(), report.skipped().size(), elapsedMs / 1000.0, run.rowsPerSecond(), peak >> 20, livePeak >> 20,
                rss[0] >> 10);
        return run;
    }

    /** The import did what it must on this clean file: every row read, all created the first time, none after. */
    private static void check(ImportReport report, boolean first) {
        if (report.failed() || !report.skipped().isEmpty() || report.read() != PLACES
                || report.created() != (first ? PLACES : 0)) {
            throw new IllegalStateException("The import did not take every row " + (first ? "in" : "again") + ": read "
                    + report.read() + ", created " + report.created() + ", updated " + report.updated() + ", skipped "
                    + report.skipped().size() + (report.skipped().isEmpty() ? "" : " (first: " + report.skipped().getFirst() + ")")
                    + ", unreadable " + report.unreadable() + ", failure " + report.failure());
        }
    }

    /**
     * The largest heap left after any collection while it listens: what the import keeps alive at
     * its fullest, where the pools' peaks count garbage the collector had not yet needed to free.
     */
    private static final class LiveHeap implements javax.management.NotificationListener {

        private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();
        private final List<javax.management.NotificationEmitter> emitters = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(javax.management.NotificationEmitter.class::isInstance).map(javax.management.NotificationEmitter.class::cast)
                .toList();

        LiveHeap() {
            emitters.forEach(e -> e.addNotificationListener(this, null, null));
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!n.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                    (javax.management.openmbean.CompositeData) n.getUserData());
            long used = 0;
            for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
                var after = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (pool.getType() == MemoryType.HEAP && after != null) {
                    used += after.getUsed();
                }
            }
            peak.accumulateAndGet(used, Math::max);
        }

        long stop() {
            for (var e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // Never added.
                }
            }
            return peak.get();
        }
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMs() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Resets the kernel's peak resident set of this process (VmHWM), so that each import has its own; false if it cannot. */
    private static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** VmHWM (peak) and VmRSS of this process in kB, from /proc/self/status; -1 where not known. */
    private static long[] rss() {
        long[] kb = {-1, -1};
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    kb[0] = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmRSS:")) {
                    kb[1] = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            // Not Linux: left unknown.
        }
        return kb;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    // ---------------------------------------------------------------- the report

    private static String report(Instant date, long generationMs, long geojsonBytes, long copyBytes, Run first, Run again,
                                 long storeBytes, PostgisPlaces.Load load, String postgis) {
        var rt = Runtime.getRuntime();
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Run %s. %,d places (the place search benchmark's generator) written in %.1f s "
                        + "as OpenStreetMap GeoJSON, %,d bytes (%.1f MB), and as COPY text, %,d bytes. Machine: %d cores (%s), "
                        + "Java %s, heap max %d MB, Neo4j page cache %d MB; %s. Load average (1 min) %.2f at the end.%n%n",
                date.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), PLACES, generationMs / 1000.0, geojsonBytes,
                geojsonBytes / 1e6, copyBytes, rt.availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), rt.maxMemory() >> 20, CACHE_MB, postgis,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        sb.append("| import | rows | created / updated | elapsed s | rows/s | target ≥ 5,000 rows/s | heap peak MB "
                + "| heap peak after a GC MB | heap at end after GC MB | GCs (ms) | RSS peak MB | RSS at end MB |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Run r : List.of(first, again)) {
            sb.append(String.format(Locale.ROOT, "| Rampe, %s | %,d | %,d / %,d | %.1f | %,.0f | %s | %,d | %,d | %,d | %d (%,d) | %,d%s | %,d |%n",
                    r.name(), r.report().read(), r.report().created(), r.report().updated(), r.elapsedMs() / 1000.0,
                    r.rowsPerSecond(), r.rowsPerSecond() >= TARGET_ROWS_PER_SECOND ? "met" : "**not met**",
                    r.heapPeakBytes() >> 20, r.liveHeapPeakBytes() >> 20, r.heapAfterGcBytes() >> 20, r.gcCount(), r.gcMs(), r.rssPeakKb() >> 10,
                    r.rssPeakReset() ? "" : " (since the JVM started)", r.rssKb() >> 10));
        }
        sb.append(String.format(Locale.ROOT, "%nThe re-import took %.2f× the first import's time (target: at most 1×, %s). "
                        + "Rampe's store after both imports: %,.1f MB.%n",
                (double) again.elapsedMs() / Math.max(1, first.elapsedMs()),
                again.elapsedMs() <= first.elapsedMs() ? "met" : "**not met**", storeBytes / 1e6));
        if (PLACES == 200_000) {
            sb.append(String.format(Locale.ROOT, "200,000 places in %.1f s (target ≤ 40 s: %s).%n", first.elapsedMs() / 1000.0,
                    first.elapsedMs() <= 40_000 ? "met" : "**not met**"));
        }
        sb.append("\n| system | step | s | rows/s |\n| --- | --- | ---: | ---: |\n");
        sb.append(String.format(Locale.ROOT, "| Rampe | import (GeoJSON → graph, every index and summary) | %.2f | %,.0f |%n",
                first.elapsedMs() / 1000.0, first.rowsPerSecond()));
        sb.append(String.format(Locale.ROOT, "| PostGIS | COPY | %.3f | %,.0f |%n", load.copyMs() / 1000.0,
                load.rows() * 1000.0 / Math.max(1, load.copyMs())));
        sb.append(String.format(Locale.ROOT, "| PostGIS | GiST index | %.3f | |%n", load.indexMs() / 1000.0));
        sb.append(String.format(Locale.ROOT, "| PostGIS | **COPY + GiST** | **%.3f** | %,.0f |%n", load.loadAndIndexMs() / 1000.0,
                load.rows() * 1000.0 / Math.max(1, load.loadAndIndexMs())));
        sb.append(String.format(Locale.ROOT, "%n**Rampe's import took %.1f× PostGIS's COPY + GiST index** (%.2f s against %.3f s). "
                        + "ANALYZE afterwards %.2f s (not counted). PostGIS on disk: table %,.1f MB, index %,.1f MB.%n",
                (double) first.elapsedMs() / Math.max(1, load.loadAndIndexMs()), first.elapsedMs() / 1000.0,
                load.loadAndIndexMs() / 1000.0, load.analyzeMs() / 1000.0, load.tableBytes() / 1e6, load.indexBytes() / 1e6));
        sb.append("""

                Not the same work: Rampe parses GeoJSON, checks every value, keys each place by its source \
                (idempotent), writes the source's answers, derives the consensus, verdicts, labels and stored \
                summary, and keeps its constraints and point, full-text and other indexes up to date; PostGIS \
                reads ready-made rows of ten columns into one table with one index, no key. \
                Heap peak: the sum of the heap pools' peaks during the import, garbage included (an upper \
                bound; the heap is fixed at its maximum); heap peak after a GC: the most the heap held after any \
                collection from the one just before the import on, closer to what the import keeps alive; RSS: the \
                process's resident memory (VmHWM, reset before each import), the embedded database's page cache \
                and the whole application included.
                """);
        return sb.toString();
    }
}
