package org.rampe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL cluster with PostGIS, started by a benchmark for the time of its run and
 * deleted after: {@code initdb} into a folder of {@code backend/target}, {@code pg_ctl start} on a
 * free port of 127.0.0.1 (TCP only, no Unix socket), {@code CREATE EXTENSION postgis}. The
 * benchmarks compare Rampe with it on the same data, so it is set up as an operator would set up a
 * server of the same size: durability as shipped (fsync, synchronous commit), {@code shared_buffers}
 * as large as Neo4j's page cache in the same run.
 *
 * <p>Needs Debian's {@code postgresql-15-postgis-3} (or {@code -Dbench.pgBin=} pointing at another
 * PostgreSQL's {@code bin} folder with PostGIS installed). PostgreSQL refuses to run as root: as
 * root, the cluster belongs to the {@code postgres} OS user and every command runs as it through
 * {@code runuser}. Authentication is {@code trust}, which is acceptable only because the server
 * listens on 127.0.0.1 for the minutes of a benchmark and holds generated data.
 */
public final class PostgisServer implements AutoCloseable {

    public static final Path BIN = Path.of(System.getProperty("bench.pgBin", "/usr/lib/postgresql/15/bin"));
    private static final String OS_USER = "postgres";

    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final List<String> settings;
    private final Thread shutdownHook;
    private boolean stopped;

    private PostgisServer(Path dir, int port, boolean asRoot, List<String> settings) {
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
        this.settings = settings;
        // A benchmark stopped by Ctrl-C or a killed Maven still stops its server (the folder stays, and
        // the next start deletes it).
        this.shutdownHook = new Thread(this::stopQuietly, "postgis-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a new cluster in {@code dir} (deleted first, with any server a killed run left there)
     * with {@code sharedBuffersMb} of shared buffers, and creates the PostGIS extension in its
     * {@code postgres} database.
     */
    public static PostgisServer start(Path dir, long sharedBuffersMb) throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException("PostgreSQL is not installed at " + BIN
                    + ": apt-get install postgresql-15-postgis-3 (see docs/benchmarks.md), or -Dbench.pgBin=");
        }
        dir = dir.toAbsolutePath().normalize();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        if (Files.exists(dir.resolve("postmaster.pid"))) {
            run(asRoot, 60, BIN.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "immediate", "-w", "stop");
        }
        Latencies.deleteRecursively(dir);
        Files.createDirectories(dir);
        if (asRoot) {
            run(false, 30, "chown", OS_USER + ":", dir.toString());
        }
        run(asRoot, 300, BIN.resolve("initdb").toString(), "-D", dir.toString(), "-U", "postgres", "--auth=trust",
                "-E", "UTF8", "--no-locale", "--no-sync");
        int port = freePort();
        List<String> settings = List.of(
                "listen_addresses=127.0.0.1",
                "port=" + port,
                "unix_socket_directories=",
                "shared_buffers=" + sharedBuffersMb + "MB",
                // What an operator gives a bulk load and an index build on a server of this size.
                "maintenance_work_mem=512MB",
                "max_wal_size=4GB",
                "logging_collector=off");
        List<String> options = new ArrayList<>();
        for (String s : settings) {
            options.add("-c " + s.replace("=", "='") + "'");
        }
        var server = new PostgisServer(dir, port, asRoot, settings);
        boolean started = false;
        try {
            run(asRoot, 120, BIN.resolve("pg_ctl").toString(), "-D", dir.toString(), "-l", dir.resolve("server.log").toString(),
                    "-o", String.join(" ", options), "-w", "-t", "120", "start");
            try (Connection c = server.connect(); var s = c.createStatement()) {
                s.execute("CREATE EXTENSION postgis");
            } catch (SQLException e) {
                throw new IllegalStateException("PostGIS is not usable: " + e.getMessage(), e);
            }
            started = true;
        } finally {
            if (!started) {
                server.close();
            }
        }
        return server;
    }

    /** A new connection to the {@code postgres} database, as the {@code postgres} superuser. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The server's version and PostGIS's, and the settings it was started with, for a report. */
    public String describe() throws SQLException {
        try (Connection c = connect(); var s = c.createStatement();
             var r = s.executeQuery("SELECT current_setting('server_version'), postgis_lib_version()")) {
            r.next();
            return String.format(Locale.ROOT, "PostgreSQL %s with PostGIS %s (%s)", r.getString(1), r.getString(2),
                    String.join(", ", settings.stream().filter(s1 -> !s1.startsWith("port=") && !s1.startsWith("unix_")
                            && !s1.startsWith("logging")).toList()));
        }
    }

    /** Stops the server and deletes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (stopped) {
            return;
        }
        try {
            run(asRoot, 120, BIN.resolve("pg_ctl").toString(), "-D", dir.toString(), "-m", "fast", "-w", "stop");
        } finally {
            stopped = true;
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // Called from the hook itself.
            }
            Latencies.deleteRecursively(dir);
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("Could not stop PostgreSQL in " + dir + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Runs a command (as the postgres OS user when {@code asPostgres}); fails with its output if it fails. */
    private static void run(boolean asPostgres, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        }
        full.addAll(List.of(command));
        Path log = Files.createTempFile("rampe-postgis-", ".log");
        try {
            // The working directory must be one the postgres user may enter.
            Process p = new ProcessBuilder(full).directory(Path.of("/").toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Timed out after " + timeoutSeconds + " s: " + String.join(" ", full));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Failed (exit " + p.exitValue() + "): " + String.join(" ", full) + "\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
