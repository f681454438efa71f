package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.graph.Transactions;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/places} copies the Feature stored on each place (PlaceRepository.feature()) instead
 * of writing it from the summary: after every way a place is written, the copied Features must be
 * the JSON the summary gives (PlacesApiJsonTest keeps that one equal to the maps it replaced).
 */
class StoredFeatureTest extends RampeTest {

    static final GeoPoint COMEDIE = new GeoPoint(43.6085, 3.8800);

    @Autowired
    Places places;

    @Autowired
    OsmImport osm;

    @Autowired
    PlaceSearch search;

    @Autowired
    PlaceReports reports;

    @Autowired
    PlacesApiController controller;

    final JsonMapper json = JsonMapper.builder().build();

    String memberId;

    @BeforeEach
    void aMember() {
        memberId = java.util.UUID.randomUUID().toString();
        Transactions.write(driver, tx -> tx.run("CREATE (:Member {id: $id, handle: 'lou', email: 'lou@example.org'})",
                Map.of("id", memberId)).consume());
    }

    /** Every open place within 5 km of the Comédie, as the stored Features give it and as the summaries give it. */
    private void assertTheStoredFeaturesAreTheSummariesJson(int expected) {
        for (var locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            for (var needs : List.of(List.<String>of(), List.of("wheelchair"), List.of("wheelchair", "hearing", "cognitive"))) {
                var query = search.check(new PlaceSearch.Parameters(null, null, "43.6085", "3.88", "5000", null, needs, null,
                        null, null, "50"), 50, true).value();
                var found = search.searchFeatures(query);
                assertThat(found.rows()).hasSize(expected).allSatisfy(f -> assertThat(f.feature()).isNotNull());

                var stored = new ByteArrayOutputStream();
                controller.writeFeatures(stored, found.rows(), null, query, locale);
                var fromSummaries = new ByteArrayOutputStream();
                controller.writeFeatureCollection(fromSummaries, found.rows().stream().map(PlaceRepository.Found::place).toList(),
                        null, query, locale);

                JsonNode copied = json.readTree(stored.toByteArray());
                assertThat(copied).isEqualTo(json.readTree(fromSummaries.toByteArray()));
                assertThat(copied.get("features")).hasSize(expected);
            }
        }
    }

    @Test
    void theStoredFeatureFollowsAnswersFactsAndClosing() {
        var id = places.add("Café \"🌈\" des Arts", "café", new Address("2 rue \"Foch\", bis", "34000", "Montpellier"), COMEDIE, memberId,
                Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "85", Criterion.HEARING_LOOP, "no"));
        places.add("Pharmacie", "pharmacie", new Address("", "", ""), new GeoPoint(43.6095, 3.8812), memberId, Map.of());
        assertTheStoredFeaturesAreTheSummariesJson(2);

        places.answer(id, memberId, Criterion.DOOR_WIDTH, "75", "a=b; c");
        places.answer(id, memberId, Criterion.RAMP, "removable", "");
        places.withdraw(id, memberId, Criterion.STEP_FREE_ENTRANCE);
        assertTheStoredFeaturesAreTheSummariesJson(2);

