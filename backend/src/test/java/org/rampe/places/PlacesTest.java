package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

class PlacesTest extends RampeTest {

    static final GeoPoint COMEDIE = new GeoPoint(43.6085, 3.8800);

    @Autowired
    MockMvc mvc;

    @Autowired
    Places places;

    MockHttpSession member;
    String memberId;

    @BeforeEach
    void aMemberWhoKnowsTheTown() throws Exception {
        member = members.signUp("lou", "Lou");
        memberId = members.idOf("lou");
    }

    private PlaceId place(String name, double northMetres, Map<Criterion, String> answers) {
        return places.add(name, "pharmacie", new Address("1 rue de la Loge", "34000", "Montpellier"),
                new GeoPoint(COMEDIE.latitude() + northMetres / 111_320.0, COMEDIE.longitude()), memberId, answers);
    }

    /**
     * The search form as a browser sends it: posted (needs are never in an address), then the page
     * it redirects to, whose address must hold no needs, fit or criteria.
     */
    private String search(org.springframework.mock.web.MockHttpSession session, String... params) throws Exception {
        var form = post("/places").with(csrf()).session(session);
        for (int i = 0; i < params.length; i += 2) {
            form.param(params[i], params[i + 1]);
        }
        String location = mvc.perform(form).andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/places?").doesNotContain("needs", "fit=", "criterion", "wheelchair", "hearing_loop");
        return mvc.perform(get(location).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aMemberAddsAPlaceWithTheFormAndItsPageShowsTheVerdictInWords() throws Exception {
        var result = mvc.perform(post("/places/new").with(csrf()).session(member)
                        .param("name", "Café 🌈 des Arts").param("category", "café").param("city", "Montpellier")
                        .param("lat", "43.61").param("lon", "3.877")
                        .param("answers[step_free_entrance]", "yes").param("answers[door_width]", "90"))
                .andExpect(redirectedUrlPattern("/places/*")).andReturn();
        String url = result.getResponse().getRedirectedUrl();
        mvc.perform(get(url).session(member))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<h1>Café 🌈 des Arts</h1>"),
                        Matchers.containsString("Fauteuil roulant : Accessible"),
                        Matchers.containsString("Entrée de plain-pied"),
                        Matchers.containsString("Porte de 90 cm"),
                        Matchers.containsString("Ajouté par un membre de Rampe, licence CC BY-SA 4.0"))));
    }

    @Test
    void aPlaceFormWithMistakesKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/places/new").with(csrf()).session(member).param("name", "").param("category", "boulangerie")
                        .param("city", "Nulle-Part-Sur-Mer").param("answers[door_width]", "large"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Ajouter un lieu – Rampe</title>"),
                        Matchers.containsString("Saisissez le nom du lieu."),
                        Matchers.containsString("Cette réponse n’est pas valable pour ce critère."),
                        Matchers.containsString("value=\"boulangerie\""))));
        assertThat(placeCount()).isZero();
    }

    @Test
    void confirmingACriterionReplacesTheMembersAnswerAndKeepsTheOldOne() throws Exception {
        var id = place("Pharmacie de la Comédie", 0, Map.of(Criterion.ENTRANCE_STEPS, "2"));
        mvc.perform(post("/places/" + id + "/answers").with(csrf()).session(member)
                        .param("criterion", "entrance_steps").param("value", "0").param("comment", "Refait en 2026"))
                .andExpect(redirectedUrl("/places/" + id + "#criterion-entrance_steps"));
        var view = places.view(id).orElseThrow();
        assertThat(view.consensus().get(Criterion.ENTRANCE_STEPS).value()).isEqualTo("0");
        assertThat(view.consensus().get(Criterion.ENTRANCE_STEPS).agree()).isEqualTo(1);
        long history = graph.count("MATCH (:Member {id: $m})-[:GAVE]->(a:Answer {criterion: 'entrance_steps'}) RETURN count(a) AS n",
                Map.of("m", memberId));
        assertThat(history).isEqualTo(2);

        mvc.perform(get("/places/" + id).session(member)); // reads the "saved" message left by the first answer
        var refused = mvc.perform(post("/places/" + id + "/answers").with(csrf()).session(member).param("criterion", "door_width")
                        .param("value", "wide").param("comment", "porte à double battant"))
                .andExpect(redirectedUrl("/places/" + id + "#answer-door_width")).andReturn();
        assertThat(refused.getFlashMap().get("answerTyped")).isEqualTo("wide");
        mvc.perform(get("/places/" + id).session(member))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Cette réponse n’est pas valable pour ce critère."),
                        Matchers.containsString("value=\"wide\""),
                        Matchers.containsString("value=\"porte à double battant\""),
                        Matchers.containsString("aria-invalid=\"true\""))));
        assertThat(places.view(id).orElseThrow().consensus().get(Criterion.DOOR_WIDTH).known()).isFalse();
    }

    @Test
    void visitorsReadPlacesButMustSignInToAnswer() throws Exception {
        var id = place("Pharmacie", 0, Map.of());
        mvc.perform(get("/places/" + id)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Connectez-vous pour confirmer")));
        mvc.perform(post("/places/" + id + "/answers").with(csrf()).param("criterion", "lift").param("value", "yes"))
                .andExpect(redirectedUrl("/signin"));
        mvc.perform(get("/places/not-a-uuid")).andExpect(status().isNotFound());
        mvc.perform(get("/places/" + java.util.UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void searchListsNearestFirstWithTheVerdictForTheChosenNeedsAndPagesWithoutRepeats() throws Exception {
        place("Loin", 1500, Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "90"));
        place("Près", 100, Map.of(Criterion.ENTRANCE_STEPS, "2", Criterion.RAMP, "none"));
        place("Milieu", 700, Map.of());
        place("Hors rayon", 5000, Map.of());

        var visitor = new org.springframework.mock.web.MockHttpSession();
        String html = search(visitor, "lat", "43.6085", "lon", "3.88", "radius", "2000", "needs", "wheelchair");
        assertThat(html).contains("3 lieux trouvés");
        assertThat(html.indexOf(">Près<")).isLessThan(html.indexOf(">Milieu<"));
        assertThat(html.indexOf(">Milieu<")).isLessThan(html.indexOf(">Loin<"));
        assertThat(html).contains("2 marches à l’entrée, sans rampe").doesNotContain("Hors rayon");

        assertThat(search(visitor, "lat", "43.6085", "lon", "3.88", "needs", "wheelchair", "fit", "fits"))
                .contains(">Loin<").doesNotContain(">Près<");
        // A place whose verdict changes moves in or out of the fitting places at once.
        var pres = graph.one("MATCH (p:Place {name: 'Près'}) RETURN p.id AS id", Map.of(), r -> r.get("id").asString()).orElseThrow();
        places.answer(new PlaceId(pres), memberId, Criterion.RAMP, "fixed", "");
        places.answer(new PlaceId(pres), memberId, Criterion.DOOR_WIDTH, "90", "");
        assertThat(search(visitor, "lat", "43.6085", "lon", "3.88", "needs", "wheelchair", "fit", "fits"))
                .contains(">Loin<", ">Près<");
        places.answer(new PlaceId(pres), memberId, Criterion.RAMP, "none", "");
        assertThat(search(visitor, "lat", "43.6085", "lon", "3.88", "needs", "wheelchair", "fit", "fits_or_partly"))
                .doesNotContain(">Près<");

        List<String> names = new ArrayList<>();
        String next = "/api/places?lat=43.6085&lon=3.88&radius=2000&size=1";
        while (next != null) {
            var body = mvc.perform(get(next)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            var json = new tools.jackson.databind.ObjectMapper().readTree(body);
            json.get("features").forEach(f -> names.add(f.get("properties").get("name").asString()));
            next = json.has("next") ? json.get("next").asString().replaceFirst("^https?://[^/]+", "") : null;
        }
        assertThat(names).containsExactly("Près", "Milieu", "Loin");
    }

    @Test
    void placesAtTheSameSpotArePagedOnceEachNearestFirst() throws Exception {
        for (int i = 0; i < 5; i++) {
            place("Même adresse " + i, 300, Map.of());
        }
        place("Tout près", 20, Map.of());
        place("Plus loin", 900, Map.of());
        for (String search : List.of("lat=43.6085&lon=3.88&radius=2000", "bbox=3.87,43.60,3.89,43.62")) {
            for (int size : new int[] {1, 2, 3}) {
                List<String> names = new ArrayList<>();
                List<Double> distances = new ArrayList<>();
                String next = "/api/places?" + search + "&size=" + size;
                while (next != null) {
                    var body = mvc.perform(get(next)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
                    var json = new tools.jackson.databind.ObjectMapper().readTree(body);
                    json.get("features").forEach(f -> {
                        names.add(f.get("properties").get("name").asString());
                        distances.add(f.get("properties").get("distance").asDouble());
                    });
                    next = json.has("next") ? json.get("next").asString().replaceFirst("^https?://[^/]+", "") : null;
                }
                assertThat(names).as(search + ", pages of " + size).hasSize(7).doesNotHaveDuplicates();
                assertThat(distances).as(search).isSorted();
                if (search.startsWith("lat")) {
                    assertThat(names.getFirst()).isEqualTo("Tout près");
                    assertThat(names.getLast()).isEqualTo("Plus loin");
                }
            }
        }
    }

    /** Every address a page links to, posts to or loads. */
    private static List<String> addresses(String html) {
        return java.util.regex.Pattern.compile("(?:href|action|src|data-[a-z-]+-url)=\"([^\"]*)\"").matcher(html).results()
                .map(m -> m.group(1).replace("&amp;", "&")).toList();
    }

    private static void assertNoNeedsIn(List<String> addresses) {
        assertThat(addresses).isNotEmpty().allSatisfy(a -> assertThat(a)
                .doesNotContain("needs=", "needsChosen", "wheelchair", "fit=", "criterion=", "step_free_entrance"));
    }

    @Test
    void chosenNeedsNeverTravelInAnAddressYetResultsPagesAndTheApiStayFiltered() throws Exception {
        for (int i = 0; i < 22; i++) {
            place("Accessible " + i, 50 + i * 20, Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "90"));
        }
        place("Marches", 10, Map.of(Criterion.ENTRANCE_STEPS, "2", Criterion.RAMP, "none"));
        var visitor = new org.springframework.mock.web.MockHttpSession();

        // The form posts; the answer's Location holds where, never needs, fit or criteria.
        var posted = mvc.perform(post("/places").with(csrf()).session(visitor).param("near", "").param("q", "")
                        .param("lat", "43.6085").param("lon", "3.88").param("radius", "2000")
                        .param("needs", "wheelchair").param("fit", "fits_or_partly").param("criterion", "step_free_entrance"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse();
        assertNoNeedsIn(List.of(posted.getHeader("Location")));

        String first = mvc.perform(get(posted.getHeader("Location")).session(visitor)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(first).contains("20 premiers lieux", ">Accessible 0<", "value=\"wheelchair\" checked=\"checked\"")
                .doesNotContain(">Marches<").containsPattern("<form method=\"post\" action=\"/places\"[^>]*role=\"search\"");
        assertNoNeedsIn(addresses(first));

        // The next page, by its link: still filtered, still no needs in any address.
        String more = addresses(first).stream().filter(a -> a.contains("after=")).findFirst().orElseThrow();
        String second = mvc.perform(get(more).session(visitor)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(second).contains(">Accessible 21<").doesNotContain(">Marches<", ">Accessible 0<");
        assertNoNeedsIn(addresses(second));

        // The JSON API in the same session: the session's needs, and a next link without them.
        String json = mvc.perform(get("/api/places?lat=43.6085&lon=3.88&radius=2000&size=5").session(visitor))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var tree = new tools.jackson.databind.ObjectMapper().readTree(json);
        assertThat(tree.toString()).doesNotContain("\"Marches\"");
        assertThat(tree.get("features").get(0).get("properties").get("verdict").get("level").asString()).isEqualTo("accessible");
        assertNoNeedsIn(List.of(tree.get("next").asString()));

        // An address from before that still carries needs: remembered, and answered at a clean address.
        var fresh = new org.springframework.mock.web.MockHttpSession();
        var old = mvc.perform(get("/places?lat=43.6085&lon=3.88&needs=wheelchair&fit=fits&needsChosen=1").session(fresh))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse();
        assertNoNeedsIn(List.of(old.getHeader("Location")));
        assertThat(mvc.perform(get(old.getHeader("Location")).session(fresh)).andReturn().getResponse().getContentAsString())
                .contains(">Accessible 0<").doesNotContain(">Marches<");
    }

    @Test
    void aMemberWhoNeverWantsMapsGetsTheListAlone() throws Exception {
        place("Pharmacie", 0, Map.of());
        mvc.perform(get("/places").param("lat", "43.6085").param("lon", "3.88"))
                .andExpect(content().string(Matchers.containsString("id=\"place-map\"")));
        mvc.perform(get("/places").param("lat", "43.6085").param("lon", "3.88")
                        .cookie(new jakarta.servlet.http.Cookie("rampe_display", "t100.c0.f0.m0.h1")))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString(">Pharmacie<"),
                        Matchers.not(Matchers.containsString("id=\"place-map\"")))));
    }

    @Test
    void searchNearATownFindsItWithoutTypingCoordinates() throws Exception {
        place("Pharmacie Centrale", 0, Map.of(Criterion.ACCESSIBLE_TOILET, "yes"));
        mvc.perform(get("/places").param("near", "montpellier"))
                .andExpect(content().string(Matchers.containsString("Pharmacie Centrale")));
        mvc.perform(get("/places").param("near", "Atlantis"))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Trouver un lieu – Rampe</title>"),
                        Matchers.containsString("Nous ne trouvons pas « Atlantis »"),
                        Matchers.containsString("value=\"Atlantis\""))));
        assertThat(search(new org.springframework.mock.web.MockHttpSession(), "near", "montpellier", "criterion", "hearing_loop"))
                .contains("Aucun lieu ne correspond");
        mvc.perform(get("/places").param("near", "montpellier").param("q", "centrale"))
                .andExpect(content().string(Matchers.containsString("Pharmacie Centrale")));
    }

    @Test
    void theApiAnswersGeoJsonWithVerdictsAndCriteria() throws Exception {
        place("Pharmacie", 50, Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "85"));
        mvc.perform(get("/api/places").param("lat", "43.6085").param("lon", "3.88").param("radius", "500").param("needs", "wheelchair")
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/geo+json"))
                .andExpect(jsonPath("$.type").value("FeatureCollection"))
                .andExpect(jsonPath("$.features[0].geometry.type").value("Point"))
                .andExpect(jsonPath("$.features[0].geometry.coordinates[0]").value(3.88))
                .andExpect(jsonPath("$.features[0].properties.criteria.door_width").value("85"))
                .andExpect(jsonPath("$.features[0].properties.verdicts.wheelchair").value("accessible"))
                .andExpect(jsonPath("$.features[0].properties.verdict.reasons[1]").value("85 cm door"))
                .andExpect(jsonPath("$.features[0].properties.source.licence").value("CC BY-SA 4.0"));
        mvc.perform(get("/api/places").param("bbox", "3.87,43.60,3.89,43.62"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.count").value(1));
    }

    @Test
    void badApiParametersGetAProblemDetailNeverA500() throws Exception {
        for (String query : List.of("lat=91&lon=3", "lat=abc&lon=3", "lat=43&lon=3&radius=999999", "lat=43&lon=3&radius=-1",
                "bbox=1,2,3", "bbox=3,43,1,44", "bbox=0,0,5,5", "lat=43&lon=3&size=100000", "lat=43&lon=3&needs=flying",
                "lat=43&lon=3&after=garbage", "lat=43&lon=3&criterion=door_width", "", "q=%F0%9F%98%80&lat=43&lon=3&fit=sometimes")) {
            mvc.perform(get("/api/places?" + query))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(400))
                    .andExpect(jsonPath("$.errors[0].parameter").isString());
        }
    }

    @Test
    void reportingAPlaceTwiceKeepsOneOpenReport() throws Exception {
        var id = place("Pharmacie", 0, Map.of());
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/places/" + id + "/report").with(csrf()).session(member).param("reason", "closed").param("text", "Fermée depuis mars"))
                    .andExpect(redirectedUrl("/places/" + id));
        }
        mvc.perform(post("/places/" + id + "/report").with(csrf()).session(member).param("reason", "whatever"))
                .andExpect(redirectedUrl("/places/" + id + "#report"));
        long reports = graph.count("MATCH (:Place {id: $id})<-[:ABOUT]-(r:PlaceReport {status: 'open'}) RETURN count(r) AS n",
                Map.of("id", id.value()));
        assertThat(reports).isEqualTo(1);
    }

    @Test
    void administratorsWorkThroughThePlaceReportsQueue() throws Exception {
        var id = place("Pharmacie fermée", 0, Map.of());
        mvc.perform(post("/places/" + id + "/report").with(csrf()).session(member).param("reason", "closed").param("text", "Rideau baissé"));
        mvc.perform(get("/moderation/places").session(member)).andExpect(status().isForbidden());

        var admin = members.signUp(newMember(ADMIN_HANDLE).named("Admin").withEmail("admin@example.org"));
        String queue = mvc.perform(get("/moderation/places").session(admin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(queue).contains("Pharmacie fermée", "Rideau baissé", "Signalé par @lou");
        String reportId = graph.one("MATCH (r:PlaceReport) RETURN r.id AS id", Map.of(), r -> r.get("id").asString()).orElseThrow();
        mvc.perform(post("/moderation/places/" + reportId).with(csrf()).session(admin).param("outcome", "closed_place"))
                .andExpect(redirectedUrl("/moderation/places"));
        assertThat(places.view(id).orElseThrow().details().summary().closed()).isTrue();
        mvc.perform(get("/moderation/places").session(admin))
                .andExpect(content().string(Matchers.containsString("Aucun signalement en attente.")));
    }

    private long placeCount() {
        return graph.count("MATCH (p:Place) RETURN count(p) AS n", Map.of());
    }
}
