package org.rampe.places;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

import org.rampe.places.ImportReport.RowProblem;

/**
 * The running tally of one import: each row read is created, updated or skipped. Rows are written
 * in batches of {@value #BATCH} (one transaction each, issue 18): a row is counted as read when it is
 * checked, as created or updated when its batch is written.
 */
final class ImportRun {

    /**
     * Rows written per transaction. Measured on the 200,000-place benchmark file (docs/benchmarks.md):
     * a few thousand rows make a transaction's fixed cost vanish while its state stays a few megabytes.
     */
    static final int BATCH = 2_000;

    /** Where a row is in its file: 1-based line, 1-based index among the file's rows (0: not counted), byte offset (-1: unknown). */
    /** A batch handed to a writer thread, and the keys of its places. */
    private record Writing(Future<List<Places.ImportOutcome>> outcomes, Set<String> keys) {
    }

    record At(long line, long index, long offset) {
        static At line(long line) {
            return new At(line, 0, -1);
        }
    }

    private final String source;
    private final Places places;
    private final ImportOptions options;
    private final ImportProgress progress;
    private final LongSupplier bytesRead;
    private final long totalBytes;
    private final Instant startedAt;
    private final List<RowProblem> skipped = new ArrayList<>();
    private final List<RowProblem> warnings = new ArrayList<>();
    private final List<ImportedPlace> batch = new ArrayList<>(BATCH);
    private final Set<String> batchKeys = new HashSet<>();
    private String failure;
    private ExecutorService writers;
    /** The batches being written, oldest first, with their places' keys. */
    private final java.util.ArrayDeque<Writing> writing = new java.util.ArrayDeque<>();
    private int read;
    private int outside;
    private int created;
    private int updated;

    /**
     * @param bytesRead  how much of the file is read so far, for progress
     * @param totalBytes the file's size, or -1
     * @param startedAt  the date of the import: the date its answers count from, and the date its places
     *                   are seen in their source (a complete import marks those not seen since as "maybe closed")
     */
    ImportRun(String source, Places places, ImportOptions options, ImportProgress progress, LongSupplier bytesRead,
              long totalBytes, Instant startedAt) {
        this.source = source;
        this.places = places;
        this.options = options;
        this.progress = progress;
        this.bytesRead = bytesRead;
        this.totalBytes = totalBytes;
        this.startedAt = startedAt;
    }

    void imported(ImportedPlace place, At at, List<String> rowWarnings) {
        if (!options.area().contains(place.location(), place.address().postcode())) {
            outside++;
            return;
        }
        String refused = nameProblem(place.name());
        if (refused != null) {
            skipped(at, refused);
            return;
        }
        rowWarnings.forEach(w -> warnings.add(problem(at, w)));
        if (writing.stream().anyMatch(w -> w.keys().contains(place.source().key()))) {
            // The same place twice in a file, its first row still being written: wait for it.
            awaitWriting(0);
        }
        if (!batchKeys.add(place.source().key())) {
            // The same place twice in a batch: its first row is written before its second is.
            flush();
            awaitWriting(0);
            batchKeys.add(place.source().key());
        }
        batch.add(place);
        counted();
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    /**
     * What the place form would refuse in a name (issue 17): an open-data file is input like any
     * other, and a name of a megabyte or with control characters would be shown on every page.
     */
    static String nameProblem(String name) {
        if (name.codePointCount(0, name.length()) > PlaceForm.NAME_MAX) {
            return "name longer than " + PlaceForm.NAME_MAX + " characters";
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return "name with control characters";
        }
        return null;
    }

    void skipped(At at, String reason) {
        skipped.add(problem(at, reason));
        counted();
    }

    /**
     * The file stopped making sense part-way (cut, corrupt): what came before stays imported, the
     * rest is not read, and the import has failed.
     */
    void brokenAt(At at, String reason) {
        failure = reason + " at " + problem(at, reason).position() + "; the rest of the file was not read";
    }

    int read() {
        return read;
    }

    Instant startedAt() {
        return startedAt;
    }

    private static RowProblem problem(At at, String reason) {
        return new RowProblem(at.line(), at.index(), at.offset(), reason);
    }

    private void counted() {
        read++;
        if (read % ImportProgress.EVERY == 0) {
            progress.update(new ImportProgress.Step(read + outside, bytesRead.getAsLong(), totalBytes));
        }
    }

    /** Tells the progress now, whatever the count of rows (a reader between rows, e.g. reading a PBF's ways). */
    void tick() {
        progress.update(new ImportProgress.Step(read + outside, bytesRead.getAsLong(), totalBytes));
    }

    /** Batches written at once, each in its own transaction, while the next one is read. */
    static final int WRITERS = 2;

    /**
     * Hands the batch to a writer thread and goes on reading: the next batch is parsed while the
     * last ones are written, {@value #WRITERS} transactions at once (their places are distinct: a
     * place twice in the file waits for its first row to be written). Memory stays a few batches.
     */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        awaitWriting(WRITERS - 1);
        List<ImportedPlace> rows = List.copyOf(batch);
        if (writers == null) {
            writers = Executors.newFixedThreadPool(WRITERS, Thread.ofPlatform().name("place-import-writer-", 1).daemon(true).factory());
        }
        writing.add(new Writing(writers.submit(() -> places.importBatch(rows)), Set.copyOf(batchKeys)));
        batch.clear();
        batchKeys.clear();
    }

    /** Waits until at most {@code left} batches are being written, counting what the finished ones did; a failure is the import's. */
    private void awaitWriting(int left) {
        while (writing.size() > left) {
            try {
                for (var outcome : writing.peek().outcomes().get()) {
                    if (outcome == Places.ImportOutcome.CREATED) {
                        created++;
                    } else {
                        updated++;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                writing.poll();
            }
        }
    }

    /** Writes the last batch and, after a whole complete file, marks the places it no longer has. */
    ImportReport report() {
        try {
            flush();
            awaitWriting(0);
        } finally {
            if (writers != null) {
                writers.shutdown();
                writers = null;
            }
        }
        int maybeClosed = 0;
        if (options.complete() && failure == null) {
            maybeClosed = places.markMaybeClosed(source, options.area(), startedAt);
        }
        progress.update(new ImportProgress.Step(read + outside, bytesRead.getAsLong(), totalBytes));
        return new ImportReport(source, read, created, updated, skipped, warnings, null, failure, outside, maybeClosed);
    }
}
