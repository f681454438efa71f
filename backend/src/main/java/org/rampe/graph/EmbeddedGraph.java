package org.rampe.graph;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Neo4j Community DBMS running inside this JVM, reached like any other server: through its
 * Bolt connector, with authentication on. The password is generated on first start and kept in
 * the data directory, readable by its owner only, because the graph holds health data and any
 * local process could otherwise open the port.
 */
public final class EmbeddedGraph implements AutoCloseable {

    public static final String USER = "neo4j";
    static final String PASSWORD_FILE = "neo4j-password";
    /**
     * Where a running instance says its Bolt address (issue 18): written at start, readable by its
     * owner only, removed on close. {@code rampe import} reads it to import through the running
     * instance instead of failing on the store's lock.
     */
    public static final String RUNNING_FILE = "running-bolt-uri";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedGraph.class);

    private final DatabaseManagementService dbms;
    private final URI boltUri;
    private final String password;
    private final Path home;
    private final Path runningFile;

    private EmbeddedGraph(DatabaseManagementService dbms, URI boltUri, String password, Path home, Path runningFile) {
        this.dbms = dbms;
        this.boltUri = boltUri;
        this.password = password;
        this.home = home;
        this.runningFile = runningFile;
    }

    /**
     * How long a query plan is kept before Neo4j may plan the query again because the graph's
     * statistics changed (Neo4j's {@code dbms.cypher.min_replan_interval}; its default is 10 s). When
     * a hot query is planned again while the chat runs, the messages wait: in the messaging
     * benchmark, whose graph grows from 3,000 to 58,000 nodes in six minutes, every 10-second window
     * with a 0.3-0.4 s stall had a replan in Neo4j's log at that moment, and the windows without one
     * had none (issue 17, docs/benchmarks.md). Rampe's hot queries start from unique ids, so their
     * plans do not depend on the graph's size; those that do (search) are planned again within the
     * hour, on the statistics of the day.
     */
    public static final Duration MIN_REPLAN_INTERVAL = Duration.ofHours(1);

    /**
     * Starts the DBMS under {@code dataDir/neo4j}.
     *
     * @param host           the address Bolt listens on; 127.0.0.1 unless the operator asks otherwise
     * @param port           0 picks a free port, read back once the connector is up
     * @param pageCacheBytes Neo4j's page cache, outside the Java heap
     */
    public static EmbeddedGraph start(Path dataDir, String host, int port, long pageCacheBytes) {
        return start(dataDir, host, port, pageCacheBytes, TxLogs.DEFAULT);
    }

    /**
     * How long transaction logs are kept, and the size at which one is closed and the next begun.
     * Neo4j deletes a closed log file once everything in it is older than the retention (checked at
     * each checkpoint); the file being written is never deleted, hence a rotation size small enough
     * for files to close at a small site's pace.
     *
     * @param retention     Neo4j's {@code db.tx_log.rotation.retention_policy}, e.g. "2 days"
     * @param rotationBytes Neo4j's {@code db.tx_log.rotation.size}
     */
    public record TxLogs(String retention, long rotationBytes) {
        /** The same as {@code rampe.tx-log-retention} and {@code rampe.tx-log-rotation-size}'s defaults. */
        public static final TxLogs DEFAULT = new TxLogs("2 days", 8L * 1024 * 1024);
    }

    /** As {@link #start(Path, String, int, long)}, with the transaction logs kept as {@code txLogs} says. */
    public static EmbeddedGraph start(Path dataDir, String host, int port, long pageCacheBytes, TxLogs txLogs) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path home = dir.resolve("neo4j");
        try {
            createPrivateDirectory(dir);
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        boolean newPassword = !Files.exists(passwordFile);
        String password = readOrCreatePassword(passwordFile);
        warnIfExposed(host, port);
        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, txLogs.retention())
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, txLogs.rotationBytes())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.cypher_min_replan_interval, MIN_REPLAN_INTERVAL)
                .build();
        long built = System.nanoTime();
        try {
            var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            if (newPassword) {
                setPassword(system, password);
            }
            log.debug("DBMS built in {} ms, password checked in {} ms", Duration.ofNanos(built - started).toMillis(),
                    Duration.ofNanos(System.nanoTime() - built).toMillis());
            var ports = ((GraphDatabaseAPI) system).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
            var address = ports.getLocalAddress(ConnectorType.BOLT);
            URI uri = URI.create("bolt://" + address.getHost() + ":" + address.getPort());
            log.info("Embedded Neo4j started in {} ms at {}, data in {}", Duration.ofNanos(System.nanoTime() - started).toMillis(), uri, home);
            Path runningFile = dir.resolve(RUNNING_FILE);
            writePrivately(runningFile, uri + "\n");
            return new EmbeddedGraph(dbms, uri, password, home, runningFile);
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw e;
        }
    }

    /**
     * Set whenever a new password file is written (first start, or the file was lost): the process
     * owning the store is the one that says the password, so a lost file never locks the data away.
     * Setting it costs a few seconds of query planning, so it is not done on every start.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (QueryExecutionException e) {
            if (e.getMessage() == null || !e.getMessage().contains("cannot be the same")) {
                throw e;
            }
        }
    }

    public URI boltUri() {
        return boltUri;
    }

    public String password() {
        return password;
    }

    public Path home() {
        return home;
    }

    @Override
    public void close() {
        log.info("Stopping embedded Neo4j in {}", home);
        try {
            Files.deleteIfExists(runningFile);
        } catch (IOException e) {
            log.warn("{} not removed ({}); the next `rampe import` will find nothing answering there", runningFile, e.toString());
        }
        dbms.shutdown();
    }

    /** The running instance whose store is in {@code dataDir}: its Bolt address and the database's password. */
    public record Running(URI boltUri, String password) {
    }

    /**
     * The instance running on {@code dataDir}, found through the file it wrote at start, if it answers
     * there (a process killed without closing leaves its file behind: nothing answers, empty).
     */
    public static Optional<Running> running(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(RUNNING_FILE);
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        if (!Files.isReadable(file) || !Files.isReadable(passwordFile)) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(Files.readString(file, StandardCharsets.UTF_8).strip());
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            var config = Config.builder().withConnectionTimeout(3, TimeUnit.SECONDS)
                    .withoutEncryption().build();
            try (var driver = GraphDatabase.driver(uri, AuthTokens.basic(USER, password), config)) {
                driver.verifyConnectivity();
            }
            return Optional.of(new Running(uri, password));
        } catch (IOException | RuntimeException e) {
            log.debug("No running instance answers as {} says: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** Whether {@code dataDir} holds a running instance's address file (it may be stale). */
    public static boolean runningFileIn(Path dataDir) {
        return Files.exists(dataDir.toAbsolutePath().normalize().resolve(RUNNING_FILE));
    }

    private static void writePrivately(Path file, String text) {
        try {
            if (posix()) {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.warn("{} not written ({}): `rampe import` will not find this running instance", file, e.toString());
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates the data directory readable by its owner only, and tightens it back to that at every
     * start (issue 17): a directory widened by hand, a restore or a copy holds health data all the same.
     */
    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.notExists(dir)) {
            if (posix()) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } else if (posix() && !Files.getPosixFilePermissions(dir).equals(PosixFilePermissions.fromString("rwx------"))) {
            log.warn("The data directory {} was open to others ({}); restricting it to its owner", dir,
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Whether Bolt listens beyond this machine: it carries the database's password and every query in
     * clear (the embedded connector has no certificate), so the start warns (issue 17).
     */
    static boolean beyondLoopback(String host) {
        String h = host == null ? "" : host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equalsIgnoreCase("localhost")) {
            return false;
        }
        try {
            return !java.net.InetAddress.ofLiteral(h).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return true; // a name other than localhost may resolve anywhere
        }
    }

    static void warnIfExposed(String host, int port) {
        if (beyondLoopback(host)) {
            log.warn("Bolt listens on {}:{} without encryption: the database password and every query cross the network in clear. "
                    + "Bind it to 127.0.0.1 (rampe.bolt-host), or put it behind an encrypted tunnel.", host, port);
        }
    }

    static String readOrCreatePassword(Path file) {
        try {
            if (Files.exists(file)) {
                if (posix()) {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                    if (!perms.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
                        log.warn("{} was readable by others; restricting it to its owner", file);
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    }
                }
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (posix()) {
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return password;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read or write the database password file " + file + ": " + e.getMessage(), e);
        }
    }
}