        places.updateFacts(id, "Café des Arts", "bar", new Address("", "", "Castelnau"), new GeoPoint(43.63, 3.89), true);
        assertTheStoredFeaturesAreTheSummariesJson(1);
        places.updateFacts(id, "Café des Arts", "bar", new Address("", "", "Castelnau"), new GeoPoint(43.63, 3.89), false);
        assertTheStoredFeaturesAreTheSummariesJson(2);
    }

    @Test
    void namesWithQuotesBackslashesAndControlCharactersStayValidJson() {
        places.add("L'\"Arobase\" \\ café\n\tdes\u0001Arts" + PlaceRepository.SEPARATOR + " 🌈 \u2028", "café\\bar",
                new Address("rue \u007f \"Foch\"", "34000\r", "Montpellier\b\f"), COMEDIE, memberId,
                Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.ENTRANCE_STEPS, "1", Criterion.STEP_HEIGHT, "5"));
        assertTheStoredFeaturesAreTheSummariesJson(1);

        var query = search.check(new PlaceSearch.Parameters(null, null, "43.6085", "3.88", "5000", null, null, null,
                null, null, "50"), 50, true).value();
        var out = new ByteArrayOutputStream();
        var rows = search.searchFeatures(query).rows();
        controller.writeFeatures(out, rows, null, query, Locale.FRENCH);
        var properties = json.readTree(out.toByteArray()).get("features").get(0).get("properties");
        assertThat(properties.get("name").asString()).isEqualTo("L'\"Arobase\" \\ café\n\tdes\u0001Arts 🌈 \u2028");
        assertThat(properties.get("category").asString()).isEqualTo("café\\bar");
        // As the place was saved (the form's rules may trim what a city ends with).
        var address = rows.getFirst().place().address();
        assertThat(properties.get("address").get("street").asString()).isEqualTo(address.street()).contains("\u007f \"Foch\"");
        assertThat(properties.get("address").get("postcode").asString()).isEqualTo(address.postcode());
        assertThat(properties.get("address").get("city").asString()).isEqualTo(address.city());
    }

    @Test
    void importedAndModeratedPlacesStoreTheirFeatureToo() {
        osm.importStream(new ByteArrayInputStream("""
                {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"osm_id": 7, "name": "Pharmacie", "amenity": "pharmacy", "wheelchair": "limited"}, "geometry": {"type": "Point", "coordinates": [3.8767, 43.6108]}},
                {"type": "Feature", "properties": {"osm_id": 8, "name": "Boulangerie", "shop": "bakery", "wheelchair": "yes", "toilets:wheelchair": "no"}, "geometry": {"type": "Point", "coordinates": [3.88, 43.61]}}
                ]}""".getBytes(StandardCharsets.UTF_8)), n -> { });
        assertTheStoredFeaturesAreTheSummariesJson(2);

        var id = Transactions.read(driver, tx -> tx.run("MATCH (p:Place {sourceKey: 'osm:8'}) RETURN p.id AS id")
                .single().get("id").asString());
        places.report(new PlaceId(id), memberId, "closed", "Rideau baissé");
        String reportId = Transactions.read(driver, tx -> tx.run("MATCH (r:PlaceReport) RETURN r.id AS id").single().get("id").asString());
        reports.resolve(reportId, memberId, "closed_place");
        assertTheStoredFeaturesAreTheSummariesJson(1);
    }

    @Test
    void theMigrationStoresTheFeatureOfThePlacesThatExistedBefore() throws IOException {
        var id = places.add("Café des Arts", "café", new Address("2 rue Foch", "34000", "Montpellier"), COMEDIE, memberId,
                Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "85"));
        // As V0005 left places: a summary and labels, no Feature.
        Transactions.write(driver, tx -> tx.run("MATCH (p:Place) REMOVE p.feature").consume());
        var query = search.check(new PlaceSearch.Parameters(null, null, "43.6085", "3.88", "5000", null, null, null,
                null, null, "50"), 50, true).value();
        assertThat(search.searchFeatures(query).rows()).singleElement().satisfies(f -> assertThat(f.feature()).isNull());

        try (var session = driver.session()) {
            session.run(migrationStatement()).consume(); // CALL ... IN TRANSACTIONS needs an implicit transaction
        }

        assertThat(search.searchFeatures(query).rows()).singleElement().satisfies(f -> {
            assertThat(f.place().id()).isEqualTo(id);
            assertThat(f.feature()).isNotNull();
        });
        assertTheStoredFeaturesAreTheSummariesJson(1);
    }

    @Test
    void aPlaceWithoutAStoredFeatureIsWrittenFromItsSummary() {
        places.add("Café des Arts", "café", new Address("2 rue Foch", "34000", "Montpellier"), COMEDIE, memberId,
                Map.of(Criterion.STEP_FREE_ENTRANCE, "yes"));
        Transactions.write(driver, tx -> tx.run("MATCH (p:Place) REMOVE p.feature").consume());
        var query = search.check(new PlaceSearch.Parameters(null, null, "43.6085", "3.88", "5000", null, List.of("wheelchair"),
                null, null, null, "50"), 50, true).value();
        var rows = search.searchFeatures(query).rows();
        var stored = new ByteArrayOutputStream();
        controller.writeFeatures(stored, rows, null, query, Locale.FRENCH);
        var fromSummaries = new ByteArrayOutputStream();
        controller.writeFeatureCollection(fromSummaries, rows.stream().map(PlaceRepository.Found::place).toList(), null,
                query, Locale.FRENCH);
        assertThat(stored.toByteArray()).isEqualTo(fromSummaries.toByteArray());
    }

    static String migrationStatement() throws IOException {
        try (InputStream in = StoredFeatureTest.class.getResourceAsStream("/neo4j/migrations/V0014__Place_features.cypher")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return java.util.Arrays.stream(text.split(";\\s*\\n")).filter(s -> s.contains("IN TRANSACTIONS")).findFirst().orElseThrow();
        }
    }
}
