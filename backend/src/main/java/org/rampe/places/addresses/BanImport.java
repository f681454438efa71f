package org.rampe.places.addresses;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.rampe.places.CountingInputStream;
import org.rampe.places.ImportOptions;
import org.rampe.places.ImportProgress;
import org.rampe.places.ImportReport;
import org.rampe.places.ImportReport.RowProblem;
import org.springframework.stereotype.Component;

/**
 * {@code rampe import ban FILE}: loads a BAN "adresses" file ({@code adresses-33.csv.gz}, or the
 * same uncompressed) into the graph, so that the "near" field finds any address, street or commune
 * of the loaded départements. Columns are read by header name; rows go in by batches of
 * {@value #BATCH} in one transaction each, merged by their BAN id (a re-import updates, never
 * duplicates). A bad row is reported with its line and reason, the others go in. A file that breaks
 * off part-way (a cut download) is a failed import, the rows before it in.
 *
 * <p>The streets and communes are summed up while the file is read (their centre is the mean of
 * their addresses) and written at the end: a département file holds every address of its communes,
 * so a street's centre is the one of the whole file. This keeps one entry per street in memory, some
 * forty thousand for a large département.
 */
@Component
public class BanImport {

    public static final String SOURCE = "ban";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BanImport.class);
    static final int BATCH = 2_000;

    private final AddressRepository repository;

    BanImport(AddressRepository repository) {
        this.repository = repository;
    }

    /** An import outside the application, straight on a graph (the import benchmark). */
    public static BanImport on(org.rampe.graph.Graph graph) {
        return new BanImport(new AddressRepository(graph));
    }

    public ImportReport importFile(Path file, ImportOptions options, ImportProgress progress) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return unreadable("cannot read " + file);
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return importStream(raw, Files.size(file), options, progress);
        } catch (IOException e) {
            return unreadable("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Reads a BAN file, gzip or not (told by its first bytes, not its name). */
    ImportReport importStream(InputStream raw, long size, ImportOptions options, ImportProgress progress) {
        var counted = new CountingInputStream(raw);
        BufferedReader reader;
        try {
            var buffered = new BufferedInputStream(counted, 1 << 16);
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream text = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            reader = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            return unreadable("not a readable gzip or CSV file: " + e.getMessage());
        }
        var format = CSVFormat.DEFAULT.builder().setDelimiter(';').setIgnoreEmptyLines(true).get();
        var run = new Run(options, progress, counted, size);
        try (run; CSVParser parser = format.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            Map<String, Integer> columns;
            try {
                if (!records.hasNext()) {
                    return unreadable("empty file: no header line");
                }
                columns = columns(records.next());
            } catch (UncheckedIOException | IllegalStateException e) {
                return unreadable("not a BAN CSV file: " + e.getMessage());
            }
            for (String needed : BanRow.REQUIRED) {
                if (!columns.containsKey(needed)) {
                    return unreadable("not a BAN addresses file: the header has no \"" + needed + "\" column");
                }
            }
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    run.brokenAt(parser.getCurrentLineNumber(), e);
                    break;
                }
                long line = parser.getCurrentLineNumber();
                if (record.size() != columns.size()) {
                    run.skipped(line, record.size() + " fields where the header has " + columns.size());
                    continue;
                }
                var parsed = BanRow.parse(name -> {
                    Integer i = columns.get(name);
                    return i == null ? "" : record.get(i).strip();
                });
                if (parsed.row() == null) {
                    run.skipped(line, parsed.problem());
                } else {
                    run.read(parsed.row());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            if (run.rows == 0) {
                return unreadable("cannot read: " + e.getMessage());
            }
            run.brokenAt(-1, e);
        }
        return run.finish();
    }

    /** Header name → index; a leading byte-order mark is dropped. */
    private static Map<String, Integer> columns(CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT), i);
        }
        return columns;
    }

    private static ImportReport unreadable(String reason) {
        return new ImportReport(SOURCE, 0, 0, 0, List.of(), List.of(), reason, null, 0, 0);
    }

    /** One import under way: the batch being filled, the sums of streets and communes, the counts. */
    private final class Run implements AutoCloseable {

        final ImportOptions options;
        final ImportProgress progress;
        final CountingInputStream counted;
        final long size;
        final List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        final Map<String, Sum> streets = new HashMap<>();
        final Map<String, Sum> communes = new HashMap<>();
        final List<RowProblem> skipped = new ArrayList<>();
        ExecutorService writer;
        Future<Integer> writing;
        final long startNanos = System.nanoTime();
        long waitedNanos;
        long rows;
        int read;
        int created;
        int outside;
        String failure;

        Run(ImportOptions options, ImportProgress progress, CountingInputStream counted, long size) {
            this.options = options;
            this.progress = progress;
            this.counted = counted;
            this.size = size;
        }

        void read(BanRow row) {
            counted();
            if (!options.area().contains(row.location(), row.postcode())) {
                outside++;
                return;
            }
            read++;
            batch.add(row.properties());
            streets.computeIfAbsent(row.streetId(), k -> new Sum(row.street(), row)).add(row);
            communes.computeIfAbsent(row.insee(), k -> new Sum(row.city(), row)).add(row);
            if (batch.size() >= BATCH) {
                flush();
            }
        }

        void skipped(long line, String reason) {
            counted();
            read++;
            skipped.add(new RowProblem(line, reason));
        }

        void brokenAt(long line, Exception e) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            failure = (line > 0 ? "the file breaks off after line " + line : "the file breaks off") + " (" + cause + ")";
        }

        private void counted() {
            rows++;
            if (rows % ImportProgress.EVERY == 0) {
                progress.update(new ImportProgress.Step(rows, counted.count(), size));
            }
        }

        /**
         * Hands the batch to the writer thread and goes on reading: the next batch is parsed while
         * the database writes this one (two cores: one parses, one writes). One batch at most waits,
         * so memory stays bounded and a write's failure stops the import at the next batch.
         */
        private void flush() {
            awaitWrite();
            if (!batch.isEmpty()) {
                List<Map<String, Object>> rows = List.copyOf(batch);
                batch.clear();
                if (writer == null) {
                    writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("ban-import-writer").daemon(true).factory());
                }
                writing = writer.submit(() -> repository.saveAddresses(rows));
            }
        }

        /** Stops the writer thread; a batch still being written is left to finish (its result is still awaited). */
        @Override
        public void close() {
            if (writer != null) {
                writer.shutdown();
                writer = null;
            }
        }

        private void awaitWrite() {
            if (writing == null) {
                return;
            }
            long start = System.nanoTime();
            try {
                created += writing.get();
                waitedNanos += System.nanoTime() - start;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing addresses", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } finally {
                writing = null;
            }
        }

        ImportReport finish() {
            try {
                flush();
                awaitWrite();
            } finally {
                close();
            }
            long addressesDone = System.nanoTime();
            writeInBatches(streets, true);
            writeInBatches(communes, false);
            LOG.info("BAN import: {} rows in {} ms ({} ms of them waiting for address writes), then {} streets and {} communes in {} ms",
                    rows, (addressesDone - startNanos) / 1_000_000, waitedNanos / 1_000_000, streets.size(), communes.size(),
                    (System.nanoTime() - addressesDone) / 1_000_000);
            progress.update(new ImportProgress.Step(rows, counted.count(), size));
            int imported = read - skipped.size();
            return new ImportReport(SOURCE, read, created, imported - created, skipped, List.of(), null, failure, outside, 0);
        }

        private void writeInBatches(Map<String, Sum> sums, boolean asStreets) {
            List<Map<String, Object>> rows = new ArrayList<>(BATCH);
            for (var entry : sums.entrySet()) {
                rows.add(asStreets ? entry.getValue().street(entry.getKey()) : entry.getValue().commune());
                if (rows.size() >= BATCH) {
                    save(rows, asStreets);
                    rows.clear();
                }
            }
            save(rows, asStreets);
        }

        private void save(List<Map<String, Object>> rows, boolean asStreets) {
            if (rows.isEmpty()) {
                return;
            }
            if (asStreets) {
                repository.saveStreets(rows);
            } else {
                repository.saveCommunes(rows);
            }
        }
    }

    /** A street's or a commune's addresses summed up: their centre, their count, their most common postcode. */
    private static final class Sum {

        final String name;
        final String insee;
        final String city;
        final String departement;
        final Map<String, Integer> postcodes = new HashMap<>(2);
        double latitudes;
        double longitudes;
        long count;

        Sum(String name, BanRow first) {
            this.name = name;
            this.insee = first.insee();
            this.city = first.city();
            this.departement = first.departement();
        }

        void add(BanRow row) {
            latitudes += row.location().latitude();
            longitudes += row.location().longitude();
            count++;
            if (!row.postcode().isEmpty()) {
                postcodes.merge(row.postcode(), 1, Integer::sum);
            }
        }

        String postcode() {
            return postcodes.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse("");
        }

        Map<String, Object> street(String id) {
            Map<String, Object> p = common();
            p.put("id", id);
            p.put("city", city);
            p.put("key", AddressText.fold(name));
            p.put("cityKey", AddressText.fold(city));
            p.put("label", name + ", " + BanRow.place(postcode(), city));
            return p;
        }

        Map<String, Object> commune() {
            Map<String, Object> p = common();
            p.put("key", AddressText.fold(name));
            p.put("label", BanRow.place(postcode(), name));
            return p;
        }

        private Map<String, Object> common() {
            Map<String, Object> p = new HashMap<>(16);
            p.put("name", name);
            p.put("insee", insee);
            p.put("postcode", postcode());
            p.put("departement", departement);
            p.put("addresses", count);
            p.put("lat", latitudes / count);
            p.put("lon", longitudes / count);
            return p;
        }
    }
}
