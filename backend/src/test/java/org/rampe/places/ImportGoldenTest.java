package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The batched importers of issue 18 give exactly what the row-by-row importers gave on the real
 * Montpellier and acceslibre files: the same reports (counts, skipped rows with their line and
 * reason, dropped values) and the same places, answers, summaries and fit labels, on a first import
 * and on a re-import. {@code import-golden.txt} was written by the row-by-row importers (commit
 * e5b5ffc) with {@code -Dimport.golden.write=true}.
 */
class ImportGoldenTest extends RampeTest {

    private static final Path GOLDEN = Path.of("src/test/resources/opendata/import-golden.txt");

    @Autowired
    OsmImport osm;

    @Autowired
    AcceslibreImport acceslibre;

    @Test
    void theRealFilesImportAsTheyDidRowByRow() throws IOException {
        var out = new StringBuilder();
        for (int pass = 1; pass <= 2; pass++) {
            out.append("# pass ").append(pass).append('\n');
            report(out, "pharmacies.geojson", resource("/demo/pharmacies.geojson", in -> osm.importStream(in, n -> { })));
            report(out, "shops.geojson", resource("/demo/shops.geojson", in -> osm.importStream(in, n -> { })));
            for (String csv : List.of("example-valid.csv", "import-test-valid.csv", "import-test-invalid.csv",
                    "with-bad-rows.csv")) {
                report(out, csv, resource("/opendata/acceslibre/" + csv, in -> acceslibre.importStream(in, n -> { })));
            }
            places(out);
        }
        String actual = out.toString();
        if (Boolean.getBoolean("import.golden.write")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        // For a diff when it differs: diff src/test/resources/opendata/import-golden.txt target/import-golden-actual.txt
        Files.writeString(Path.of("target/import-golden-actual.txt"), actual, StandardCharsets.UTF_8);
        assertThat(inAnyOrder(actual)).isEqualTo(inAnyOrder(Files.readString(GOLDEN, StandardCharsets.UTF_8)));
    }

    /**
     * The stored summary's a_ and v_ entries follow the order Neo4j keeps the place's properties in,
     * which depends on how they were written (one statement or a batch), and mean the same in any
     * order (StoredSummary.result reads them by name): sorted, on both sides.
     */
    private static String inAnyOrder(String dump) {
        List<String> lines = dump.lines().toList();
        var out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("  summary ")) {
                out.append(line).append('\n');
                continue;
            }
            // A name or address may hold a line break: the summary runs until the labels' line.
            var summary = new StringBuilder(line);
            while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("  labels ")) {
                summary.append('\n').append(lines.get(++i));
            }
            String[] parts = summary.toString().split("\\|", -1);
            int facts = 11; // the summary's facts after the id, up to "open" or "closed"
            if (parts.length <= facts) {
                out.append(summary).append('\n');
                continue;
            }
            var entries = new ArrayList<>(List.of(parts).subList(facts, parts.length));
            entries.sort(null);
            out.append(String.join("|", List.of(parts).subList(0, facts))).append('|').append(String.join("|", entries)).append('\n');
        }
        return out.toString();
    }

    private static void report(StringBuilder out, String file, ImportReport r) {
        out.append(file).append(": read ").append(r.read()).append(", created ").append(r.created())
                .append(", updated ").append(r.updated()).append(", unreadable ").append(r.unreadable()).append('\n');
        r.skipped().forEach(s -> out.append("  skipped line ").append(s.line()).append(": ").append(s.reason()).append('\n'));
        r.warnings().forEach(w -> out.append("  warning line ").append(w.line()).append(": ").append(w.reason()).append('\n'));
    }

    /** Every place by source key with its facts, stored summary (without its random id), labels and current answers. */
    private void places(StringBuilder out) {
        var rows = graph.list("""
                MATCH (p:Place)
                OPTIONAL MATCH (p)<-[:ABOUT]-(a:Answer {current: true})
                WITH p, a ORDER BY a.criterion, a.value
                WITH p, collect(a.criterion + '=' + a.value + ' (' + a.source + ', imported ' + a.imported + ')') AS answers
                OPTIONAL MATCH (p)-[:REVISED]->(r:Revision)
                WITH p, answers, count(r) AS revisions
                RETURN p.sourceKey AS key, p AS p, [l IN labels(p) WHERE l <> 'Place'] AS labels, answers, revisions
                ORDER BY key
                """, Map.of(), r -> {
            var props = new TreeMap<String, Object>(r.get("p").asMap());
            props.remove("id");
            props.remove("createdAt");
            props.remove("updatedAt");
            // The date the place was last seen in its source (issue 18): the date of the run.
            props.remove("seenInSourceAt");
            String summary = String.valueOf(props.remove("summary"));
            // The summary starts with the random id: keep what follows it.
            summary = summary.substring(summary.indexOf(StoredSummary.SEPARATOR) + 1).replace(StoredSummary.SEPARATOR, '|');
            var labels = new ArrayList<String>();
            r.get("labels").asList(v -> v.asString()).forEach(labels::add);
            labels.sort(null);
            return r.get("key").asString() + "\n  " + props + "\n  summary " + summary + "\n  labels " + labels
                    + "\n  answers " + r.get("answers").asList(v -> v.asString()) + "\n  revisions "
                    + r.get("revisions").asLong() + "\n";
        });
        out.append(rows.size()).append(" places\n");
        rows.forEach(out::append);
    }

    private ImportReport resource(String name, Function<InputStream, ImportReport> importer) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(name)) {
            return importer.apply(in);
        }
    }
}
