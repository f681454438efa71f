package org.rampe.messaging;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.rampe.Latencies;
import org.rampe.RampeApplication;

/**
 * Real processes for the scale-out tests and the messaging benchmark: the foundation's standalone
 * graph server ({@code rampe graph-server}) and application instances, each a JVM of its own
 * started from this test's classpath and Java, so that one of them can be killed with SIGKILL and
 * the others — and the database — live on. Everything started here is stopped by {@link #close()}
 * and, should the test JVM end first, by a shutdown hook.
 */
final class RampeProcesses implements AutoCloseable {

    /** -Drampe.processes.startSeconds=… gives a machine busy with other builds more time (an embedded graph took 107 s to start at a load of 25). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("rampe.processes.startSeconds", 180));

    private final Path dir;
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final Thread hook = new Thread(this::destroyAll, "rampe-processes-cleanup");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    RampeProcesses(String name) throws IOException {
        this.dir = Path.of("target", "processes", name).toAbsolutePath().normalize();
        Latencies.deleteRecursively(dir);
        Files.createDirectories(dir);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The standalone Neo4j: its Bolt port and the password it generated. */
    record Graph(Process process, int port, String password) {

        String uri() {
            return "bolt://127.0.0.1:" + port;
        }

        Driver driver() {
            return GraphDatabase.driver(uri(), AuthTokens.basic("neo4j", password));
        }
    }

    /** One application instance; {@link #kill()} is kill -9. */
    final class App {
        final String name;
        final int port;
        private final List<String> command;
        private volatile Process process;

        private App(String name, int port, List<String> command) {
            this.name = name;
            this.port = port;
            this.command = command;
        }

        String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        long pid() {
            return process.pid();
        }

        /** SIGKILL: no shutdown hook, no graceful close of sockets or transactions. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** Starts it again on the same port with the same settings, and waits until it is healthy. */
        void restart() throws IOException, InterruptedException {
            if (process.isAlive()) {
                throw new IllegalStateException(name + " is still running");
            }
            process = launch(name, command);
            awaitHealthy(this);
        }

        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    Graph startGraph() throws IOException, InterruptedException {
        int port = RabbitMqBroker.freePort();
        Path data = dir.resolve("graph-data");
        var command = new ArrayList<>(List.of(java(), "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(extraOptions("rampe.processes.graphJvm"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                RampeApplication.class.getName(), "graph-server", "--port", Integer.toString(port),
                "--data-dir", data.toString(), "--page-cache", "64MB"));
        Process process = launch("graph-server", command);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path passwordFile = data.resolve("neo4j-password");
        Path log = dir.resolve("graph-server.log");
        // The password file is written before the password is set: wait for the line printed once it is.
        while (!(Files.exists(log) && Files.readString(log).contains("Neo4j is listening") && listening(port))) {
            check(process, "graph-server", deadline);
            Thread.sleep(200);
        }
        return new Graph(process, port, Files.readString(passwordFile).strip());
    }

    /** The application's collector, as {@code ./rampe} starts it (-Drampe.processes.gc=G1GC to compare). */
    static final String APP_GC = "-XX:+Use" + System.getProperty("rampe.processes.gc", "G1GC");

    /** Starts an application instance on a free port against {@code graph}, and waits for /actuator/health. */
    App startApp(String name, Graph graph, String heap, List<String> settings) throws IOException, InterruptedException {
        return startApp(name, RabbitMqBroker.freePort(), graph, heap, settings);
    }

    App startApp(String name, int port, Graph graph, String heap, List<String> settings) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(java(), "-Xms" + heap, "-Xmx" + heap, APP_GC,
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(extraOptions("rampe.processes.appJvm"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                RampeApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.neo4j.uri=" + graph.uri(), "--spring.neo4j.authentication.username=neo4j",
                "--spring.neo4j.authentication.password=" + graph.password(),
                "--rampe.data-dir=" + dir.resolve(name + "-data"),
                "--spring.main.banner-mode=off"));
        command.addAll(settings);
        var app = new App(name, port, List.copyOf(command));
        app.process = launch(name, app.command);
        awaitHealthy(app);
        return app;
    }

    /**
     * An application instance with its own embedded graph, as {@code ./rampe} runs by default; its
     * Bolt connector listens on a known port of 127.0.0.1 so that fixtures can write to the graph.
     */
    record Embedded(App app, Graph graph) {
    }

    Embedded startAppWithEmbeddedGraph(String name, String heap, String pageCache, List<String> settings)
            throws IOException, InterruptedException {
        int port = RabbitMqBroker.freePort();
        int boltPort = RabbitMqBroker.freePort();
        Path data = dir.resolve(name + "-data");
        var command = new ArrayList<>(List.of(java(), "-Xms" + heap, "-Xmx" + heap, APP_GC,
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(extraOptions("rampe.processes.appJvm"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                RampeApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--rampe.data-dir=" + data, "--rampe.bolt-port=" + boltPort, "--rampe.page-cache=" + pageCache,
                "--spring.main.banner-mode=off"));
        command.addAll(settings);
        var app = new App(name, port, List.copyOf(command));
        app.process = launch(name, app.command);
        awaitHealthy(app);
        return new Embedded(app, new Graph(app.process, boltPort, Files.readString(data.resolve("neo4j-password")).strip()));
    }

    /** More JVM options for a child process, e.g. -Drampe.processes.appJvm=-XX:StartFlightRecording=... to profile it. */
    private static List<String> extraOptions(String property) {
        String value = System.getProperty(property, "").strip();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    private Process launch(String name, List<String> command) throws IOException {
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        started.add(process);
        return process;
    }

    private void awaitHealthy(App app) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        var request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
        while (true) {
            check(app.process, app.name, deadline);
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
    }

    private void check(Process process, String name, long deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; see "
                    + dir.resolve(name + ".log"));
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(name + " did not start within " + START_TIMEOUT.toSeconds() + " s; see "
                    + dir.resolve(name + ".log"));
        }
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    Path dir() {
        return dir;
    }

    private void destroyAll() {
        // Applications first (they hold Bolt connections), the database last, so that it closes cleanly.
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            if (p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(Duration.ofSeconds(30))) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        destroyAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
