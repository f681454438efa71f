package org.rampe.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * Issue 17's hardened defaults of the database: the data directory (health data) is the owner's
 * alone at every start, not only when it is created; Bolt bound beyond loopback, in clear, is
 * warned about at start.
 */
class GraphHardeningTest {

    @TempDir
    Path dir;

    @Test
    void aDataDirectoryOpenedToOthersIsTightenedAgainAtTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (var server = EmbeddedGraph.start(data, "127.0.0.1", 0, DataSize.ofMegabytes(32).toBytes())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (var server = EmbeddedGraph.start(data, "127.0.0.1", 0, DataSize.ofMegabytes(32).toBytes())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        }
    }

    @Test
    void boltBoundBeyondLoopbackWithoutEncryptionIsWarnedAbout() {
        var logger = (Logger) LoggerFactory.getLogger(EmbeddedGraph.class);
        var seen = new ListAppender<ILoggingEvent>();
        seen.start();
        logger.addAppender(seen);
        try {
            for (String loopback : new String[] {"127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"}) {
                EmbeddedGraph.warnIfExposed(loopback, 7687);
            }
            assertThat(seen.list).isEmpty();
            for (String exposed : new String[] {"0.0.0.0", "::", "192.168.1.20", "graph.example.org"}) {
                EmbeddedGraph.warnIfExposed(exposed, 7687);
            }
            assertThat(seen.list).hasSize(4).allSatisfy(e -> {
                assertThat(e.getLevel().toString()).isEqualTo("WARN");
                assertThat(e.getFormattedMessage()).contains("without encryption", "rampe.bolt-host");
            });
        } finally {
            logger.detachAppender(seen);
        }
    }
}
