package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Searches find open places through labels, never through the closed flag: every open place
 * carries {@code :OpenPlace}, and only open places carry fit labels. These tests close and reopen
 * places through each way the application does it, and check the labels and every kind of search.
 */
class OpenPlaceLabelsTest extends RampeTest {

    static final GeoPoint COMEDIE = new GeoPoint(43.6085, 3.8800);
    static final String BOX = "3.87,43.60,3.89,43.62";

    @Autowired
    Places places;

    @Autowired
    PlaceSearch search;

    @Autowired
    PlaceReports reports;

    String memberId;

    @BeforeEach
    void aMember() {
        memberId = java.util.UUID.randomUUID().toString();
        graph.write("CREATE (:Member {id: $id, handle: 'lou', email: 'lou@example.org'})", Map.of("id", memberId));
    }

    private PlaceId fittingPlace(String name) {
        return places.add(name, "pharmacie", new Address("1 rue de la Loge", "34000", "Montpellier"), COMEDIE, memberId,
                Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "90"));
    }

    private Set<String> labels(PlaceId id) {
        return labels(id.value());
    }

    private Set<String> labels(String id) {
        return Set.copyOf(graph.one("MATCH (p:Place {id: $id}) RETURN labels(p) AS l",
                Map.of("id", id), r -> r.get("l").asList(v -> v.asString())).orElseThrow());
    }

    /** The names every kind of search finds: radius, box and words, each without and with a need. */
    private List<List<String>> found() {
        List<PlaceSearch.Parameters> queries = List.of(
                new PlaceSearch.Parameters(null, null, "43.6085", "3.88", "1000", null, null, null, null, null, null),
                new PlaceSearch.Parameters(null, null, "43.6085", "3.88", "1000", null, List.of("wheelchair"), "fits", null, null, null),
                new PlaceSearch.Parameters(null, null, null, null, null, BOX, null, null, null, null, null),
                new PlaceSearch.Parameters(null, null, null, null, null, BOX, List.of("wheelchair"), "fits_or_partly", null, null, null),
                new PlaceSearch.Parameters("pharmacie", null, "43.6085", "3.88", "1000", null, List.of("wheelchair"), "fits", null, null, null),
                new PlaceSearch.Parameters("pharmacie", null, null, null, null, BOX, null, null, null, null, null),
                new PlaceSearch.Parameters("pharmacie", null, null, null, null, null, List.of("wheelchair"), "fits", null, null, null));
        return queries.stream().map(p -> {
            var checked = search.check(p, 20, false);
            assertThat(checked.ok()).as(checked.problems().toString()).isTrue();
            // Sorted: the order of results is not what these tests are about (the places share a location).
            return search.search(checked.value()).places().stream().map(PlaceSummary::name).sorted().toList();
        }).toList();
    }

    private static List<List<String>> everySearchFinds(String... names) {
        return java.util.Collections.nCopies(7, List.of(names));
    }

    @Test
    void aClosedPlaceLosesItsLabelsAndLeavesEverySearchAndComesBackWhenReopened() {
        var id = fittingPlace("Pharmacie de la Comédie");
        fittingPlace("Pharmacie du Peyrou");
        assertThat(labels(id)).containsExactlyInAnyOrder("Place", "OpenPlace", "WheelchairFits", "WheelchairFitsOrPartly",
                "WalkingFits", "WalkingFitsOrPartly");
        assertThat(found()).allSatisfy(names -> assertThat(names).contains("Pharmacie de la Comédie", "Pharmacie du Peyrou"));

        places.updateFacts(id, "Pharmacie de la Comédie", "pharmacie", new Address("1 rue de la Loge", "34000", "Montpellier"),
                COMEDIE, true, memberId);
        assertThat(labels(id)).containsExactly("Place");
        assertThat(found()).isEqualTo(everySearchFinds("Pharmacie du Peyrou"));

        // New answers about a closed place change its verdicts, not its labels.
        places.answer(id, memberId, Criterion.ACCESSIBLE_TOILET, "yes", "");
        assertThat(labels(id)).containsExactly("Place");
        assertThat(found()).isEqualTo(everySearchFinds("Pharmacie du Peyrou"));

        places.updateFacts(id, "Pharmacie de la Comédie", "pharmacie", new Address("1 rue de la Loge", "34000", "Montpellier"),
                COMEDIE, false, memberId);
        assertThat(labels(id)).containsExactlyInAnyOrder("Place", "OpenPlace", "WheelchairFits", "WheelchairFitsOrPartly",
                "WalkingFits", "WalkingFitsOrPartly");
        assertThat(found()).allSatisfy(names -> assertThat(names).contains("Pharmacie de la Comédie", "Pharmacie du Peyrou"));
    }

    @Test
    void aPlaceClosedByModerationLeavesTheSearches() {
        var id = fittingPlace("Pharmacie fermée");
        fittingPlace("Pharmacie ouverte");
        reports.report(id, memberId, PlaceReports.Reason.CLOSED, "Rideau baissé");
        String reportId = graph.one("MATCH (r:PlaceReport) RETURN r.id AS id", Map.of(), r -> r.get("id").asString()).orElseThrow();

        assertThat(reports.resolve(reportId, memberId, PlaceReports.Outcome.CLOSED_PLACE)).isTrue();

        assertThat(labels(id)).containsExactly("Place");
        assertThat(found()).isEqualTo(everySearchFinds("Pharmacie ouverte"));
    }

    @Test
    void aSearchByWordsForANeedKeepsOnlyThePlacesThatFitIt() {
        fittingPlace("Pharmacie accessible");
        places.add("Pharmacie à marches", "pharmacie", new Address("", "34000", "Montpellier"), COMEDIE, memberId,
                Map.of(Criterion.ENTRANCE_STEPS, "3", Criterion.RAMP, "none"));
        var both = List.of("Pharmacie accessible", "Pharmacie à marches");
        var fitting = List.of("Pharmacie accessible");
        assertThat(found()).isEqualTo(List.of(both, fitting, both, fitting, fitting, both, fitting));
    }

    @Test
    void theMigrationRunsTheApplicationsOwnClauses() throws IOException {
        assertThat(normalised(migration())).contains(normalised(StoredSummary.DERIVED));
    }

    @Test
    void theMigrationLabelsAndSummarisesThePlacesThatExistedBefore() throws IOException {
        // As V0004 left them: fit labels on a closed place too, and no open label anywhere.
        graph.write("""
                CREATE (:Place:WheelchairFits:WheelchairFitsOrPartly {id: 'closed', closed: true, v_wheelchair: 'accessible'})
                CREATE (:Place:WheelchairFitsOrPartly {id: 'open', closed: false, v_wheelchair: 'limited', v_hearing: 'accessible'})
                CREATE (:Place {id: 'never-said', v_vision: 'not_accessible'})
                """);
        String statement = Arrays.stream(migration().split(";\\s*\\n")).filter(s -> s.contains("IN TRANSACTIONS")).findFirst().orElseThrow();
        try (var session = driver.session()) {
            session.run(statement).consume(); // CALL ... IN TRANSACTIONS needs an implicit transaction
        }
        assertThat(labels("closed")).containsExactly("Place");
        assertThat(labels("open")).containsExactlyInAnyOrder("Place", "OpenPlace", "WheelchairFitsOrPartly",
                "HearingFits", "HearingFitsOrPartly");
        assertThat(labels("never-said")).containsExactlyInAnyOrder("Place", "OpenPlace");
        // And the summary search results are read from (its entries after the facts in any order).
        var summaries = graph.list("MATCH (p:Place) RETURN p.summary AS s ORDER BY p.id", r -> {
                    var parts = List.of(r.get("s").asString().split(String.valueOf(StoredSummary.SEPARATOR), -1));
                    return String.join("|", parts.subList(0, 12)) + " " + parts.subList(12, parts.size()).stream().sorted().toList();
                });
        assertThat(summaries).containsExactly(
                "closed||||||member|||||closed [v_wheelchair=accessible]",
                "never-said||||||member|||||open [v_vision=not_accessible]",
                "open||||||member|||||open [v_hearing=accessible, v_wheelchair=limited]");
    }

    private static String migration() throws IOException {
        try (InputStream in = OpenPlaceLabelsTest.class.getResourceAsStream("/neo4j/migrations/V0005__Open_places_and_summaries.cypher")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String normalised(String cypher) {
        return cypher.replaceAll("\\s+", " ").strip();
    }
}
