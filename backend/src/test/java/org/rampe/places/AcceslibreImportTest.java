package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.places.ImportReport.RowProblem;
import org.springframework.beans.factory.annotation.Autowired;

class AcceslibreImportTest extends RampeTest {

    @Autowired
    AcceslibreImport acceslibre;

    @Test
    void theSixExamplePlacesGoInWithTheCriteriaTheyDeclare() throws IOException {
        var report = importSample("example-valid.csv");

        assertThat(report.read()).isEqualTo(6);
        assertThat(report.created()).isEqualTo(6);
        assertThat(report.skipped()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(answers("b452dded-0eed-4814-ae9e-94f6e525f2cb")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "step_free_entrance", "no", "entrance_steps", "1", "ramp", "none", "door_width", "120",
                "call_device", "no", "lift", "no", "step_free_path_to_reception", "yes", "accessible_toilet", "yes"));
        assertThat(answers("ae6d05c1-586d-4557-bc82-09fe43c1f61e")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "step_free_entrance", "yes", "door_width", "90", "parking_on_site", "yes",
                "step_free_path_to_reception", "yes"));
    }

    @Test
    void anEmptyColumnIsUnknownNeverNo() throws IOException {
        importSample("example-valid.csv");

        // "3 gîtes" declares nothing but its labels: no criterion at all, not a row of "no".
        assertThat(answers("78069b3b-2017-4611-a65d-a8bc4462cacf")).isEmpty();
        // +2Foot leaves stationnement_ext_pmr and sanitaires_adaptes empty.
        assertThat(answers("ae6d05c1-586d-4557-bc82-09fe43c1f61e"))
                .doesNotContainKeys("parking_nearby", "accessible_toilet", "hearing_loop");
    }

    @Test
    void theAddressNameAndCategoryComeFromTheirColumns() throws IOException {
        importSample("import-test-valid.csv");

        var place = graph.one("""
                MATCH (p:Place {sourceKey: 'acceslibre:b452dded-0eed-4814-ae9e-94f6e525f2cb'})
                RETURN p {.name, .category, .street, .postcode, .city, .source, .licence, lon: p.location.x, lat: p.location.y} AS p
                """, Map.of(), r -> r.get("p").asMap()).orElseThrow();
        assertThat(place).containsEntry("name", "400C Scotta!").containsEntry("category", "Mairie")
                .containsEntry("street", "11 bis Rue de Cotte").containsEntry("postcode", "88300")
                .containsEntry("city", "Neufchâteau").containsEntry("source", "acceslibre")
                .containsEntry("licence", "Licence Ouverte / Etalab 2.0")
                .containsEntry("lon", 2.377302).containsEntry("lat", 48.849049);
    }

    @Test
    void theShortHeaderNamesAndSemicolonsOfTheInvalidTestFileAreUnderstood() throws IOException {
        var report = importSample("import-test-invalid.csv");

        // Its rows are sound once nom/adr/vil/cp/lng/lat/id/act are read as the schema's columns.
        assertThat(report.read()).isEqualTo(5);
        assertThat(report.created()).isEqualTo(5);
        assertThat(report.skipped()).isEmpty();
        assertThat(answers("234192")).containsEntry("sign_language", "yes").doesNotContainKey("hearing_loop");
    }

    @Test
    void badRowsAreReportedWithTheirLineAndReasonWhileGoodRowsGoIn() throws IOException {
        var report = importSample("with-bad-rows.csv");

        assertThat(report.read()).isEqualTo(5);
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.skipped()).containsExactly(
                new RowProblem(3, "missing name"),
                new RowProblem(4, "bad coordinates longitude \"abc\", latitude \"48.8328465\""),
                new RowProblem(6, "bad coordinates longitude \"2.0594316\", latitude \"148.7857274\""));
        // A bad optional value drops that value only; the row starting on line 7 spans two lines.
        assertThat(report.warnings()).containsExactlyInAnyOrder(
                new RowProblem(7, "bad value \"abc\" for entree_largeur_mini, ignored"),
                new RowProblem(7, "bad value \"peut-être\" for entree_plain_pied, ignored"));
        assertThat(answers("293530")).containsExactlyInAnyOrderEntriesOf(Map.of("hearing_loop", "no", "sign_language", "no"));
        assertThat(answers("234192")).containsEntry("door_width", "90").containsEntry("step_free_entrance", "yes");
    }

    @Test
    void importingTheSameFileTwiceUpdatesTheSamePlaces() throws IOException {
        importSample("example-valid.csv");
        var second = importSample("example-valid.csv");

        assertThat(second.created()).isZero();
        assertThat(second.updated()).isEqualTo(6);
        assertThat(count("MATCH (p:Place) RETURN count(p) AS n")).isEqualTo(6);
        assertThat(count("MATCH (a:Answer {current: true}) RETURN count(a) AS n")).isEqualTo(16);
    }

    @Test
    void aFileThatIsNotAcceslibreCsvIsNotReadAtAll() {
        var report = acceslibre.importStream(stream("{\"type\": \"FeatureCollection\"}"), n -> { });

        assertThat(report.nothingRead()).isTrue();
        assertThat(report.unreadable()).contains("no \"name\" column");
        assertThat(acceslibre.importFile(java.nio.file.Path.of("does-not-exist.csv"), ImportOptions.ALL, ImportProgress.NONE).nothingRead()).isTrue();
    }

    @Test
    void theDelimiterIsTheOneTheHeaderUses() {
        assertThat(AcceslibreImport.delimiter("nom;adr;vil")).isEqualTo(';');
        assertThat(AcceslibreImport.delimiter("\"id\",\"name\",\"a;b\"")).isEqualTo(',');
        assertThat(AcceslibreImport.delimiter("id\tname")).isEqualTo('\t');
    }

    private ImportReport importSample(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/opendata/acceslibre/" + name)) {
            return acceslibre.importStream(in, n -> { });
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> answers(String acceslibreId) {
        return graph.inRead(tx -> {
            Map<String, String> found = new HashMap<>();
            tx.run("""
                    MATCH (:Place {sourceKey: $key})<-[:ABOUT]-(a:Answer {current: true, source: 'acceslibre', imported: true})
                    RETURN a.criterion AS c, a.value AS v
                    """, Map.of("key", "acceslibre:" + acceslibreId))
                    .forEachRemaining(r -> found.put(r.get("c").asString(), r.get("v").asString()));
            return found;
        });
    }

    private long count(String query) {
        return graph.count(query, Map.of());
    }
}
