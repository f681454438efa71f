package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 17: the open-data importers against malformed files. Whatever the bytes, an import ends
 * with a report (never an exception): a file that cannot be read at all says why and writes
 * nothing; a file with good and bad rows takes the good ones and names the bad ones by line; and
 * memory stays bounded by what the file holds, never by what it claims.
 */
class ImportFuzzTest extends RampeTest {

    /** What reading one of these (small) files may allocate at most. */
    private static final long MAX_ALLOCATION = 256L * 1024 * 1024;

    @Autowired
    OsmImport osm;

    @Autowired
    AcceslibreImport acceslibre;

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String feature(long id, String name, String coordinates) {
        return "{\"type\": \"Feature\", \"properties\": {\"osm_id\": " + id + ", \"name\": \"" + name + "\", \"amenity\": \"pharmacy\"},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": " + coordinates + "}}";
    }

    private static String collection(String... features) {
        return "{\"type\": \"FeatureCollection\", \"features\": [\n" + String.join(",\n", features) + "\n]}";
    }

    private long places() {
        return graph.count("MATCH (p:Place) RETURN count(p)", Map.of());
    }

    private ImportReport measured(String what, java.util.function.Supplier<ImportReport> run) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ImportReport[] report = new ImportReport[1];
        assertThatCode(() -> report[0] = run.get()).as(what).doesNotThrowAnyException();
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as(what + ": bytes allocated").isLessThan(MAX_ALLOCATION);
        assertThat(report[0]).as(what).isNotNull();
        return report[0];
    }

    @Test
    void geoJsonThatCannotBeReadSaysWhyAndWritesNothing() {
        String good = collection(feature(1, "Pharmacie A", "[3.87, 43.61]"), feature(2, "Pharmacie B", "[3.88, 43.62]"));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("empty", new byte[0]);
        files.put("not JSON", utf8("name,id\nA,1\n"));
        files.put("binary", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xFF, (byte) 0xFE});
        files.put("cut in its first feature", Arrays.copyOf(utf8(good), 80));
        files.put("an array", utf8("[1, 2, 3]"));
        files.put("features not a list", utf8("{\"type\": \"FeatureCollection\", \"features\": {\"a\": 1}}"));
        files.put("nested 100000 deep", utf8("{\"features\": [" + "[".repeat(100_000)));
        files.put("a 30 MB string in its first feature", utf8("{\"features\": [{\"properties\": {\"osm_id\": 1, \"name\": \""
                + "x".repeat(30_000_000) + "\"}}]}"));
        files.put("invalid UTF-8", new byte[] {'{', '"', 'f', 'e', 'a', 't', 'u', 'r', 'e', 's', '"', ':', '[', '{', '"', (byte) 0xC0, (byte) 0xAF, '"'});
        for (var file : files.entrySet()) {
            var report = measured(file.getKey(), () -> osm.importStream(stream(file.getValue()), n -> { }));
            assertThat(report.unreadable()).as(file.getKey()).isNotBlank();
            assertThat(places()).as(file.getKey()).isZero();
        }
    }

    @Test
    void geoJsonWithGoodAndBadFeaturesTakesTheGoodOnesAndNamesTheBadByLine() {
        String file = collection(
                feature(1, "Pharmacie A", "[3.87, 43.61]"),
                feature(2, "Coordonnées en texte", "[\"x\", \"y\"]"),
                feature(3, "Latitude impossible", "[3.87, 1000]"),
                feature(4, "Pas de coordonnées", "null"),
                "{\"type\": \"Feature\", \"properties\": [1, 2], \"geometry\": 7}",
                "42",
                feature(5, "<script>alert(1)</script>", "[3.88, 43.62]"),
                feature(7, "Pharmacie G", "[3.89, 43.63]"));
        var report = measured("mixed", () -> osm.importStream(stream(utf8(file)), n -> { }));
        assertThat(report.unreadable()).isNull();
        assertThat(report.created()).isEqualTo(3);
        assertThat(report.read()).isEqualTo(report.created() + report.updated() + report.skipped().size());
        assertThat(report.skipped()).allSatisfy(s -> assertThat(s.line()).isPositive());
        assertThat(graph.list("MATCH (p:Place) RETURN p.name AS n ORDER BY n", Map.of(), r -> r.get("n").asString()))
                .containsExactly("<script>alert(1)</script>", "Pharmacie A", "Pharmacie G");
    }

    @Test
    void aNameTheFormWouldRefuseIsSkippedNotStored() {
        String file = collection(feature(1, "x".repeat(1_000), "[3.87, 43.61]"), feature(2, "Pharmacie B", "[3.88, 43.62]"),
                feature(3, "Nom\\u0007sonore", "[3.89, 43.63]"));
        var report = measured("long name", () -> osm.importStream(stream(utf8(file)), n -> { }));
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.skipped()).extracting(ImportReport.RowProblem::reason)
                .containsExactly("name longer than 150 characters", "name with control characters");
        String csv = "id,name,longitude,latitude\na1," + "y".repeat(100_000) + ",3.8,43.6\na2,Pharmacie C,3.81,43.61\n";
        var csvReport = measured("long name in CSV", () -> acceslibre.importStream(stream(utf8(csv)), n -> { }));
        assertThat(csvReport.created()).isEqualTo(1);
        assertThat(csvReport.skipped()).extracting(ImportReport.RowProblem::reason).containsExactly("name longer than 150 characters");
        assertThat(graph.list("MATCH (p:Place) RETURN p.name AS n ORDER BY n", Map.of(), r -> r.get("n").asString()))
                .containsExactly("Pharmacie B", "Pharmacie C");
    }

    @Test
    void geoJsonCutHalfWayKeepsTheFeaturesBeforeTheCutButFailsAndSaysWhere() {
        String file = collection(feature(1, "Pharmacie A", "[3.87, 43.61]"), feature(2, "Pharmacie B", "[3.88, 43.62]"),
                feature(3, "Pharmacie C", "[3.89, 43.63]"));
        byte[] cut = Arrays.copyOf(utf8(file), file.indexOf("Pharmacie C") + 5);
        var report = measured("cut", () -> osm.importStream(stream(cut), n -> { }));
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.skipped()).isEmpty();
        assertThat(report.failed()).isTrue();
        assertThat(report.failure()).contains("not valid JSON", "feature 3", "the rest of the file was not read");
        assertThat(ImportCommand.exitCode(report)).isEqualTo(ImportCommand.FAILED);

        // Cut between two features: every feature read is whole, but the list never ends.
        byte[] between = Arrays.copyOf(utf8(file), file.indexOf(",\n{\"type\": \"Feature\", \"properties\": {\"osm_id\": 3"));
        var second = measured("cut between", () -> osm.importStream(stream(between), n -> { }));
        assertThat(second.failed()).isTrue();
        assertThat(second.updated()).isEqualTo(2);
    }

    @Test
    void csvThatCannotBeReadSaysWhyAndWritesNothing() throws IOException {
        byte[] valid;
        try (InputStream in = getClass().getResourceAsStream("/opendata/acceslibre/example-valid.csv")) {
            valid = in.readAllBytes();
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("empty", new byte[0]);
        files.put("blank lines", utf8("\n\n\n"));
        files.put("GeoJSON", utf8(collection(feature(1, "A", "[3.87, 43.61]"))));
        files.put("binary", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});
        files.put("header cut", Arrays.copyOf(valid, 40));
        files.put("a 100 kB header line", utf8("id," + "x,".repeat(50_000) + "name\n1,2\n"));
        files.put("an unterminated quote in the header", utf8("\"id,name,longitude,latitude\n1,A,3.8,43.6\n"));
        for (var file : files.entrySet()) {
            var report = measured(file.getKey(), () -> acceslibre.importStream(stream(file.getValue()), n -> { }));
            assertThat(report.unreadable()).as(file.getKey()).isNotBlank();
            assertThat(places()).as(file.getKey()).isZero();
        }
    }

    @Test
    void csvWithGoodAndBadRowsTakesTheGoodOnesAndNamesTheBadByLine() {
        String csv = """
                id,name,longitude,latitude,activite
                a1,Pharmacie A,3.87,43.61,Pharmacie
                a2,Sans coordonnées,,,Pharmacie
                a3,Longitude en texte,est,43.6,Pharmacie
                a4,Latitude impossible,3.8,1000,Pharmacie
                a5,"Guillemet ""échappé"" <script>",3.88,43.62,Pharmacie
                a6,Trop,de,colonnes,ici,encore,et,encore
                a7
                ,Sans identifiant,3.8,43.6,Pharmacie
                a8,\u202Egnp.exe,3.89,43.63,Pharmacie
                a9,Pharmacie B,3.90,43.64,Pharmacie
                """;
        var report = measured("mixed", () -> acceslibre.importStream(stream(utf8(csv)), n -> { }));
        assertThat(report.unreadable()).isNull();
        assertThat(report.read()).isEqualTo(report.created() + report.updated() + report.skipped().size());
        assertThat(report.skipped()).isNotEmpty().allSatisfy(s -> assertThat(s.line()).isBetween(3L, 10L));
        assertThat(graph.list("MATCH (p:Place) RETURN p.name AS n", Map.of(), r -> r.get("n").asString()))
                .contains("Pharmacie A", "Pharmacie B", "Guillemet \"échappé\" <script>")
                .doesNotContain("Sans coordonnées", "Longitude en texte", "Latitude impossible");
    }

    @Test
    void randomlyDamagedFilesNeverThrow() throws IOException {
        byte[] csv;
        try (InputStream in = getClass().getResourceAsStream("/opendata/acceslibre/example-valid.csv")) {
            csv = in.readAllBytes();
        }
        byte[] json = utf8(collection(feature(1, "Pharmacie A", "[3.87, 43.61]"), feature(2, "Pharmacie B", "[3.88, 43.62]")));
        var random = new Random(17);
        for (int i = 0; i < 30; i++) {
            for (byte[] original : new byte[][] {csv, json}) {
                byte[] damaged = original.clone();
                for (int j = 0; j < 8; j++) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                byte[] cut = Arrays.copyOf(damaged, random.nextInt(damaged.length));
                for (byte[] bytes : new byte[][] {damaged, cut}) {
                    var report = measured("damaged " + i, original == csv
                            ? () -> acceslibre.importStream(stream(bytes), n -> { })
                            : () -> osm.importStream(stream(bytes), n -> { }));
                    if (report.unreadable() == null) {
                        assertThat(report.read()).isEqualTo(report.created() + report.updated() + report.skipped().size());
                    }
                }
            }
        }
    }
}
