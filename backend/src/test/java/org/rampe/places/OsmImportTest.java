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

class OsmImportTest extends RampeTest {

    @Autowired
    OsmImport osm;

    @Test
    void everyMontpellierPharmacyAndShopWithANameGoesIn() throws IOException {
        var pharmacies = importDemo("pharmacies.geojson");
        var shops = importDemo("shops.geojson");

        assertThat(pharmacies.read()).isEqualTo(76);
        assertThat(pharmacies.created()).isEqualTo(69);
        assertThat(pharmacies.skipped()).hasSize(7).allSatisfy(s -> assertThat(s.reason()).isEqualTo("no name"));
        assertThat(shops.read()).isEqualTo(953);
        assertThat(shops.created()).isEqualTo(824);
        assertThat(shops.skipped()).hasSize(129).allSatisfy(s -> assertThat(s.reason()).isEqualTo("no name"));
        // 3 pharmacies and 50 shops have node ids written as negative 32-bit integers: repaired, with a warning.
        assertThat(pharmacies.warnings()).hasSize(3).allSatisfy(w -> assertThat(w.reason()).contains("overflowed"));
        assertThat(shops.warnings()).hasSize(50).allSatisfy(w -> assertThat(w.reason()).contains("overflowed"));
        assertThat(count("MATCH (p:Place {sourceKey: 'osm:2463034142'}) RETURN count(p) AS n")).isEqualTo(1);
        assertThat(count("MATCH (p:Place {source: 'osm'}) RETURN count(p) AS n")).isEqualTo(69 + 824);
        assertThat(count("MATCH (p:Place {source: 'osm'}) WHERE p.sourceWheelchair IS NOT NULL RETURN count(p) AS n"))
                .isPositive();
    }

    @Test
    void reImportingUpdatesAndNeverDuplicates() throws IOException {
        importDemo("pharmacies.geojson");
        long answers = count("MATCH (a:Answer) RETURN count(a) AS n");

        var again = importDemo("pharmacies.geojson");

        assertThat(again.created()).isZero();
        assertThat(again.updated()).isEqualTo(69);
        assertThat(count("MATCH (p:Place) RETURN count(p) AS n")).isEqualTo(69);
        assertThat(count("MATCH (a:Answer) RETURN count(a) AS n")).isEqualTo(answers);
    }

