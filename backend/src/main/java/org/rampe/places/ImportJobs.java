package org.rampe.places;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.rampe.graph.GraphProperties;
import org.rampe.site.BackgroundThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Imports started from the administrators' page ({@code /admin/imports}): each runs in the
 * background on a thread at the lowest CPU priority (the site's members come first), holding the
 * site-wide {@link ImportLock}. What a running import has read is kept in memory for the page and
 * written to the lock for the other processes; the reports of the last few finished imports are
 * kept in this instance's memory only (lost on restart; the command line prints its own).
 */
@Component
class ImportJobs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    /** What to import: an uploaded file (deleted once imported) or a file of the import directory. */
    record Request(String source, Path file, String fileName, ImportOptions options, boolean uploaded) {
    }

    /** An import started here: its progress while it runs, then its report (or why it could not run). */
    static final class Job {
        private final String id = UUID.randomUUID().toString();
        private final String by;
        private final String source;
        private final String fileName;
        private final Instant startedAt;
        private volatile ImportProgress.Step step = new ImportProgress.Step(0, 0, -1);
        private volatile ImportReport report;
        private volatile String error;
        private volatile Instant finishedAt;

        Job(String by, String source, String fileName, Instant startedAt) {
            this.by = by;
            this.source = source;
            this.fileName = fileName;
            this.startedAt = startedAt;
        }

        public String id() {
            return id;
        }

        public String by() {
            return by;
        }

        public String source() {
            return source;
        }

        public String fileName() {
            return fileName;
        }

        public Instant startedAt() {
            return startedAt;
        }

        /** The importer's report; null when the import stopped on an error of its own ({@link #error}). */
        public ImportReport report() {
            return report;
        }

        /** Why the import stopped without a report (the graph unreachable…), or null. */
        public String error() {
            return error;
        }

        public Instant finishedAt() {
            return finishedAt;
        }

        public boolean failed() {
            return error != null || (report != null && report.failed());
        }
    }

    /**
     * Where an import stands as the page shows it, whether it runs here or in another process.
     *
     * @param percent     0 to 100, or -1 when the file's size is not known
     * @param secondsLeft an estimate from the pace so far, or -1 when there is none yet
     */
    record Status(String by, String source, String file, Instant startedAt, long rows, int percent, long secondsLeft) {
    }

    private final OsmImport osm;
    private final AcceslibreImport acceslibre;
    private final ImportLock lock;
    private final Path dir;
    private final int kept;
    private final Clock clock;
    private final ExecutorService thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
            new BackgroundThreads("import"));
    private final Deque<Job> finished = new ArrayDeque<>();
    private volatile Job running;

    @Autowired
    ImportJobs(OsmImport osm, AcceslibreImport acceslibre, ImportLock lock, ImportSettings settings, GraphProperties graph) {
        this(osm, acceslibre, lock, directory(settings, graph), settings.reportsKept(), Clock.systemUTC());
    }

    ImportJobs(OsmImport osm, AcceslibreImport acceslibre, ImportLock lock, Path dir, int kept, Clock clock) {
        this.osm = osm;
        this.acceslibre = acceslibre;
        this.lock = lock;
        this.dir = dir;
        this.kept = Math.max(1, kept);
        this.clock = clock;
    }

    /** The import directory: {@code rampe.imports.dir}, or {@code <data-dir>/imports}; absolute and normalised. */
    static Path directory(ImportSettings settings, GraphProperties graph) {
        Path d = settings.dir() != null && !settings.dir().toString().isBlank() ? settings.dir()
                : graph.dataDir().resolve("imports");
        return d.toAbsolutePath().normalize();
    }

    Path directory() {
        return dir;
    }

    /**
     * The file of the import directory called {@code name} (a name or a path below the directory), or
     * empty when it lies outside it, links outside it, or is not a readable file.
     */
    Optional<Path> inDirectory(String name) {
        try {
            Path candidate = dir.resolve(name.strip()).normalize();
            if (!candidate.startsWith(dir) || !Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            // A link inside the directory pointing elsewhere is outside all the same.
            Path real = candidate.toRealPath();
            Path realDir = dir.toRealPath();
            return real.startsWith(realDir) && Files.isReadable(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The files of the import directory, for the page to offer (names relative to it). */
    List<String> available() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.walk(dir, 2)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !dir.relativize(f).toString().startsWith("."))
                    .map(f -> dir.relativize(f).toString()).sorted().limit(200).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Where uploads are written as they arrive (the multipart spool), then kept until imported. */
    Path uploads() {
        return dir.resolve(".uploads");
    }

    /**
     * Starts {@code request} in the background for {@code by}, or answers who holds the lock. An
     * uploaded file is deleted when the import is refused as well as when it is done.
     */
    Started start(Request request, String by) {
        var claim = lock.claim(by, request.source(), request.fileName());
        if (!claim.granted()) {
            deleteUpload(request);
            return new Started(null, claim.busy());
        }
        var job = new Job(by, request.source(), request.fileName(), clock.instant());
        running = job;
        try {
            thread.execute(() -> run(job, request, claim.holding()));
        } catch (RuntimeException e) {
            running = null;
            claim.holding().close();
            deleteUpload(request);
            throw e;
        }
        return new Started(job, null);
    }

    /** The answer to {@link #start}: the job started, or the import that holds the lock. */
    record Started(Job job, ImportLock.Holder busy) {
    }

    private void run(Job job, Request request, ImportLock.Holding holding) {
        try (holding) {
            ImportProgress progress = step -> {
                job.step = step;
                holding.beat(step.rows(), step.percent(), false);
            };
            job.report = switch (request.source()) {
                case PlaceSource.OSM -> osm.importFile(request.file(), request.options(), progress);
                case PlaceSource.ACCESLIBRE -> acceslibre.importFile(request.file(), request.options(), progress);
                default -> throw new IllegalArgumentException("unknown source " + request.source());
            };
            log.info("Import of {} ({}) by {}: {} rows read, {} created, {} updated, {} skipped{}", job.fileName,
                    job.source, job.by, job.report.read(), job.report.created(), job.report.updated(),
                    job.report.skipped().size(), job.report.failed() ? ", FAILED" : "");
        } catch (RuntimeException e) {
            log.error("Import of {} ({}) by {} stopped", job.fileName, job.source, job.by, e);
            job.error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            deleteUpload(request);
            job.finishedAt = clock.instant();
            synchronized (finished) {
                finished.addFirst(job);
                while (finished.size() > kept) {
                    finished.removeLast();
                }
            }
            running = null;
        }
    }

    private static void deleteUpload(Request request) {
        if (request.uploaded()) {
            try {
                Files.deleteIfExists(request.file());
            } catch (IOException e) {
                log.warn("Uploaded import file {} not deleted: {}", request.file(), e.toString());
            }
        }
    }

    /**
     * The import running now anywhere on the site: this instance's own (with its exact progress), or
     * the lock's holder (the command line, another instance).
     */
    Optional<Status> current() {
        Job job = running;
        Instant now = clock.instant();
        if (job != null) {
            var step = job.step;
            return Optional.of(new Status(job.by, job.source, job.fileName, job.startedAt, step.rows(), step.percent(),
                    secondsLeft(job.startedAt, now, step.totalBytes() > 0 ? (double) step.bytes() / step.totalBytes() : -1)));
        }
        return lock.current().map(h -> new Status(h.by(), h.source(), h.file(), h.startedAt(), h.rows(), h.percent(),
                secondsLeft(h.startedAt(), h.heartbeat(), h.percent() / 100.0)));
    }

    /** The time left at the pace so far, once a little of the file is read. */
    static long secondsLeft(Instant startedAt, Instant now, double done) {
        if (done <= 0.01 || done > 1) {
            return -1;
        }
        double elapsed = Duration.between(startedAt, now).toMillis() / 1000.0;
        return Math.round(elapsed * (1 - done) / done);
    }

    /** The last few finished imports of this instance, newest first. */
    List<Job> recent() {
        synchronized (finished) {
            return List.copyOf(finished);
        }
    }

    Optional<Job> finished(String id) {
        return recent().stream().filter(j -> j.id().equals(id)).findFirst();
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
