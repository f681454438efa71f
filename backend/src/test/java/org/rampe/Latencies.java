package org.rampe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/** What every benchmark measures the same way: latency percentiles of a query, and its scratch data. */
public final class Latencies {

    private Latencies() {
    }

    /** Milliseconds, and the mean number of results one run returned. */
    public record Figures(int queries, double p50, double p95, double p99, double max, double mean, double meanResults) {
    }

    /** Runs {@code run} {@code warmUp} times unmeasured, then {@code queries} times, one after the other. */
    public static Figures measure(int warmUp, int queries, IntSupplier run) {
        for (int i = 0; i < warmUp; i++) {
            run.getAsInt();
        }
        long[] micros = new long[queries];
        long results = 0;
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            results += run.getAsInt();
            micros[i] = Math.max(1, (System.nanoTime() - t) / 1_000);
        }
        return fromMicros(micros, results);
    }

    /** The figures of latencies measured elsewhere (another process), in microseconds. */
    public static Figures fromMicros(long[] micros, long results) {
        var histogram = new Histogram(60_000_000L, 3); // microseconds, up to a minute
        for (long m : micros) {
            histogram.recordValue(Math.min(60_000_000L, Math.max(1, m)));
        }
        int queries = micros.length;
        return new Figures(queries, ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()), histogram.getMean() / 1000.0,
                (double) results / queries);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (Files.notExists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
