package org.rampe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the benchmarks, run in a JVM of its own as a real client is: its threads, its
 * garbage and its JIT never share the server's cores' time slices inside one process, nor its
 * collection pauses. The benchmark hands it the requests in a file; it sends them one after the
 * other and writes back, per measured request, the microseconds from sending to the last byte
 * received and the number of results the answer held.
 */
public final class HttpBenchClient {

    /** How the number of results is read from an answer. */
    public enum Counter {
        /** The {@code "count"} member at the end of a streamed GeoJSON answer. */
        GEOJSON_COUNT,
        /** The {@code <article} elements of an HTML page (one per post card). */
        HTML_ARTICLES
    }

    /** One GET, with the session cookie to send (or null). */
    public record Request(String url, String session) {
    }

    private HttpBenchClient() {
    }

    /**
     * Sends {@code warmUp} requests unmeasured, then {@code queries} measured ones, each drawn from
     * {@code next} beforehand, from a new JVM; returns the
     * measured figures. Any answer other than 200 fails the benchmark.
     */
    public static Latencies.Figures measure(int warmUp, int queries, java.util.function.Supplier<Request> next, Counter counter)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rampe-http-client-");
        try {
            Path in = dir.resolve("requests.tsv");
            Path out = dir.resolve("latencies.tsv");
            var lines = new ArrayList<String>();
            for (int i = 0; i < warmUp + queries; i++) {
                Request r = next.get();
                lines.add((i < warmUp ? "w\t" : "m\t") + r.url() + "\t" + (r.session() == null ? "" : r.session()));
            }
            Files.write(in, lines);
            String java = ProcessHandle.current().info().command().orElse("java");
            var process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    HttpBenchClient.class.getName(), in.toString(), out.toString(), counter.name())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("The HTTP client did not finish within 30 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("The HTTP client failed (exit " + process.exitValue() + ")");
            }
            List<String> measured = Files.readAllLines(out);
            long[] micros = new long[measured.size()];
            long results = 0;
            for (int i = 0; i < micros.length; i++) {
                String[] parts = measured.get(i).split("\t");
                micros[i] = Long.parseLong(parts[0]);
                results += Long.parseLong(parts[1]);
            }
            return Latencies.fromMicros(micros, results);
        } finally {
            Latencies.deleteRecursively(dir);
        }
    }

    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Counter counter = Counter.valueOf(args[2]);
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var written = new ArrayList<String>();
        for (String line : Files.readAllLines(in)) {
            String[] parts = line.split("\t", -1);
            boolean measured = parts[0].equals("m");
            var builder = HttpRequest.newBuilder(URI.create(parts[1])).timeout(Duration.ofSeconds(30)).GET();
            if (!parts[2].isEmpty()) {
                builder.header("Cookie", "RAMPE_SESSION=" + parts[2]);
            }
            if (counter == Counter.GEOJSON_COUNT) {
                builder.header("Accept", "application/geo+json");
            }
            HttpRequest request = builder.build();
            long t = System.nanoTime();
            var response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long micros = Math.max(1, (System.nanoTime() - t) / 1_000);
            if (response.statusCode() != 200) {
                System.err.println(parts[1] + " answered " + response.statusCode());
                System.exit(2);
            }
            int results = count(counter, response.body());
            if (measured) {
                written.add(micros + "\t" + results);
            }
        }
        Files.write(out, written);
    }

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");
    private static final Pattern ARTICLE = Pattern.compile("<article");

    private static int count(Counter counter, byte[] body) {
        if (counter == Counter.GEOJSON_COUNT) {
            int from = Math.max(0, body.length - 200);
            Matcher m = COUNT.matcher(new String(body, from, body.length - from, StandardCharsets.ISO_8859_1));
            if (!m.find()) {
                throw new IllegalStateException("No count at the end of the answer");
            }
            return Integer.parseInt(m.group(1));
        }
        int n = 0;
        Matcher m = ARTICLE.matcher(new String(body, StandardCharsets.UTF_8));
        while (m.find()) {
            n++;
        }
        return n;
    }
}
