package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rampe.QueryPlans.plannedIndexes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.QueryPlans;
import org.rampe.RampeTest;
import org.rampe.members.NeedProfile;

/**
 * The place searches must seek through their indexes: {@code place_location_open} (point index of
 * open places) for radius and box searches, the point index of a fit label when searching for a
 * need, {@code place_text} (full-text) when words are given. Checked with
 * {@code EXPLAIN} on the exact Cypher that {@link PlaceSearchRepository} runs, through
 * {@link QueryPlans#plannedIndexes}, which names the indexes a plan reads (and is tested here).
 */
class PlaceQueryPlanTest extends RampeTest {

    /** The cursor's place, looked up once by its id before the search. */
    private static final String CURSOR = "place_id_unique";

    @Test
    void radiusSearchSeeksThroughThePointIndexOfOpenPlaces() {
        assertThat(plannedIndexes(graph, PlaceSearchRepository.nearQuery(false), params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_open");
    }

    @Test
    void ringQueriesSeekThroughThePointIndexLikeTheWholeCircle() {
        // PlaceRingSearch (measured, not used) runs the statement of near with a smaller radius, from a cursor.
        var filter = new PlaceSearchRepository.Filter(List.of(), List.of(), List.of(), null, NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR));
        var ring = PlaceSearchRepository.nearStatement(new GeoPoint(43.6108, 3.8767), PlaceRingSearch.FIRST_RING, filter,
                new PlaceSearchRepository.Cursor(120.5, "00000000-0000-0000-0000-000000000000"), 51);
        assertThat(ring.cypher()).isEqualTo(PlaceSearchRepository.nearQuery(false, NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR)));
        assertThat(plannedIndexes(graph, ring.cypher(), ring.params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_wheelchair_fits_or_partly");
    }

    @Test
    void boxSearchSeeksThroughThePointIndexOfOpenPlaces() {
        assertThat(plannedIndexes(graph, PlaceSearchRepository.boxQuery(false), params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_open");
    }

    @Test
    void noSearchReadsTheClosedFlagOrTheIdOfItsCandidates() {
        // Closed places carry neither OpenPlace nor a fit label: the label already leaves them out.
        // Ties in distance are ordered by element id, which needs no property read.
        String fit = NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR);
        for (String query : List.of(PlaceSearchRepository.nearQuery(false), PlaceSearchRepository.boxQuery(false),
                PlaceSearchRepository.nearQuery(false, fit), PlaceSearchRepository.boxQuery(false, fit), PlaceSearchRepository.nearQuery(true),
                PlaceSearchRepository.boxQuery(true, fit), PlaceSearchRepository.textQuery(null), PlaceSearchRepository.textQuery(fit))) {
            List<String> candidates = candidateDetails(query);
            assertThat(candidates).as(query).isNotEmpty().noneMatch(d -> d.contains("closed") || d.contains("p.id"));
        }
    }

    @Test
    void searchesForANeedSeekOnlyThePlacesThatFitIt() {
        assertThat(plannedIndexes(graph, PlaceSearchRepository.nearQuery(false, NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR)), params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_wheelchair_fits_or_partly");
        assertThat(plannedIndexes(graph, PlaceSearchRepository.boxQuery(false, NeedLabels.fits(NeedProfile.HEARING)), params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_hearing_fits");
    }

    @Test
    void searchesWithWordsStartFromTheFullTextIndex() {
        assertThat(plannedIndexes(graph, PlaceSearchRepository.nearQuery(true), params())).containsExactlyInAnyOrder(CURSOR, "place_text");
        assertThat(plannedIndexes(graph, PlaceSearchRepository.boxQuery(true), params())).containsExactlyInAnyOrder(CURSOR, "place_text");
        assertThat(plannedIndexes(graph, PlaceSearchRepository.textQuery(null), params())).containsExactly("place_text");
    }

    @Test
    void searchesReadTheStoredSummaryOfThePageOnly() {
        // The summary is read above the Top (ORDER BY ... LIMIT): for the page, not for every candidate.
        for (String query : List.of(PlaceSearchRepository.nearQuery(false), PlaceSearchRepository.boxQuery(false),
                PlaceSearchRepository.nearQuery(false, NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR)), PlaceSearchRepository.textQuery(null))) {
            List<String> candidates = candidateDetails(query);
            assertThat(candidates).as(query).isNotEmpty().noneMatch(d -> d.contains("summary"));
            assertThat(query).doesNotContain(".*");
        }
    }

    @Test
    void theHelperFailsWhenNoIndexIsUsed() {
        // A property with no index: the planner scans the label, and the helper must say so.
        assertThatThrownBy(() -> plannedIndexes(graph, "MATCH (p:Place) WHERE p.name = 'x' RETURN p", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("NodeByLabelScan");
        // A point property with no point index: same query shape as the radius search, no seek.
        assertThatThrownBy(() -> plannedIndexes(graph,
                PlaceSearchRepository.nearQuery(false).replace("p.location", "p.otherLocation"), params()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("NodeByLabelScan");
    }

    @Test
    void theHelperNamesTheIndexItFinds() {
        // The uniqueness constraint's range index on :Place(id), to show names are resolved, not assumed.
        assertThat(plannedIndexes(graph, "MATCH (p:Place {id: $id}) RETURN p", Map.of("id", "x")))
                .containsExactly("place_id_unique");
    }

    /** The details of the operators that run for every candidate: those below the Top (ORDER BY ... LIMIT). */
    private List<String> candidateDetails(String query) {
        return QueryPlans.below(QueryPlans.plan(graph, query, params()), "Top").stream()
                .map(QueryPlans.Operator::details).filter(d -> !d.isEmpty()).toList();
    }

    private static Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        params.put("requiredYes", List.of("a_step_free_entrance"));
        params.put("verdicts", List.of("v_wheelchair"));
        params.put("levels", List.of("accessible", "limited"));
        params.put("q", "boulangerie");
        params.put("centre", PlaceRepository.point(new GeoPoint(43.6108, 3.8767)));
        params.put("sw", PlaceRepository.point(new GeoPoint(43.59, 3.85)));
        params.put("ne", PlaceRepository.point(new GeoPoint(43.63, 3.90)));
        params.put("radius", 2000.0);
        params.put("afterD", -1.0);
        params.put("afterId", "");
        params.put("limit", 51);
        return params;
    }
}
