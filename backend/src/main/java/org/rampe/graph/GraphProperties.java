package org.rampe.graph;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where Rampe keeps its data and how the embedded database is sized.
 *
 * @param dataDir  the data directory: the embedded database, its password file, uploaded images
 * @param pageCache Neo4j's page cache (off-heap); the JVM heap is set on the command line
 * @param boltHost the address the embedded Bolt connector listens on
 * @param boltPort the embedded Bolt port; 0 takes a free one
 * @param txLogRetention how long the embedded database keeps its transaction logs (Neo4j's
 *                  {@code db.tx_log.rotation.retention_policy}): erased data may stay in a log this
 *                  long, and the privacy page says so (docs/operations.md, "Retention")
 * @param txLogRotationSize a transaction log file is closed and a new one begun at this size
 *                  ({@code db.tx_log.rotation.size}); only closed files are ever pruned
 */
@ConfigurationProperties("rampe")
public record GraphProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("256MB") DataSize pageCache,
        @DefaultValue("127.0.0.1") String boltHost,
        @DefaultValue("0") int boltPort,
        @DefaultValue("2 days") String txLogRetention,
        @DefaultValue("8MB") DataSize txLogRotationSize) {

    /** What the embedded database is told about its transaction logs. */
    public EmbeddedGraph.TxLogs txLogs() {
        return new EmbeddedGraph.TxLogs(txLogRetention, txLogRotationSize.toBytes());
    }
}
