package org.rampe.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.rampe.TestMembers;
import org.rampe.images.ImageStore;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

/**
 * Issue 17: evidence its author cannot destroy. Each report keeps what it saw (text and a copy of
 * the images); moderators read those versions beside the current state; the author's erasure and
 * the decisions' retention take them.
 */
class ModerationSnapshotTest extends ModerationTestSupport {

    @Autowired
    ImageStore images;

    @Autowired
    DecisionRetention retention;

    private String postWithImage(MockHttpSession author, String text, String alt) throws Exception {
        String url = mvc.perform(multipart("/posts").file(new MockMultipartFile("images[0]", "r.png", "image/png", TestImages.png(40, 30)))
                .with(csrf()).session(author).param("text", text).param("alts[0]", alt)).andReturn().getResponse().getRedirectedUrl();
        assertThat(url).startsWith("/posts/");
        return url.substring("/posts/".length());
    }

    private MockHttpServletResponse get(MockHttpSession session, String path) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path).session(session)).andReturn().getResponse();
    }

    private Element caseItem(MockHttpSession session, String path, String caseId) throws Exception {
        var response = get(session, path);
        assertThat(response.getStatus()).isEqualTo(200);
        return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8)).getElementById("case-" + caseId);
    }

    private List<String> snapshotImages(String caseId) {
        return graph.list("""
                MATCH (:Case {id: $c})-[:SNAPSHOT]->(s:CaseSnapshot)-[:KEPT_IMAGE]->(i:SnapshotImage)
                RETURN i.id AS id ORDER BY s.at""", params("c", caseId), r -> r.get("id").asString());
    }

    @Test
    void eachReportKeepsTheVersionItSawAndModeratorsReadItBesideWhatIsThereNowEvenOnceDeleted() throws Exception {
        var ana = members.signUp("ana");
        var bob = members.signUp("bob");
        var cleo = members.signUp("cleo");
        var dan = members.signUp("dan");
        var admin = members.signUp(ADMIN_HANDLE);
        String p = postWithImage(ana, "Première version insultante", "Un dessin injurieux");
        String original = string("MATCH (:Post {id: $p})-[:HAS_IMAGE]->(i:Image) RETURN i.id", "p", p);
        byte[] originalJpeg = images.get(original).orElseThrow();

        report(bob, "post", p, "harassment", "");
        report(cleo, "post", p, "harassment", "");
        String caseId = caseAbout(p);
        assertThat(count("MATCH (:Case {id: $c})-[:SNAPSHOT]->(s:CaseSnapshot) RETURN count(s)", "c", caseId))
                .as("two reports of the same version share one snapshot").isEqualTo(1);
        assertThat(count("MATCH (:Case {id: $c})-[:SNAPSHOT]->(s:CaseSnapshot {reports: 2}) RETURN count(s)", "c", caseId)).isEqualTo(1);

        // The author edits it, a third member reports the new version.
        assertThat(mvc.perform(multipart("/posts/" + p + "/edit").with(csrf()).session(ana).param("text", "Deuxième version adoucie")
                .param("visibility", "public").param("alts[0]", "Un dessin injurieux")).andReturn().getResponse().getStatus()).isEqualTo(302);
        report(dan, "post", p, "harassment", "");
        assertThat(count("MATCH (:Case {id: $c})-[:SNAPSHOT]->(s:CaseSnapshot) RETURN count(s)", "c", caseId)).isEqualTo(2);
        List<String> copies = snapshotImages(caseId);
        assertThat(copies).hasSize(2).doesNotContain(original).doesNotHaveDuplicates();

        // Then deletes it: its image file goes, the copies stay.
        assertThat(mvc.perform(post("/posts/" + p + "/delete").with(csrf()).session(ana)).andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(images.get(original)).isEmpty();
        copies.forEach(copy -> assertThat(images.get(copy)).isPresent());

        Element item = caseItem(admin, "/moderation", caseId);
        var then = item.selectFirst(".case-then");
        assertThat(then.select("h5")).hasSize(2);
        assertThat(then.select("h5").get(0).text()).startsWith("Version 1, signalée le").endsWith("(2 signalements)");
        assertThat(then.select("h5").get(1).text()).startsWith("Version 2").endsWith("(1 signalement)");
        assertThat(then.select("blockquote").eachText()).containsExactly("Première version insultante", "Deuxième version adoucie");
        assertThat(then.select("figure.case-snapshot-image img").eachAttr("alt")).containsExactly("Un dessin injurieux", "Un dessin injurieux");
        assertThat(then.selectFirst("figure.case-snapshot-image img").attr("src"))
                .isEqualTo("/moderation/cases/" + caseId + "/snapshots/" + copies.getFirst() + ".jpg");
        assertThat(item.selectFirst(".case-now h4").text()).isEqualTo("Aujourd’hui");
        assertThat(item.selectFirst(".case-now .case-gone").text()).isEqualTo("Supprimé par son auteur depuis le signalement.");

        // The copy is served to the moderators of the case only.
        String route = "/moderation/cases/" + caseId + "/snapshots/" + copies.getFirst() + ".jpg";
        var served = get(admin, route);
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getContentType()).isEqualTo("image/jpeg");
        assertThat(served.getHeader("Cache-Control")).contains("private");
        assertThat(served.getContentAsByteArray()).isEqualTo(originalJpeg);
        assertThat(get(bob, route).getStatus()).as("a reporter").isEqualTo(404);
        assertThat(get(ana, route).getStatus()).as("the author").isEqualTo(404);
        assertThat(get(admin, "/moderation/cases/" + caseId + "/snapshots/not-an-id.jpg").getStatus()).isEqualTo(404);
        assertThat(get(admin, "/moderation/cases/" + caseId + "/snapshots/" + original + ".jpg").getStatus())
                .as("only the case's own copies").isEqualTo(404);
    }

    @Test
    void aReportedPostIsShownAsItWasAndAsItIsNowInEnglishToo() throws Exception {
        var ana = members.signUp("ana");
        var bob = members.signUp("bob");
        var admin = members.signUp(ADMIN_HANDLE);
        String p = writePost("ana", "Texte d’origine", null);
        report(bob, "post", p, "spam", "");
        cypher("MATCH (p:Post {id: $p}) SET p.text = 'Texte modifié'", "p", p);
        String caseId = caseAbout(p);
        var response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/moderation").session(admin)
                .cookie(new jakarta.servlet.http.Cookie("rampe_lang", "en"))).andReturn().getResponse();
        Element item = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8)).getElementById("case-" + caseId);
        assertThat(item.selectFirst(".case-then h4").text()).isEqualTo("When it was reported");
        assertThat(item.selectFirst(".case-then blockquote").text()).isEqualTo("Texte d’origine");
        assertThat(item.selectFirst(".case-now h4").text()).isEqualTo("Now");
        assertThat(item.selectFirst(".case-now blockquote").text()).isEqualTo("Texte modifié");
        assertThat(ana).isNotNull();
    }

    @Test
    void erasingTheAuthorWithRemoveTakesTheSnapshotsTextAndImagesAndTheRetentionTheRest() throws Exception {
        var ana = members.signUp("ana");
        var eve = members.signUp("eve");
        var bob = members.signUp("bob");
        var admin = members.signUp(ADMIN_HANDLE);
        String p = postWithImage(ana, "Les mots d’Ana", "Une image d’Ana");
        String q = postWithImage(eve, "Les mots d’Eve", "Une image d’Eve");
        report(bob, "post", p, "spam", "");
        report(bob, "post", q, "spam", "");
        String anaCase = caseAbout(p);
        String eveCase = caseAbout(q);
        String anaCopy = snapshotImages(anaCase).getFirst();
        String eveCopy = snapshotImages(eveCase).getFirst();
        String anaId = members.idOf("ana");
        String eveId = members.idOf("eve");

        assertThat(mvc.perform(post("/account/delete").with(csrf()).session(ana).param("choice", "remove")
                .param("password", TestMembers.PASSWORD)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(mvc.perform(post("/account/delete").with(csrf()).session(eve).param("choice", "keep")
                .param("password", TestMembers.PASSWORD)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/");

        // Remove: the words and the image go now; the snapshot says so.
        assertThat(count("MATCH (s:CaseSnapshot) WHERE s.authorId IN [$a, $e] RETURN count(s)", "a", anaId, "e", eveId)).isZero();
        assertThat(string("MATCH (:Case {id: $c})-[:SNAPSHOT]->(s:CaseSnapshot) RETURN s.text", "c", anaCase)).isEmpty();
        assertThat(snapshotImages(anaCase)).isEmpty();
        assertThat(images.get(anaCopy)).isEmpty();
        var item = caseItem(admin, "/moderation", anaCase);
        assertThat(item.selectFirst(".case-then").text()).contains("Texte et images effacés avec le compte de leur auteur.")
                .doesNotContain("Les mots d’Ana");
        // Keep: the post stays under the former member, and so does what the report saw, for the decisions' time.
        assertThat(string("MATCH (:Case {id: $c})-[:SNAPSHOT]->(s:CaseSnapshot) RETURN s.text", "c", eveCase)).isEqualTo("Les mots d’Eve");
        assertThat(images.get(eveCopy)).isPresent();

        // The retention: 18 months after the erasure, the snapshots go with their files.
        assertThat(retention.purge(Instant.now().plus(30, ChronoUnit.DAYS))).isZero();
        assertThat(count("MATCH (s:CaseSnapshot) RETURN count(s)")).isEqualTo(2);
        retention.purge(Instant.now().plus(DecisionRetention.KEPT_MONTHS * 31L + 1, ChronoUnit.DAYS));
        assertThat(count("MATCH (s:CaseSnapshot) RETURN count(s)")).isZero();
        assertThat(count("MATCH (i:SnapshotImage) RETURN count(i)")).isZero();
        assertThat(images.get(eveCopy)).isEmpty();
    }

    @Test
    void aCaseDeletedByTheRetentionTakesItsSnapshotsAndTheirFiles() throws Exception {
        var ana = members.signUp("ana");
        var bob = members.signUp("bob");
        var admin = members.signUp(ADMIN_HANDLE);
        String p = postWithImage(ana, "À garder", "Une photo");
        report(bob, "post", p, "spam", "");
        String caseId = caseAbout(p);
        String copy = snapshotImages(caseId).getFirst();
        assertThat(decide(admin, caseId, "warn", null)).isEqualTo(302);
        cypher("MATCH (d:Decision)-[:ON]->(:Case {id: $c}) SET d.purgeAfter = datetime() - duration({days: 1})", "c", caseId);
        assertThat(retention.purge(Instant.now())).isEqualTo(1);
        assertThat(count("MATCH (c:Case {id: $c}) RETURN count(c)", "c", caseId)).isZero();
        assertThat(count("MATCH (s:CaseSnapshot) RETURN count(s)")).isZero();
        assertThat(images.get(copy)).isEmpty();
    }
}
