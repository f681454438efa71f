package org.rampe.graph;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.springframework.util.unit.DataSize;

/**
 * {@code rampe.jar graph-server}: only the database, as a standalone Neo4j server, so that several
 * application instances (and tests of the external mode) can share one store.
 */
public final class GraphServer {

    private GraphServer() {
    }

    record Options(Path dataDir, String host, int port, DataSize pageCache, EmbeddedGraph.TxLogs txLogs) {

        static Options parse(String... args) {
            Path dataDir = Path.of("./graph-data");
            String host = "127.0.0.1";
            int port = 7687;
            DataSize pageCache = DataSize.ofMegabytes(512);
            String txLogRetention = EmbeddedGraph.TxLogs.DEFAULT.retention();
            long txLogRotation = EmbeddedGraph.TxLogs.DEFAULT.rotationBytes();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--help") || name.equals("-h")) {
                    throw new IllegalArgumentException(usage());
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("Missing value after " + name + "\n" + usage());
                }
                String value = args[++i];
                switch (name) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--host" -> host = value;
                    case "--port" -> port = parsePort(value);
                    case "--page-cache" -> pageCache = DataSize.parse(value);
                    case "--tx-log-retention" -> txLogRetention = value;
                    case "--tx-log-rotation-size" -> txLogRotation = DataSize.parse(value).toBytes();
                    default -> throw new IllegalArgumentException("Unknown option " + name + "\n" + usage());
                }
            }
            return new Options(dataDir, host, port, pageCache, new EmbeddedGraph.TxLogs(txLogRetention, txLogRotation));
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number between 0 and 65535, not " + value);
            }
        }

        static String usage() {
            return """
                    Usage: rampe.jar graph-server [--port 7687] [--host 127.0.0.1] [--data-dir ./graph-data] [--page-cache 512MB]
                                                  [--tx-log-retention "2 days"] [--tx-log-rotation-size 8MB]
                      Runs only the Neo4j database. Applications connect with
                      SPRING_NEO4J_URI=bolt://HOST:PORT, user neo4j and the password kept in DATA-DIR/neo4j-password.""";
        }
    }

    public static void main(String... args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        EmbeddedGraph graph = EmbeddedGraph.start(options.dataDir(), options.host(), options.port(), options.pageCache().toBytes(), options.txLogs());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            graph.close();
            stopped.countDown();
        }, "graph-server-shutdown"));
        System.out.println("Neo4j is listening at " + graph.boltUri() + " (user " + EmbeddedGraph.USER + ", password in "
                + options.dataDir().toAbsolutePath().normalize().resolve(EmbeddedGraph.PASSWORD_FILE) + ")");
        System.out.println("Stop it with Ctrl+C or SIGTERM.");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
