package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestArchives;
import org.rampe.images.ImageStore;
import org.rampe.images.TestImages;
import org.rampe.members.Erasure;
import org.rampe.members.MemberData;
import org.rampe.members.MemberId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;

class PlacesMemberDataTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Places places;

    @Autowired
    List<MemberData> features;

    @Autowired
    ImageStore store;

    MockHttpSession lou;
    String louId;
    PlaceId cafe;
    PlaceId other;
    String photoId;

    private MemberData placesData() {
        return features.stream().filter(f -> f.covers().feature().equals("places")).findFirst().orElseThrow();
    }

    /** Lou adds a place, edits it, answers twice, reports a place and a photo, uploads a photo; Ana answers too. */
    @BeforeEach
    void louDidEverythingPlacesAllow() throws Exception {
        lou = members.signUp("lou", "Lou Lumière");
        louId = members.idOf("lou");
        String url = mvc.perform(post("/places/new").with(csrf()).session(lou)
                        .param("name", "Café des Arts").param("category", "café").param("city", "Montpellier")
                        .param("lat", "43.61").param("lon", "3.877").param("answers[step_free_entrance]", "no"))
                .andReturn().getResponse().getRedirectedUrl();
        cafe = new PlaceId(url.substring("/places/".length()));
        mvc.perform(post("/places/" + cafe + "/edit").with(csrf()).session(lou).param("name", "Café des Arts et Lettres")
                .param("category", "café").param("city", "Montpellier").param("lat", "43.61").param("lon", "3.877"));
        mvc.perform(post("/places/" + cafe + "/answers").with(csrf()).session(lou).param("criterion", "step_free_entrance")
                .param("value", "yes").param("comment", "Rampe posée par Lou Lumière"));
        var ana = members.signUp("ana", "Ana");
        mvc.perform(post("/places/" + cafe + "/answers").with(csrf()).session(ana).param("criterion", "step_free_entrance")
                .param("value", "yes"));
        other = places.add("Pharmacie", "pharmacie", new Address("", "", "Montpellier"), new GeoPoint(43.6, 3.88),
                members.idOf("ana"), Map.of());
        mvc.perform(post("/places/" + other + "/report").with(csrf()).session(lou).param("reason", "wrong_data")
                .param("text", "Lou Lumière dit : mauvaise adresse"));
        var upload = multipart("/places/{id}/photos", cafe.value());
        upload.file(new MockMultipartFile("file", "photo.png", "image/png", TestImages.png(40, 30)));
        mvc.perform(upload.with(csrf()).session(lou).param("alt", "Rampe à l’entrée").param("group", "entrance")
                .param("licence", "cc_by_sa_4"));
        photoId = graph.one("MATCH (ph:Photo) RETURN ph.id AS id", Map.of(), r -> r.get("id").asString()).orElseThrow();
        // Ana's photo, reported by Lou: Lou's report must lose them, Ana's photo stays.
        var anaUpload = multipart("/places/{id}/photos", other.value());
        anaUpload.file(new MockMultipartFile("file", "photo.png", "image/png", TestImages.png(40, 30)));
        mvc.perform(anaUpload.with(csrf()).session(ana).param("alt", "Vitrine").param("group", "entrance").param("licence", "cc0"));
        String anaPhoto = graph.one("MATCH (:Member {handle: 'ana'})-[:TOOK]->(ph:Photo) RETURN ph.id AS id", Map.of(),
                r -> r.get("id").asString()).orElseThrow();
        mvc.perform(post("/places/{p}/photos/{ph}/report", other.value(), anaPhoto).with(csrf()).session(lou)
                .param("reason", "other").param("text", "Lou Lumière y figure"));
    }

    @Test
    void theArchiveHoldsThePlacesAnswersRevisionsReportsAndPhotosOfTheMember() {
        var archive = TestArchives.of(louId, placesData());
        JsonNode json = archive.json("places.json");

        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.get("placesAdded")).hasSize(1);
        assertThat(json.get("placesAdded").get(0).get("id").asString()).isEqualTo(cafe.value());
        assertThat(json.get("placesAdded").get(0).get("name").asString()).isEqualTo("Café des Arts et Lettres");
        assertThat(Instant.parse(json.get("placesAdded").get(0).get("addedAt").asString())).isBefore(Instant.now());

        JsonNode answers = json.get("answers");
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).get("placeId").asString()).isEqualTo(cafe.value());
        assertThat(answers.get(0).get("placeName").asString()).isEqualTo("Café des Arts et Lettres");
        assertThat(answers.get(0).get("criterion").asString()).isEqualTo("step_free_entrance");
        assertThat(answers.get(0).get("value").asString()).isEqualTo("no");
        assertThat(answers.get(0).get("current").asBoolean()).isFalse();
        assertThat(answers.get(1).get("value").asString()).isEqualTo("yes");
        assertThat(answers.get(1).get("comment").asString()).isEqualTo("Rampe posée par Lou Lumière");
        assertThat(answers.get(1).get("current").asBoolean()).isTrue();
        Instant.parse(answers.get(1).get("givenAt").asString());

        JsonNode revisions = json.get("revisions");
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(1).get("placeId").asString()).isEqualTo(cafe.value());
        Instant.parse(revisions.get(1).get("at").asString());
        JsonNode change = revisions.get(1).get("changes").get(0);
        assertThat(change.get("field").asString()).isEqualTo("name");
        assertThat(change.get("before").asString()).isEqualTo("Café des Arts");
        assertThat(change.get("after").asString()).isEqualTo("Café des Arts et Lettres");

        JsonNode reports = json.get("placeReports");
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).get("placeId").asString()).isEqualTo(other.value());
        assertThat(reports.get(0).get("reason").asString()).isEqualTo("wrong_data");
        assertThat(reports.get(0).get("text").asString()).isEqualTo("Lou Lumière dit : mauvaise adresse");
        assertThat(reports.get(0).get("status").asString()).isEqualTo("open");
        Instant.parse(reports.get(0).get("at").asString());

        JsonNode photoReports = json.get("photoReports");
        assertThat(photoReports).hasSize(1);
        assertThat(photoReports.get(0).get("placeId").asString()).isEqualTo(other.value());
        assertThat(photoReports.get(0).get("photoId").asString()).isNotBlank();
        assertThat(photoReports.get(0).get("reason").asString()).isEqualTo("other");
        assertThat(photoReports.get(0).get("text").asString()).isEqualTo("Lou Lumière y figure");

        JsonNode photos = json.get("photos");
        assertThat(photos).hasSize(1);
        assertThat(photos.get(0).get("placeId").asString()).isEqualTo(cafe.value());
        assertThat(photos.get(0).get("photoId").asString()).isEqualTo(photoId);
        assertThat(photos.get(0).get("alt").asString()).isEqualTo("Rampe à l’entrée");
        Instant.parse(photos.get(0).get("takenAt").asString());
        assertThat(archive.files().get("images/place-photo-" + photoId + ".jpg")).isEqualTo(store.get(photoId).orElseThrow());
        assertThat(archive.text("images/place-photo-" + photoId + ".txt")).isEqualTo("Rampe à l’entrée");
    }

    @ParameterizedTest
    @EnumSource(Erasure.Choice.class)
    void afterErasureTheirAnswersStillCountTheirPhotosAreGoneAndNothingInPlacesNamesThem(Erasure.Choice choice) throws Exception {
        var before = places.view(cafe).orElseThrow().consensus().get(Criterion.STEP_FREE_ENTRANCE);
        assertThat(before.agree()).isEqualTo(2);
        var verdicts = places.view(cafe).orElseThrow().verdicts();

        erase(choice);

        var after = places.view(cafe).orElseThrow().consensus().get(Criterion.STEP_FREE_ENTRANCE);
        assertThat(after.value()).isEqualTo("yes");
        assertThat(after.agree()).isEqualTo(2);
        assertThat(places.view(cafe).orElseThrow().verdicts()).isEqualTo(verdicts);
        assertThat(graph.count("MATCH (p:Place {id: $id}) WHERE p.a_step_free_entrance = 'yes' RETURN count(p) AS n",
                Map.of("id", cafe.value()))).isEqualTo(1);
        assertThat(graph.count("MATCH (p:Place) RETURN count(p) AS n", Map.of())).isEqualTo(2);
        assertThat(graph.count("MATCH (r:Revision) RETURN count(r) AS n", Map.of())).isEqualTo(3);
        assertThat(graph.count("MATCH (r:PlaceReport) RETURN count(r) AS n", Map.of())).isEqualTo(1);
        assertThat(graph.count("MATCH (r:PhotoReport) RETURN count(r) AS n", Map.of())).isEqualTo(1);
        assertThat(graph.count("MATCH (ph:Photo {id: $id}) RETURN count(ph) AS n", Map.of("id", photoId))).isZero();
        assertThat(store.get(photoId)).isEmpty();
        assertThat(graph.count("MATCH (:Member {handle: 'ana'})-[:TOOK]->(ph:Photo) RETURN count(ph) AS n", Map.of())).isEqualTo(1);

        String comment = graph.one("MATCH (a:Answer {value: 'yes', source: 'former'}) RETURN a.comment AS c", Map.of(),
                r -> r.get("c").asString("")).orElseThrow();
        String reportText = graph.one("MATCH (r:PlaceReport) RETURN r.text AS t", Map.of(), r -> r.get("t").asString("")).orElseThrow();
        // An answer stays only as an anonymous vote, whatever the choice: its comment goes.
        assertThat(comment).isEmpty();
        if (choice == Erasure.Choice.REMOVE) {
            assertThat(reportText).isEmpty();
            assertThat(placesProperties()).noneMatch(v -> v.contains("Lou Lumière"));
        } else {
            assertThat(reportText).isEqualTo("Lou Lumière dit : mauvaise adresse");
        }
        assertThat(placesProperties()).noneMatch(v -> v.contains(louId) || v.contains("lou@") || v.equals("lou"));

        String history = mvc.perform(get("/places/" + cafe + "/history")).andReturn().getResponse().getContentAsString();
        assertThat(history).contains("Ancien membre").doesNotContain("/members/lou");
        String queue = mvc.perform(get("/moderation/places").session(members.signUp(
                org.rampe.TestMembers.newMember(ADMIN_HANDLE).withEmail("admin@example.org")))).andReturn().getResponse().getContentAsString();
        assertThat(queue).contains("Pharmacie", "Ancien membre");
    }

    @Test
    void erasingTwiceIsHarmless() throws Exception {
        erase(Erasure.Choice.REMOVE);
        erase(Erasure.Choice.REMOVE);
        assertThat(places.view(cafe).orElseThrow().consensus().get(Criterion.STEP_FREE_ENTRANCE).agree()).isEqualTo(2);
        assertThat(graph.count("MATCH (r:Revision) RETURN count(r) AS n", Map.of())).isEqualTo(3);
    }

    /** What the members module does: every feature's erasure, then the member node itself. */
    private void erase(Erasure.Choice choice) {
        placesData().erase(new Erasure(new MemberId(louId), choice, Instant.now()));
        graph.write("MATCH (m:Member {id: $id}) DETACH DELETE m", Map.of("id", louId));
    }

    /** Every property value of the nodes of places' labels, and of their relationships, as text. */
    private List<String> placesProperties() {
        List<String> values = new ArrayList<>();
        graph.list("""
                MATCH (n) WHERE n:Place OR n:Answer OR n:Revision OR n:PlaceReport OR n:Photo OR n:PhotoReport
                OPTIONAL MATCH (n)-[rel]-()
                RETURN properties(n) AS props, collect(properties(rel)) AS rels""", Map.of(), r -> {
            r.get("props").asMap().values().forEach(v -> values.add(String.valueOf(v)));
            r.get("rels").asList(v -> v.asMap()).forEach(m -> m.values().forEach(v -> values.add(String.valueOf(v))));
            return 0;
        });
        return values;
    }
}
