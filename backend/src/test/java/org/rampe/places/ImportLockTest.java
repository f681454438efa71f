package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** One import at a time for the whole site: the lock in the graph, as the page and the command line take it. */
class ImportLockTest extends RampeTest {

    @Autowired
    ImportLock lock;

    @Autowired
    ApplicationContext context;

    @Test
    void aSecondImportIsRefusedAndToldWhoRunsTheFirstSinceWhenAndHowFar() {
        var first = lock.claim("site_admin", PlaceSource.OSM, "occitanie.osm.pbf");
        assertThat(first.granted()).isTrue();
        try (var holding = first.holding()) {
            holding.beat(12_000, 34, true);

            var second = lock.claim(ImportCommand.COMMAND_LINE, PlaceSource.ACCESLIBRE, "acceslibre.csv");

            assertThat(second.granted()).isFalse();
            assertThat(second.busy().by()).isEqualTo("site_admin");
            assertThat(second.busy().file()).isEqualTo("occitanie.osm.pbf");
            assertThat(second.busy().rows()).isEqualTo(12_000);
            assertThat(second.busy().percent()).isEqualTo(34);
            assertThat(second.busy().describe()).startsWith("site_admin is importing osm data from occitanie.osm.pbf since ")
                    .endsWith("(12000 rows read, 34 %)");
            assertThat(lock.current()).hasValueSatisfying(h -> assertThat(h.by()).isEqualTo("site_admin"));
        }
        assertThat(lock.current()).as("released at the end").isEmpty();
        var third = lock.claim(ImportCommand.COMMAND_LINE, PlaceSource.OSM, "shops.geojson");
        assertThat(third.granted()).as("free again once the first is done").isTrue();
        third.holding().close();
    }

    @Test
    void theCommandLineRefusesToStartWhileAnImportRunsAndSaysWhoRunsIt() {
        var page = lock.claim("site_admin", PlaceSource.OSM, "occitanie.osm.pbf");
        try (var holding = page.holding()) {
            holding.beat(5_000, 10, true);
            var out = new ByteArrayOutputStream();
            var arguments = ImportCommand.parse(new String[] {"import", "osm",
                    Path.of("src/main/resources/demo/pharmacies.geojson").toString()});

            int exit = ImportCommand.run(context, arguments, new PrintStream(out, true, StandardCharsets.UTF_8));

            assertThat(exit).isEqualTo(ImportCommand.BUSY);
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(
                    "Nothing imported: another import is running. site_admin is importing osm data from occitanie.osm.pbf since ")
                    .contains("(5000 rows read, 10 %). Try again once it is over (/admin/imports shows its progress).");
            assertThat(graph.count("MATCH (p:Place) RETURN count(p)", java.util.Map.of())).isZero();
        }
    }

    @Test
    void aLockWhoseProcessDiedIsTakenOverOnceItsHeartbeatIsStale() {
        Instant longAgo = Instant.now().minus(ImportLock.STALE).minusSeconds(30);
        var deadProcess = new ImportLock(graph, Clock.fixed(longAgo, ZoneOffset.UTC));
        var dead = deadProcess.claim(ImportCommand.COMMAND_LINE, PlaceSource.OSM, "killed.geojson");
        assertThat(dead.granted()).isTrue();
        dead.holding().beat(1_000, 5, true); // its last word, long ago; then the process was killed (no close)

        assertThat(lock.current()).as("a stale lock is no import running").isEmpty();
        var now = lock.claim("site_admin", PlaceSource.OSM, "shops.geojson");

        assertThat(now.granted()).isTrue();
        assertThat(dead.holding().held()).as("the dead process's holding is gone").isFalse();
        try (var holding = now.holding()) {
            assertThat(holding.held()).isTrue();
            assertThat(lock.current()).hasValueSatisfying(h -> assertThat(h.file()).isEqualTo("shops.geojson"));
        }
        dead.holding().close(); // stops its heartbeat thread; writes nothing, the lock is no longer its own
    }

    @Test
    void theCommandLineHoldsTheLockWhileItImportsAndReleasesIt() {
        var out = new ByteArrayOutputStream();
        var arguments = ImportCommand.parse(new String[] {"import", "osm",
                Path.of("src/main/resources/demo/pharmacies.geojson").toString()});

        int exit = ImportCommand.run(context, arguments, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("76 rows read: 69 created");
        assertThat(lock.current()).isEmpty();
        assertThat(graph.one("MATCH (l:ImportLock) RETURN l.by AS by, l.token IS NULL AS free", java.util.Map.of(),
                r -> r.get("by").asString() + " " + r.get("free").asBoolean())).hasValue("command line true");
    }
}
