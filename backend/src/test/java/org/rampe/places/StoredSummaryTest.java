package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.members.NeedProfile;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Search results are read from the summary stored on each place, not from its properties:
 * the list must say exactly what the properties say, after every way a place is written.
 */
class StoredSummaryTest extends RampeTest {

    static final GeoPoint COMEDIE = new GeoPoint(43.6085, 3.8800);

    @Autowired
    Places places;

    @Autowired
    OsmImport osm;

    String memberId;

    @BeforeEach
    void aMember() {
        memberId = java.util.UUID.randomUUID().toString();
        graph.write("CREATE (:Member {id: $id, handle: 'lou', email: 'lou@example.org'})", Map.of("id", memberId));
    }

    /** Each place as the stored summary gives it, and as its properties give it. */
    private void assertTheSummariesSayWhatThePropertiesSay(int places) {
        var both = graph.list("MATCH (p:Place) RETURN p { .* } AS p, "
                + StoredSummary.RESULT, r -> List.of(StoredSummary.result(r, -1), PlaceRepository.summary(r.get("p"), -1)));
        assertThat(both).hasSize(places).allSatisfy(pair -> assertThat(pair.get(0)).isEqualTo(pair.get(1)));
    }

    @Test
    void theSummaryOfAPlaceFollowsItsAnswersFactsAndClosing() {
        var id = places.add("Café 🌈 des Arts", "café", new Address("2 rue \"Foch\", bis", "34000", "Montpellier"), COMEDIE, memberId,
                Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "85"));
        assertTheSummariesSayWhatThePropertiesSay(1);
        var summary = places.view(id).orElseThrow().details().summary();
        assertThat(summary.values()).containsEntry(Criterion.DOOR_WIDTH, "85");
        assertThat(summary.verdict(NeedProfile.WHEELCHAIR)).isEqualTo(Verdict.Level.ACCESSIBLE);

        places.answer(id, memberId, Criterion.DOOR_WIDTH, "75", "a=b; c");
        places.withdraw(id, memberId, Criterion.STEP_FREE_ENTRANCE);
        assertTheSummariesSayWhatThePropertiesSay(1);

        places.updateFacts(id, "Café des Arts", "bar", new Address("", "", "Castelnau"), new GeoPoint(43.63, 3.89), true, memberId);
        assertTheSummariesSayWhatThePropertiesSay(1);
        places.updateFacts(id, "Café des Arts", "bar", new Address("", "", "Castelnau"), new GeoPoint(43.63, 3.89), false, memberId);
        assertTheSummariesSayWhatThePropertiesSay(1);
    }

    @Test
    void aSeparatorInANameIsLeftOutOfTheSummaryAndBreaksNothing() {
        var id = places.add("Café" + StoredSummary.SEPARATOR + "des Arts", "café=bar", new Address("", "", ""), COMEDIE, memberId,
                Map.of(Criterion.DOOR_WIDTH, "85"));
        var found = graph.list("MATCH (p:Place) RETURN " + StoredSummary.RESULT, r -> StoredSummary.result(r, -1)).getFirst();
        assertThat(found.id()).isEqualTo(id);
        assertThat(found.name()).isEqualTo("Cafédes Arts");
        assertThat(found.category()).isEqualTo("café=bar");
        assertThat(found.values()).isEqualTo(Map.of(Criterion.DOOR_WIDTH, "85"));
    }

    @Test
    void theSummaryOfAnImportedPlaceKeepsItsSourceAndItsSourcesVerdict() {
        osm.importStream(new ByteArrayInputStream("""
                {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"osm_id": 7, "name": "Pharmacie", "amenity": "pharmacy", "wheelchair": "limited"}, "geometry": {"type": "Point", "coordinates": [3.8767, 43.6108]}},
                {"type": "Feature", "properties": {"osm_id": 8, "name": "Boulangerie", "shop": "bakery", "wheelchair": "yes", "toilets:wheelchair": "no"}, "geometry": {"type": "Point", "coordinates": [3.88, 43.61]}}
                ]}""".getBytes(StandardCharsets.UTF_8)), n -> { });
        assertTheSummariesSayWhatThePropertiesSay(2);
        var found = graph.list("MATCH (p:Place {sourceKey: 'osm:7'}) RETURN " + StoredSummary.RESULT,
                r -> StoredSummary.result(r, -1)).getFirst();
        assertThat(found.sourceWheelchair()).isEqualTo("limited");
        assertThat(found.source()).isEqualTo(PlaceSource.osm("7"));
        assertThat(found.location()).isEqualTo(new GeoPoint(43.6108, 3.8767));
    }
}
