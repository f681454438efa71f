package org.rampe.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.rampe.RampeApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.util.unit.DataSize;

/**
 * The database on its own, as {@code graph-server} runs it: private password, loopback only,
 * data kept across restarts, and the application reaching it as an external server by URI.
 */
class EmbeddedGraphTest {

    @TempDir
    Path dir;

    @Test
    void theGraphServerKeepsItsDataAcrossARestartAndServesTheApplicationByUri() throws Exception {
        Path data = dir.resolve("graph");
        String uri;
        try (var server = EmbeddedGraph.start(data, "127.0.0.1", 0, DataSize.ofMegabytes(32).toBytes())) {
            uri = server.boltUri().toString();
            assertThat(server.boltUri().getHost()).isEqualTo("127.0.0.1");

            Path passwordFile = data.resolve(EmbeddedGraph.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");

            try (var wrong = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", "neo4j"))) {
                assertThatThrownBy(wrong::verifyConnectivity).isInstanceOf(AuthenticationException.class);
            }
            try (var none = GraphDatabase.driver(uri, AuthTokens.none())) {
                assertThatThrownBy(none::verifyConnectivity).isInstanceOf(AuthenticationException.class);
            }

            // The application as a second process would run it: no embedded database, this one by URI.
            try (var app = new SpringApplicationBuilder(RampeApplication.class)
                    .web(WebApplicationType.SERVLET)
                    .properties(Map.of(
                            "spring.neo4j.uri", uri,
                            "spring.neo4j.authentication.username", EmbeddedGraph.USER,
                            "spring.neo4j.authentication.password", server.password(),
                            "rampe.data-dir", dir.resolve("app-data").toString(),
                            "server.port", "0"))
                    .run()) {
                assertThat(app.getBeansOfType(EmbeddedGraph.class)).isEmpty();
                assertThat(Files.exists(dir.resolve("app-data").resolve("neo4j"))).isFalse();
                var graph = new Graph(app.getBean(org.neo4j.driver.Driver.class));
                // The schema was applied through the URI: the member keys are there (among the later ones).
                var constraints = graph.list("SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'member_' RETURN name",
                        r -> r.get("name").asString());
                assertThat(constraints).contains("member_id_unique", "member_email_unique", "member_handle_unique");
                graph.write("CREATE (:Member {id: 'kept', email: 'kept@example.org', handle: 'kept'})");
            }
        }

        try (var again = EmbeddedGraph.start(data, "127.0.0.1", 0, DataSize.ofMegabytes(32).toBytes());
             var driver = GraphDatabase.driver(again.boltUri(), AuthTokens.basic(EmbeddedGraph.USER, again.password()))) {
            var graph = new Graph(driver);
            long kept = graph.count("MATCH (m:Member {id: 'kept'}) RETURN count(m) AS n", Map.of());
            assertThat(kept).isEqualTo(1);
        }
    }

    @Test
    void aPasswordFileLeftReadableByOthersIsMadePrivateAgain() throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "secret-password\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(EmbeddedGraph.readOrCreatePassword(file)).isEqualTo("secret-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void graphServerOptionsAreReadWithDefaultsAndClearErrors() {
        var defaults = GraphServer.Options.parse();
        assertThat(defaults.port()).isEqualTo(7687);
        assertThat(defaults.host()).isEqualTo("127.0.0.1");

        var given = GraphServer.Options.parse("--port", "7700", "--data-dir", "/tmp/g", "--page-cache", "1GB");
        assertThat(given.port()).isEqualTo(7700);
        assertThat(given.dataDir()).isEqualTo(Path.of("/tmp/g"));
        assertThat(given.pageCache()).isEqualTo(DataSize.ofGigabytes(1));
        // The transaction logs' retention (privacy page, docs/operations.md "Retention"): the same default as the site's.
        assertThat(defaults.txLogs()).isEqualTo(EmbeddedGraph.TxLogs.DEFAULT);
        var retention = GraphServer.Options.parse("--tx-log-retention", "1 days", "--tx-log-rotation-size", "1MB");
        assertThat(retention.txLogs()).isEqualTo(new EmbeddedGraph.TxLogs("1 days", DataSize.ofMegabytes(1).toBytes()));

        assertThatThrownBy(() -> GraphServer.Options.parse("--port", "seventy")).hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> GraphServer.Options.parse("--colour", "blue")).hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> GraphServer.Options.parse("--port")).hasMessageContaining("Missing value after --port");
    }
}
