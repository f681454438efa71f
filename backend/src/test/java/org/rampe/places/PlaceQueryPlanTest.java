package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.summary.Plan;
import org.rampe.RampeTest;
import org.rampe.members.NeedProfile;

/**
 * The place searches must seek through their indexes: {@code place_location_open} (point index of
 * open places) for radius and box searches, the point index of a fit label when searching for a
 * need, {@code place_text} (full-text) when words are given. Checked with
 * {@code EXPLAIN} on the exact Cypher that {@link PlaceSearchRepository} runs.
 *
 * <p>Neo4j 2026.08 does not print index names in plans: an index seek says
 * {@code POINT INDEX p:Place(location) WHERE ...}, and the full-text procedure's index name is
 * auto-parameterised ({@code db.index.fulltext.queryNodes($autostring_0, $q)}). The helper therefore
 * resolves each seek's type, label and properties to an index name through {@code SHOW INDEXES}, and
 * takes the full-text index name from the query text once the plan shows the procedure is called.
 */
class PlaceQueryPlanTest extends RampeTest {

    private static final Pattern INDEX_SEEK = Pattern.compile("\\b(POINT INDEX|RANGE INDEX|TEXT INDEX|UNIQUE) \\w+:(\\w+)\\(([^)]*)\\)");
    private static final Pattern FULLTEXT_NAME = Pattern.compile("db\\.index\\.fulltext\\.queryNodes\\('([^']+)'");
    private static final Set<String> SCANS = Set.of("NodeByLabelScan", "AllNodesScan", "NodeIndexScan");

    /** The cursor's place, looked up once by its id before the search. */
    private static final String CURSOR = "place_id_unique";

