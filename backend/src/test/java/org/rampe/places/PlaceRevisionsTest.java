package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Value;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

class PlaceRevisionsTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Places places;

    @Autowired
    OsmImport osm;

    MockHttpSession lou;
    String louId;

    @BeforeEach
    void aMemberWhoKnowsTheTown() throws Exception {
        lou = members.signUp("lou", "Lou");
        louId = members.idOf("lou");
    }

    /** One revision as the graph keeps it: by whom (handle or source), and field → [before, after]. */
    record Stored(String by, boolean created, Map<String, List<String>> changes) {
    }

    private List<Stored> revisions(PlaceId place) {
        return graph.list("""
                MATCH (:Place {id: $id})-[:REVISED]->(r:Revision)
                OPTIONAL MATCH (m:Member)-[:MADE]->(r)
                RETURN coalesce(m.handle, r.source) AS by, coalesce(r.created, false) AS created, r.fields AS fields,
                       r.before AS before, r.after AS after
                ORDER BY r.at, r.id""", Map.of("id", place.value()), r -> {
            var fields = r.get("fields").asList(Value::asString);
            var before = r.get("before").asList(Value::asString);
            var after = r.get("after").asList(Value::asString);
            var changes = new java.util.LinkedHashMap<String, List<String>>();
            for (int i = 0; i < fields.size(); i++) {
                changes.put(fields.get(i), List.of(before.get(i), after.get(i)));
            }
            return new Stored(r.get("by").asString(null), r.get("created").asBoolean(), changes);
        });
    }

    private PlaceId addedByForm() throws Exception {
        String url = mvc.perform(post("/places/new").with(csrf()).session(lou)
                        .param("name", "Café des Arts").param("category", "café").param("street", "2 rue Foch")
                        .param("postcode", "34000").param("city", "Montpellier").param("lat", "43.61").param("lon", "3.877"))
                .andReturn().getResponse().getRedirectedUrl();
        return new PlaceId(url.substring("/places/".length()));
    }

    private void edit(MockHttpSession who, PlaceId id, String name, String city, boolean closed) throws Exception {
        var request = post("/places/" + id + "/edit").with(csrf()).session(who)
                .param("name", name).param("category", "café").param("street", "2 rue Foch")
                .param("postcode", "34000").param("city", city).param("lat", "43.61").param("lon", "3.877");
        if (closed) {
            request.param("closed", "true");
        }
        mvc.perform(request).andExpect(redirectedUrl("/places/" + id));
    }

    private MockHttpSession admin() throws Exception {
        return members.signUp(newMember(ADMIN_HANDLE).named("Admin").withEmail("admin@example.org"));
    }

    @Test
    void addingAndEditingAPlaceByAMemberAndAnAdministratorAreRevisionsWithBeforeAndAfter() throws Exception {
        var id = addedByForm();
        edit(lou, id, "Café des Arts et Lettres", "Montpellier", false);
        var admin = admin();
        edit(admin, id, "Café des Arts et Lettres", "Castelnau-le-Lez", true);
        edit(admin, id, "Café des Arts et Lettres", "Castelnau-le-Lez", true); // nothing changed: no revision

        var stored = revisions(id);
        assertThat(stored).hasSize(3);
        assertThat(stored.get(0).by()).isEqualTo("lou");
        assertThat(stored.get(0).created()).isTrue();
        assertThat(stored.get(0).changes()).containsEntry("name", List.of("", "Café des Arts"))
                .containsEntry("city", List.of("", "Montpellier")).containsEntry("location", List.of("", "43.61,3.877"))
                .doesNotContainKey("closed");
        assertThat(stored.get(1)).isEqualTo(new Stored("lou", false,
                Map.of("name", List.of("Café des Arts", "Café des Arts et Lettres"))));
        assertThat(stored.get(2)).isEqualTo(new Stored(ADMIN_HANDLE, false,
                Map.of("city", List.of("Montpellier", "Castelnau-le-Lez"), "closed", List.of("false", "true"))));
    }

    @Test
    void closingAPlaceFromAReportIsARevisionByTheAdministrator() throws Exception {
        var id = addedByForm();
        mvc.perform(post("/places/" + id + "/report").with(csrf()).session(lou).param("reason", "closed").param("text", "Rideau baissé"));
        var admin = admin();
        String reportId = graph.one("MATCH (r:PlaceReport) RETURN r.id AS id", Map.of(), r -> r.get("id").asString()).orElseThrow();
        mvc.perform(post("/moderation/places/" + reportId).with(csrf()).session(admin).param("outcome", "closed_place"))
                .andExpect(redirectedUrl("/moderation/places"));

        assertThat(revisions(id)).last().isEqualTo(new Stored(ADMIN_HANDLE, false, Map.of("closed", List.of("false", "true"))));
    }

    @Test
    void reImportingAChangedRowRecordsARevisionOfItsSourceAndAnUnchangedOneNone() {
        importOsm("Pharmacie A", "Rue de la Loge");
        importOsm("Pharmacie A", "Rue de la Loge");
        importOsm("Pharmacie de la Loge", "Rue de la Loge");
        var id = places.idOf(PlaceSource.osm("1")).orElseThrow();

        var stored = revisions(id);
        assertThat(stored).hasSize(2);
        assertThat(stored.get(0).by()).isEqualTo("osm");
        assertThat(stored.get(0).created()).isTrue();
        assertThat(stored.get(0).changes()).containsEntry("name", List.of("", "Pharmacie A"))
                .containsEntry("street", List.of("", "Rue de la Loge"));
        assertThat(stored.get(1)).isEqualTo(new Stored("osm", false, Map.of("name", List.of("Pharmacie A", "Pharmacie de la Loge"))));
    }

    private void importOsm(String name, String street) {
        String json = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"osm_id\": 1,"
                + " \"name\": \"" + name + "\", \"amenity\": \"pharmacy\", \"addr:street\": \"" + street + "\", \"wheelchair\": \"yes\"},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [3.8767, 43.6108]}}]}";
        osm.importStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), n -> { });
    }

    @Test
    void theHistoryPageShowsWhoChangedWhatNewestFirstInFrenchAndEnglish() throws Exception {
        var id = addedByForm();
        edit(lou, id, "Café des Arts et Lettres", "Montpellier", false);
        importOsm("Pharmacie A", "Rue de la Loge");
        var imported = places.idOf(PlaceSource.osm("1")).orElseThrow();
        var http = HttpClient.newHttpClient();

        String french = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/places/" + id + "/history")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(french).contains("<h1>Historique : Café des Arts et Lettres</h1>", "<th scope=\"col\">Avant</th>",
                "<th scope=\"col\">Après</th>", "<th scope=\"row\">Nom</th>", "href=\"/members/lou\"", "création du lieu",
                "<time datetime=\"").doesNotContain("Annuler cette modification");
        // Newest first: the renaming comes before the creation.
        assertThat(french.indexOf("Café des Arts et Lettres</td>")).isLessThan(french.indexOf("création du lieu"));
        String english = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/places/" + id + "/history"))
                .header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(english).contains("<h1>History: Café des Arts et Lettres</h1>", "<th scope=\"col\">Before</th>",
                "<th scope=\"col\">After</th>", "<th scope=\"row\">Name</th>", "place created");
        String importHistory = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/places/" + imported + "/history")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(importHistory).contains("Import OpenStreetMap");
        // The place page links to its history.
        mvc.perform(get("/places/" + id)).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                .string(org.hamcrest.Matchers.containsString("href=\"/places/" + id + "/history\"")));
        mvc.perform(get("/places/" + UUID.randomUUID() + "/history")).andExpect(status().isNotFound());
        mvc.perform(get("/places/nope/history")).andExpect(status().isNotFound());
    }

    @Test
    void aPlacesHistoryIsReadFromThePlaceByItsKeyWithoutScanningRevisions() {
        var ops = org.rampe.QueryPlans.explain(graph, RevisionRepository.HISTORY,
                Map.of("place", UUID.randomUUID().toString(), "skip", 0, "limit", 21));
        assertThat(ops).as("plan %s", ops).anyMatch(o -> o.seeksUnique("p:Place(id) WHERE id = $place"));
        assertThat(ops).as("plan %s", ops).noneMatch(org.rampe.QueryPlans.Operator::isScan);
    }

    @Test
    void aLongHistoryIsPaged() throws Exception {
        var id = addedByForm();
        for (int i = 1; i <= PlaceRevisions.PAGE_SIZE; i++) {
            places.updateFacts(id, "Café " + i, "café", new Address("2 rue Foch", "34000", "Montpellier"),
                    new GeoPoint(43.61, 3.877), false, louId);
        }
        String first = mvc.perform(get("/places/" + id + "/history")).andReturn().getResponse().getContentAsString();
        assertThat(first).contains("Café " + PlaceRevisions.PAGE_SIZE + "</td>", "rel=\"next\"").doesNotContain("création du lieu");
        String second = mvc.perform(get("/places/" + id + "/history").param("page", "1")).andReturn().getResponse().getContentAsString();
        assertThat(second).contains("création du lieu", "rel=\"prev\"").doesNotContain("rel=\"next\"");
    }

    private String revisionId(PlaceId place, String field, String after) {
        return graph.one("""
                MATCH (:Place {id: $id})-[:REVISED]->(r:Revision)
                WHERE any(i IN range(0, size(r.fields) - 1) WHERE r.fields[i] = $field AND r.after[i] = $after)
                RETURN r.id AS id""", Map.of("id", place.value(), "field", field, "after", after),
                r -> r.get("id").asString()).orElseThrow();
    }

    @Test
    void anAdministratorRevertsAChangeAndOtherMembersAreForbidden() throws Exception {
        var id = addedByForm();
        edit(lou, id, "Café Vandale", "Montpellier", false);
        String renamed = revisionId(id, "name", "Café Vandale");
        String url = "/moderation/places/revisions/" + renamed + "/revert";

        mvc.perform(get(url).session(lou)).andExpect(status().isForbidden());
        mvc.perform(post(url).with(csrf()).session(lou)).andExpect(status().isForbidden());
        mvc.perform(post(url).with(csrf())).andExpect(redirectedUrl("/signin"));
        assertThat(places.view(id).orElseThrow().details().summary().name()).isEqualTo("Café Vandale");

        var admin = admin();
        String history = mvc.perform(get("/places/" + id + "/history").session(admin)).andReturn().getResponse().getContentAsString();
        assertThat(history).contains("href=\"" + url + "\"");
        String confirm = mvc.perform(get(url).session(admin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("Annuler cette modification ?", "Café Vandale", "Café des Arts")
                .doesNotContain("modifié depuis");
        mvc.perform(post(url).with(csrf()).session(admin))
                .andExpect(redirectedUrl("/places/" + id + "/history"))
                .andExpect(flash().attribute("notice", "revision.reverted"));

        assertThat(places.view(id).orElseThrow().details().summary().name()).isEqualTo("Café des Arts");
        assertThat(revisions(id)).last().isEqualTo(new Stored(ADMIN_HANDLE, false,
                Map.of("name", List.of("Café Vandale", "Café des Arts"))));
        assertThat(graph.count("MATCH (r:Revision {reverts: $id}) WHERE r.revertsAt IS NOT NULL RETURN count(r) AS n",
                Map.of("id", renamed))).isEqualTo(1);
        assertThat(mvc.perform(get("/places/" + id + "/history")).andReturn().getResponse().getContentAsString())
                .contains("annule la modification du");

        mvc.perform(get("/moderation/places/revisions/" + UUID.randomUUID() + "/revert").session(admin)).andExpect(status().isNotFound());
        mvc.perform(post("/moderation/places/revisions/" + UUID.randomUUID() + "/revert").with(csrf()).session(admin))
                .andExpect(status().isNotFound());
        mvc.perform(get("/moderation/places/revisions/nope/revert").session(admin)).andExpect(status().isNotFound());
        // A creation has nothing before it.
        String creation = revisionId(id, "city", "Montpellier");
        mvc.perform(get("/moderation/places/revisions/" + creation + "/revert").session(admin)).andExpect(status().isNotFound());
    }

    @Test
    void revertingAChangeAfterALaterChangeOfTheSameFieldSaysWhichValueIsOverwritten() throws Exception {
        var id = addedByForm();
        edit(lou, id, "Café Vandale", "Montpellier", false);
        String renamed = revisionId(id, "name", "Café Vandale");
        edit(lou, id, "Café des Arts (nouveau)", "Montpellier", false);
        var admin = admin();

        String confirm = mvc.perform(get("/moderation/places/revisions/" + renamed + "/revert").session(admin))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("Une modification plus récente a changé ces informations depuis",
                "Café des Arts (nouveau)", "modifié depuis");
        mvc.perform(post("/moderation/places/revisions/" + renamed + "/revert").with(csrf()).session(admin));
        assertThat(places.view(id).orElseThrow().details().summary().name()).isEqualTo("Café des Arts");
        assertThat(revisions(id)).last().isEqualTo(new Stored(ADMIN_HANDLE, false,
                Map.of("name", List.of("Café des Arts (nouveau)", "Café des Arts"))));
    }
}