    @Test
    void tagsBecomeCriteriaAndEmptyTagsStayUnknown() {
        var report = osm.importStream(stream(collection(
                feature(1, "name", "Pharmacie A", "amenity", "pharmacy", "wheelchair", "yes", "toilets:wheelchair", "no",
                        "wheelchair:entrance_width", "0.9 m", "addr:housenumber", "3", "addr:street", "Rue de la Loge",
                        "addr:postcode", "34000", "addr:city", "Montpellier"),
                feature(2, "name", "Boutique B", "shop", "clothes", "wheelchair", "", "toilets:wheelchair", "",
                        "wheelchair:entrance_width", "", "wheelchair:step_height", ""),
                feature(3, "name", "Boutique C", "shop", "books", "wheelchair", "limited", "wheelchair:step_height", "6"),
                feature(4, "name", "Boutique D", "shop", "bakery", "wheelchair", "no", "wheelchair:step_height", "0"),
                feature(5, "name", "Boutique E", "shop", "bakery", "wheelchair:entrance_width", "abc"))), n -> { });

        assertThat(report.created()).isEqualTo(5);
        assertThat(answers(1)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "step_free_entrance", "yes", "accessible_toilet", "no", "door_width", "90"));
        assertThat(answers(2)).isEmpty();
        assertThat(answers(3)).containsExactlyInAnyOrderEntriesOf(Map.of("step_height", "6", "entrance_steps", "1"));
        // "no" says nothing measurable: only the verdict, and the zero-height step.
        assertThat(answers(4)).containsExactlyInAnyOrderEntriesOf(Map.of("step_height", "0", "step_free_entrance", "yes"));
        assertThat(answers(5)).isEmpty();
        assertThat(report.warnings()).extracting(RowProblem::line, RowProblem::index, RowProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8L, 5L, "bad value \"abc\" for wheelchair:entrance_width, ignored"));
        var place = place(1);
        assertThat(place).containsEntry("name", "Pharmacie A").containsEntry("category", "pharmacy")
                .containsEntry("street", "3 Rue de la Loge").containsEntry("postcode", "34000")
                .containsEntry("city", "Montpellier").containsEntry("sourceWheelchair", "yes")
                .containsEntry("licence", "ODbL 1.0").containsEntry("attribution", "© OpenStreetMap contributors");
        assertThat(place(2).get("sourceWheelchair")).isNull();
        assertThat(place(3)).containsEntry("sourceWheelchair", "limited");
    }

    @Test
    void rowsWithoutNameIdOrUsablePositionAreSkippedWithTheirPositionAndReason() {
        var report = osm.importStream(stream(collection(
                feature(1, "name", "", "amenity", "pharmacy"),
                "{\"type\": \"Feature\", \"properties\": {\"osm_id\": 2, \"osm_type\": \"way\", \"name\": \"Ligne\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[3.8, 43.6], [3.9, 43.7]]}}",
                "{\"type\": \"Feature\", \"properties\": {\"osm_id\": 3, \"name\": \"Nulle part\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [203.8, 43.6]}}",
                "{\"type\": \"Feature\", \"properties\": {\"name\": \"Sans id\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [3.8, 43.6]}}",
                feature(5, "name", "Bonne"),
                feature(-1831933154, "name", "Id négatif"),
                "{\"type\": \"Feature\", \"properties\": {\"osm_id\": 7, \"name\": \"Sans forme\"}, \"geometry\": null}")), n -> { });

        assertThat(report.read()).isEqualTo(7);
        assertThat(report.created()).isEqualTo(3);
        assertThat(report.warnings()).extracting(RowProblem::line, RowProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(9L, "osm_id -1831933154 overflowed a 32-bit integer; read as node 2463034142"));
        assertThat(report.skipped()).extracting(RowProblem::line, RowProblem::index, RowProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4L, 1L, "no name"),
                org.assertj.core.groups.Tuple.tuple(6L, 3L, "bad coordinates [203.8,43.6]: latitude must be within ±90 and longitude within ±180"),
                org.assertj.core.groups.Tuple.tuple(7L, 4L, "no OpenStreetMap id (osm_id, @id, or a feature id such as node/123)"),
                org.assertj.core.groups.Tuple.tuple(10L, 7L, "no geometry"));
        // A way stands at the centre of its bounding box, under its own key.
        var way = graph.one("MATCH (p:Place {sourceKey: 'osm:way/2'}) RETURN p.location AS l", Map.of(),
                r -> r.get("l").asPoint()).orElseThrow();
        assertThat(way.x()).isCloseTo(3.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(way.y()).isCloseTo(43.65, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aFileExportedByOverpassTurboOrOsmtogeojsonImportsWithNodesWaysAndRelationsApart() {
        // One line, as these tools write it: positions are the feature's index and byte offset.
        String file = "{\"type\":\"FeatureCollection\",\"generator\":\"overpass-turbo\",\"features\":["
                + "{\"type\":\"Feature\",\"properties\":{\"@id\":\"node/123\",\"name\":\"Pharmacie du Nœud\",\"amenity\":\"pharmacy\",\"wheelchair\":\"yes\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[3.87,43.61]},\"id\":\"node/123\"},"
                + "{\"type\":\"Feature\",\"properties\":{\"@id\":\"way/123\",\"name\":\"Librairie du Chemin\",\"shop\":\"books\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[3.80,43.60],[3.82,43.60],[3.82,43.62],[3.80,43.62],[3.80,43.60]]]},\"id\":\"way/123\"},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"Marché couvert\",\"amenity\":\"marketplace\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[3.9,43.7],[3.92,43.7],[3.92,43.72],[3.9,43.7]]]]},\"id\":\"relation/77\"},"
                + "{\"type\":\"Feature\",\"properties\":{\"name\":\"Sans id\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[3.87,43.61]},\"id\":\"sans-id\"}"
                + "]}";
        var report = osm.importStream(stream(file), n -> { });

        assertThat(report.created()).isEqualTo(3);
        assertThat(count("MATCH (p:Place) WHERE p.sourceKey IN ['osm:123', 'osm:way/123', 'osm:relation/77'] RETURN count(p) AS n"))
                .isEqualTo(3);
        assertThat(answers(123)).containsEntry("step_free_entrance", "yes");
        assertThat(report.skipped()).singleElement().satisfies(s -> {
            assertThat(s.reason()).isEqualTo("bad OpenStreetMap id \"sans-id\"");
            assertThat(s.line()).isEqualTo(1);
            assertThat(s.index()).isEqualTo(4);
            assertThat(s.offset()).isEqualTo(file.getBytes(StandardCharsets.UTF_8).length
                    - "{\"type\":\"Feature\",\"properties\":{\"name\":\"Sans id\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[3.87,43.61]},\"id\":\"sans-id\"}]}".length());
            assertThat(s.position()).isEqualTo("feature 4 (byte " + s.offset() + ", line 1)");
        });

        var again = osm.importStream(stream(file), n -> { });
        assertThat(again.updated()).isEqualTo(3);
        assertThat(count("MATCH (p:Place) RETURN count(p) AS n")).isEqualTo(3);
    }

    @Test
    void aFileThatIsNotGeoJsonIsNotReadAtAll() {
        assertThat(osm.importStream(stream("id,name\n1,a\n"), n -> { }).nothingRead()).isTrue();
        assertThat(osm.importStream(stream("{\"type\": \"Feature\"}"), n -> { }).unreadable())
                .isEqualTo("not a GeoJSON FeatureCollection (no \"features\" list)");
        assertThat(osm.importFile(java.nio.file.Path.of("no-such-file.geojson"), ImportOptions.ALL, ImportProgress.NONE).nothingRead()).isTrue();
    }

    @Test
    void lengthsInMetresOrMillimetresAreTurnedIntoCentimetres() {
        assertThat(OsmImport.toCentimetres("90")).contains("90");
        assertThat(OsmImport.toCentimetres("0.9 m")).contains("90");
        assertThat(OsmImport.toCentimetres("0,85m")).contains("85");
        assertThat(OsmImport.toCentimetres("900 mm")).contains("90");
        assertThat(OsmImport.toCentimetres("large")).isEmpty();
    }

    private ImportReport importDemo(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/demo/" + name)) {
            return osm.importStream(in, n -> { });
        }
    }

    /** A FeatureCollection with one feature per line, starting on line 4. */
    private static String collection(String... features) {
        return "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n" + String.join(",\n", features) + "\n]\n}\n";
    }

    private static String feature(long id, String... tags) {
        var props = new StringBuilder("\"osm_id\": " + id);
        for (int i = 0; i < tags.length; i += 2) {
            props.append(", \"").append(tags[i]).append("\": \"").append(tags[i + 1]).append('"');
        }
        return "{\"type\": \"Feature\", \"properties\": {" + props + "}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [3.8767, 43.6108]}}";
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> answers(long nodeId) {
        return graph.inRead(tx -> {
            Map<String, String> found = new HashMap<>();
            tx.run("""
                    MATCH (:Place {sourceKey: $key})<-[:ABOUT]-(a:Answer {current: true, source: 'osm', imported: true})
                    RETURN a.criterion AS c, a.value AS v
                    """, Map.of("key", "osm:" + nodeId))
                    .forEachRemaining(r -> found.put(r.get("c").asString(), r.get("v").asString()));
            return found;
        });
    }

    private Map<String, Object> place(long nodeId) {
        return graph.one("""
                MATCH (p:Place {sourceKey: $key})
                RETURN p {.name, .category, .street, .postcode, .city, .sourceWheelchair, .licence, .attribution} AS p
                """, Map.of("key", "osm:" + nodeId), r -> r.get("p").asMap()).orElseThrow();
    }

    private long count(String query) {
        return graph.count(query, Map.of());
    }
}