    @Test
    void radiusSearchSeeksThroughThePointIndexOfOpenPlaces() {
        assertThat(plannedIndexes(driver, PlaceSearchRepository.nearQuery(false), params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_open");
    }

    @Test
    void ringQueriesSeekThroughThePointIndexLikeTheWholeCircle() {
        // PlaceRingSearch (measured, not used) runs the statement of near with a smaller radius, from a cursor.
        var filter = new PlaceSearchRepository.Filter(List.of(), List.of(), List.of(), null, NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR));
        var ring = PlaceSearchRepository.nearStatement(new GeoPoint(43.6108, 3.8767), PlaceRingSearch.FIRST_RING, filter,
                new PlaceSearchRepository.Cursor(120.5, "00000000-0000-0000-0000-000000000000"), 51);
        assertThat(ring.cypher()).isEqualTo(PlaceSearchRepository.nearQuery(false, NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR)));
        assertThat(plannedIndexes(driver, ring.cypher(), ring.params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_wheelchair_fits_or_partly");
    }

    @Test
    void boxSearchSeeksThroughThePointIndexOfOpenPlaces() {
        assertThat(plannedIndexes(driver, PlaceSearchRepository.boxQuery(false), params()))
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
            Plan plan;
            try (var session = driver.session()) {
                plan = session.executeRead(tx -> tx.run("EXPLAIN " + query, params()).consume().plan());
            }
            List<String> candidates = new ArrayList<>();
            detailsBelowTop(plan, false, candidates);
            assertThat(candidates).as(query).isNotEmpty().noneMatch(d -> d.contains("closed") || d.contains("p.id"));
        }
    }

    /** The details of the operators that run for every candidate: those below the Top (ORDER BY ... LIMIT). */
    private static void detailsBelowTop(Plan plan, boolean underTop, List<String> details) {
        String op = plan.operatorType().replaceFirst("@.*$", "");
        var d = plan.arguments().get("Details");
        if (underTop && d != null) {
            details.add(d.asString());
        }
        boolean below = underTop || op.startsWith("Top");
        plan.children().forEach(c -> detailsBelowTop(c, below, details));
    }

    @Test
    void searchesForANeedSeekOnlyThePlacesThatFitIt() {
        assertThat(plannedIndexes(driver, PlaceSearchRepository.nearQuery(false, NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR)), params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_wheelchair_fits_or_partly");
        assertThat(plannedIndexes(driver, PlaceSearchRepository.boxQuery(false, NeedLabels.fits(NeedProfile.HEARING)), params()))
                .containsExactlyInAnyOrder(CURSOR, "place_location_hearing_fits");
    }

    @Test
    void searchesWithWordsStartFromTheFullTextIndex() {
        assertThat(plannedIndexes(driver, PlaceSearchRepository.nearQuery(true), params())).containsExactlyInAnyOrder(CURSOR, "place_text");
        assertThat(plannedIndexes(driver, PlaceSearchRepository.boxQuery(true), params())).containsExactlyInAnyOrder(CURSOR, "place_text");
        assertThat(plannedIndexes(driver, PlaceSearchRepository.textQuery(null), params())).containsExactly("place_text");
    }

    @Test
    void searchesReadTheStoredSummaryOfThePageOnly() {
        // The summary is read above the Top (ORDER BY ... LIMIT): for the page, not for every candidate.
        for (String query : List.of(PlaceSearchRepository.nearQuery(false), PlaceSearchRepository.boxQuery(false),
                PlaceSearchRepository.nearQuery(false, NeedLabels.fitsOrPartly(NeedProfile.WHEELCHAIR)), PlaceSearchRepository.textQuery(null))) {
            Plan plan;
            try (var session = driver.session()) {
                plan = session.executeRead(tx -> tx.run("EXPLAIN " + query, params()).consume().plan());
            }
            List<String> candidates = new ArrayList<>();
            detailsBelowTop(plan, false, candidates);
            assertThat(candidates).as(query).isNotEmpty().noneMatch(d -> d.contains("summary"));
            assertThat(query).doesNotContain(".*");
        }
    }

    @Test
    void theHelperFailsWhenNoIndexIsUsed() {
        // A property with no index: the planner scans the label, and the helper must say so.
        assertThatThrownBy(() -> plannedIndexes(driver, "MATCH (p:Place) WHERE p.name = 'x' RETURN p", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("NodeByLabelScan");
        // A point property with no point index: same query shape as the radius search, no seek.
        assertThatThrownBy(() -> plannedIndexes(driver,
                PlaceSearchRepository.nearQuery(false).replace("p.location", "p.otherLocation"), params()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("NodeByLabelScan");
    }

    @Test
    void theHelperNamesTheIndexItFinds() {
        // The uniqueness constraint's range index on :Place(id), to show names are resolved, not assumed.
        assertThat(plannedIndexes(driver, "MATCH (p:Place {id: $id}) RETURN p", Map.of("id", "x")))
                .containsExactly("place_id_unique");
    }

    /**
     * The names of the indexes the plan of {@code query} reads from; fails (AssertionError) when the
     * plan scans a label or all nodes, or reads no index at all.
     */
    static Set<String> plannedIndexes(Driver driver, String query, Map<String, Object> params) {
        Plan plan;
        List<Map<String, Object>> indexes;
        try (var session = driver.session()) {
            plan = session.executeRead(tx -> tx.run("EXPLAIN " + query, params).consume().plan());
            indexes = session.executeRead(tx -> tx.run(
                    "SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN *").list(r -> r.asMap()));
        }
        Set<String> used = new LinkedHashSet<>();
        List<String> operators = new ArrayList<>();
        collect(plan, query, indexes, used, operators);
        for (String op : operators) {
            if (SCANS.contains(op)) {
                throw new AssertionError("The plan scans instead of seeking (" + op + "): " + operators + "\n" + query);
            }
        }
        if (used.isEmpty()) {
            throw new AssertionError("The plan reads no index: " + operators + "\n" + query);
        }
        return used;
    }

    private static void collect(Plan plan, String query, List<Map<String, Object>> indexes, Set<String> used,
                                List<String> operators) {
        String op = plan.operatorType().replaceFirst("@.*$", "");
        operators.add(op);
        var detailsValue = plan.arguments().get("Details");
        String details = detailsValue == null ? "" : detailsValue.asString();
        var seek = INDEX_SEEK.matcher(details);
        if (op.contains("Index")) {
            if (!seek.find()) {
                throw new AssertionError("Unrecognised index operator " + op + ": " + details);
            }
            // A unique seek reads the range index that backs the constraint.
            String type = seek.group(1).equals("UNIQUE") ? "RANGE" : seek.group(1).replace(" INDEX", "");
            String label = seek.group(2);
            List<String> props = List.of(seek.group(3).split(",\\s*"));
            String name = indexes.stream()
                    .filter(i -> type.equals(i.get("type")) && List.of(label).equals(i.get("labelsOrTypes"))
                            && props.equals(i.get("properties")))
                    .map(i -> (String) i.get("name")).findFirst()
                    .orElseThrow(() -> new AssertionError("No " + type + " index on :" + label + props + " for " + details));
            used.add(name);
        }
        if (op.equals("ProcedureCall") && details.startsWith("db.index.fulltext.queryNodes(")) {
            var literal = FULLTEXT_NAME.matcher(query);
            if (!literal.find()) {
                throw new AssertionError("Full-text call without a literal index name: " + query);
            }
            String name = literal.group(1);
            boolean exists = indexes.stream().anyMatch(i -> name.equals(i.get("name")) && "FULLTEXT".equals(i.get("type")));
            if (!exists) {
                throw new AssertionError("The query calls the full-text index " + name + ", which does not exist");
            }
            used.add(name);
        }
        plan.children().forEach(c -> collect(c, query, indexes, used, operators));
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
