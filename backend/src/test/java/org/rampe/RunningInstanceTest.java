package org.rampe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rampe.graph.EmbeddedGraph;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * How {@code rampe import} finds a running instance on its data directory (issue 18): the address
 * file a running embedded graph writes, readable by its owner, removed on close; a file left by a
 * process that died (nothing answers) means opening the store as before, and the console says
 * which way it went.
 */
class RunningInstanceTest {

    private static String environmentAfterTheListener(Path dataDir, StandardEnvironment environment) {
        environment.getPropertySources().addFirst(new MapPropertySource("test", java.util.Map.of("rampe.data-dir", dataDir.toString())));
        var out = new ByteArrayOutputStream();
        RampeApplication.intoTheRunningInstance(new PrintStream(out, true, StandardCharsets.UTF_8)).onApplicationEvent(
                new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment));
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void anInstanceRunningOnTheDataDirectoryIsFoundAndImportedInto(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (var running = EmbeddedGraph.start(data, "127.0.0.1", 0, 32L * 1024 * 1024)) {
            Path file = data.resolve(EmbeddedGraph.RUNNING_FILE);
            assertThat(Files.readString(file).strip()).isEqualTo(running.boltUri().toString());
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            var environment = new StandardEnvironment();
            String said = environmentAfterTheListener(data, environment);

            assertThat(said).isEqualTo("Importing into the running instance at " + running.boltUri());
            assertThat(environment.getProperty("spring.neo4j.uri")).isEqualTo(running.boltUri().toString());
            assertThat(environment.getProperty("spring.neo4j.authentication.password")).isEqualTo(running.password());
        }
        assertThat(data.resolve(EmbeddedGraph.RUNNING_FILE)).as("removed when the instance stops").doesNotExist();
        var environment = new StandardEnvironment();
        assertThat(environmentAfterTheListener(data, environment)).startsWith("No instance runs on ");
        assertThat(environment.getProperty("spring.neo4j.uri")).isNull();
    }

    @Test
    void anAddressLeftByAProcessThatDiedFallsBackToOpeningTheStore(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        int deadPort;
        try (var socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Files.writeString(data.resolve(EmbeddedGraph.RUNNING_FILE), "bolt://127.0.0.1:" + deadPort + "\n");
        Files.writeString(data.resolve("neo4j-password"), "whatever\n");

        assertThat(EmbeddedGraph.running(data)).isEmpty();
        var environment = new StandardEnvironment();
        assertThat(environmentAfterTheListener(data, environment)).startsWith("No instance answers at the address left in ")
                .endsWith("(it was stopped without closing): opening the database in " + data + " directly");
        assertThat(environment.getProperty("spring.neo4j.uri")).isNull();
    }

    @Test
    void aDatabaseNamedOnTheCommandLineIsLeftAsItIs(@TempDir Path dir) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("args", java.util.Map.of("spring.neo4j.uri", "bolt://db.example:7687")));
        assertThat(environmentAfterTheListener(dir, environment)).isEqualTo("Importing into the database at bolt://db.example:7687");
    }
}
