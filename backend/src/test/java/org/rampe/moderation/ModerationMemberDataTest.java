package org.rampe.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rampe.TestArchives;
import org.rampe.TestMembers;
import org.rampe.members.Erasure;
import org.rampe.members.MemberId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;

import tools.jackson.databind.JsonNode;

/**
 * A member's moderation data in their archive (reports.json, decisions.json) and after their
 * erasure: reports kept as the former member's, decisions kept without their name until
 * purgeAfter, what they did as a moderator attributed to the former member (issue 16).
 */
class ModerationMemberDataTest extends ModerationTestSupport {

    static final String HANDLE = "anouk_erased";
    static final String NAME = "Anouk Ériane";
    static final String REPORT_TEXT = "Propos blessants 😢 — كلام جارح";
    static final String OPEN_REPORT_TEXT = "Encore lui ✋ 再次";
    static final String APPEAL_TEXT = "Ce n’était pas du spam 🙏 — это не спам";

    @Autowired
    ModerationMemberData data;

    @Autowired
    DecisionRetention retention;

    MockHttpSession modo;
    MockHttpSession admin;
    MockHttpSession anouk;
    MockHttpSession bob;
    String anoukId;
    String club;
    String atelier;
    String removal;
    String bobsPost;
    String decidedByAnouk;

    /** Anouk, reported and sanctioned, reporting, appealing, and a moderator of her own group. */
    void story() throws Exception {
        modo = members.signUp("modo");
        admin = members.signUp(ADMIN_HANDLE);
        anouk = members.signUp(TestMembers.newMember(HANDLE).named(NAME));
        bob = members.signUp("bob");
        anoukId = members.idOf(HANDLE);
        club = group("Club", "public", false, "");
        memberOf("modo", club, "moderator");
        memberOf(HANDLE, club, "member");
        memberOf("bob", club, "member");

        // A post of hers removed; she appeals; an administrator upholds it.
        String p1 = writePost(HANDLE, "Achetez mes chaussures", club);
        report(bob, "post", p1, "spam", "");
        String c1 = caseAbout(p1);
        assertThat(decide(modo, c1, "remove", null)).isEqualTo(302);
        removal = lastDecision(c1);
        mvc.perform(post("/decisions/" + removal + "/appeal").with(csrf()).session(anouk).param("text", APPEAL_TEXT));
        mvc.perform(post("/decisions/" + removal + "/review").with(csrf()).session(admin).param("outcome", "upheld")
                .param("reason", "Publicité répétée"));
        // Muted in the group for another post.
        String p2 = writePost(HANDLE, "Encore des chaussures", club);
        report(bob, "post", p2, "spam", "");
        assertThat(decide(modo, caseAbout(p2), "mute", "7")).isEqualTo(302);
        // Reported as a member, warned.
        report(bob, "member", anoukId, "harassment", "Elle insiste");
        assertThat(decide(admin, caseAbout(anoukId), "warn", null)).isEqualTo(302);
        report(modo, "member", anoukId, "spam", ""); // a new case about her account, still open at her erasure

        // Her reports: one decided (hidden), one still open.
        bobsPost = writePost("bob", "Un message de Bob", club);
        report(anouk, "post", bobsPost, "harassment", REPORT_TEXT);
        assertThat(decide(modo, caseAbout(bobsPost), "hide", null)).isEqualTo(302);
        String bobsOther = writePost("bob", "Un autre message de Bob", club);
        report(anouk, "post", bobsOther, "hate", OPEN_REPORT_TEXT);

        // Her own group, where she moderates Bob.
        atelier = group("Atelier", "public", false, "");
        memberOf(HANDLE, atelier, "owner");
        memberOf("bob", atelier, "member");
        String p3 = writePost("bob", "Hors sujet", atelier);
        report(modo, "post", p3, "other", "Hors sujet complet");
        assertThat(decide(anouk, caseAbout(p3), "hide", null)).isEqualTo(302);
        decidedByAnouk = string("MATCH (d:Decision)-[:ON]->(:Case)-[:ABOUT]->(:Post {id: $p}) RETURN d.id", "p", p3);
    }

    @Test
    void theArchiveHoldsTheReportsTheyMadeAndTheDecisionsAboutThemWithoutNamingModeratorsOrReporters() throws Exception {
        story();
        var archive = TestArchives.of(anoukId, data);

        JsonNode reports = archive.json("reports.json");
        assertThat(reports.get("format").asInt()).isEqualTo(1);
        assertThat(reports.get("reports")).hasSize(2);
        JsonNode decided = reports.get("reports").get(0);
        assertThat(decided.get("about").asString()).isEqualTo("post");
        assertThat(decided.get("targetId").asString()).isEqualTo(bobsPost);
        assertThat(decided.get("reason").asString()).isEqualTo("harassment");
        assertThat(decided.get("text").asString()).isEqualTo(REPORT_TEXT);
        assertThat(decided.get("outcome").asString()).isEqualTo("hide");
        assertThat(decided.get("decidedAt").asString()).endsWith("Z");
        JsonNode open = reports.get("reports").get(1);
        assertThat(open.get("text").asString()).isEqualTo(OPEN_REPORT_TEXT);
        assertThat(open.get("status").asString()).isEqualTo("open");
        assertThat(open.get("outcome").isNull()).isTrue();

        JsonNode decisions = archive.json("decisions.json").get("decisions");
        assertThat(decisions).hasSize(3);
        JsonNode removed = decisions.get(0);
        assertThat(removed.get("id").asString()).isEqualTo(removal);
        assertThat(removed.get("action").asString()).isEqualTo("remove");
        assertThat(removed.get("about").asString()).isEqualTo("post");
        assertThat(removed.get("reportReasons").toString()).isEqualTo("[\"spam\"]");
        assertThat(removed.get("rule").asString()).isEqualTo("Règle 1 : respect");
        assertThat(removed.get("explanation").asString()).isEqualTo("Raison claire");
        assertThat(removed.get("appeal").get("text").asString()).isEqualTo(APPEAL_TEXT);
        assertThat(removed.get("appeal").get("outcome").asString()).isEqualTo("upheld");
        assertThat(removed.get("appeal").get("reviewExplanation").asString()).isEqualTo("Publicité répétée");
        assertThat(decisions.get(1).get("action").asString()).isEqualTo("mute");
        assertThat(decisions.get(1).get("until").asString()).endsWith("Z");
        assertThat(decisions.get(2).get("action").asString()).isEqualTo("warn");
        assertThat(decisions.get(2).get("appeal").isNull()).isTrue();

        String both = archive.text("reports.json") + archive.text("decisions.json");
        for (String other : List.of("modo", "bob", ADMIN_HANDLE, members.idOf("modo"), members.idOf("bob"), members.idOf(ADMIN_HANDLE))) {
            assertThat(both).as("never names " + other).doesNotContain(other);
        }
    }

    @Test
    void afterErasureWithRemoveNothingInModerationNamesThemOrHoldsTheirWords() throws Exception {
        erase(Erasure.Choice.REMOVE);
        assertThat(count("MATCH ()-[r:REPORTED]->(:Case) WHERE r.text = $t RETURN count(r)", "t", REPORT_TEXT)).isZero();
        assertThat(count("MATCH (:Member:Former)-[r:REPORTED {reason: 'hate', text: ''}]->(:Case {status: 'open'}) RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void afterErasureWithAnonymiseTheirReportsKeepTheirWordsAsTheFormerMembers() throws Exception {
        erase(Erasure.Choice.ANONYMISE);
        assertThat(count("MATCH (:Member:Former)-[r:REPORTED {reason: 'harassment'}]->(:Case) WHERE r.text = $t RETURN count(r)",
                "t", REPORT_TEXT)).isEqualTo(1);
    }

    private void erase(Erasure.Choice choice) throws Exception {
        story();
        assertThat(count("MATCH (:Member {id: $id})-[s:MUTED_IN]->() RETURN count(s)", "id", anoukId)).isEqualTo(1);
        var erasure = new Erasure(new MemberId(anoukId), choice, Instant.now());
        data.erase(erasure);
        data.erase(erasure); // a second run (after a crash) is harmless
        assertThat(count("MATCH (:Member {id: $id})-[s:MUTED_IN|BANNED_FROM|REPORTED|CONCERNS|APPEALED|DECIDED|ACTED]-() RETURN count(s)",
                "id", anoukId)).isZero();
        cypher("MATCH (m:Member {id: $id}) DETACH DELETE m", "id", anoukId); // as the members module does last
        data.erase(erasure);

        // Nothing in moderation's nodes, nor in any relationship, names her or holds her appeal.
        for (String trace : List.of(anoukId, HANDLE, NAME, HANDLE + "@example.org", APPEAL_TEXT)) {
            assertThat(count("""
                    MATCH (n) WHERE (n:Case OR n:Decision OR n:AuditEntry OR n:Member)
                      AND any(k IN keys(n) WHERE toString(n[k]) CONTAINS $t)
                    RETURN count(n)""", "t", trace)).as(choice + ": nodes holding " + trace).isZero();
            assertThat(count("MATCH ()-[r]->() WHERE any(k IN keys(r) WHERE toString(r[k]) CONTAINS $t) RETURN count(r)", "t", trace))
                    .as(choice + ": relationships holding " + trace).isZero();
        }

        // Decisions about her stay, without her, until 18 months after the erasure.
        Instant purgeAfter = erasure.at().atOffset(java.time.ZoneOffset.UTC).plusMonths(18).toInstant();
        assertThat(count("MATCH (d:Decision) WHERE d.purgeAfter = $p RETURN count(d)", "p", purgeAfter.atOffset(java.time.ZoneOffset.UTC)))
                .isEqualTo(3);
        assertThat(count("MATCH (d:Decision {id: $d})<-[:REVIEWED {outcome: 'upheld'}]-(:Member) RETURN count(d)", "d", removal)).isEqualTo(1);
        assertThat(count("MATCH (c:Case {targetKind: 'member'}) WHERE c.targetId = '' RETURN count(c)")).isEqualTo(2);
        assertThat(page(admin, "/moderation")).as("the open case says its target is gone")
                .contains("Supprimé depuis le signalement").doesNotContain(HANDLE);

        // What she did as a moderator stays, as the former member's.
        assertThat(count("MATCH (:Member:Former)-[:DECIDED]->(d:Decision {id: $d}) RETURN count(d)", "d", decidedByAnouk)).isEqualTo(1);
        var audit = org.jsoup.Jsoup.parse(page(admin, "/moderation/audit"));
        assertThat(audit.select("tbody tr").eachText()).anyMatch(row -> row.contains("Ancien membre"))
                .anyMatch(row -> row.contains("member " + MemberModerationRepository.FORMER_WORDS));
        // Her open report is still in the queue, by a former member; the decisions' pages still open.
        String queue = page(modo, "/moderation/groups/" + club);
        // (Not named to the group's moderators, issue 17: "by a member"; administrators see it is a former member's.)
        assertThat(queue).contains("par un membre (les administrateurs seuls voient qui)").doesNotContain(HANDLE);
        assertThat(page(admin, "/moderation/groups/" + club)).contains("par un ancien membre").doesNotContain(HANDLE);
        assertThat(mvc.perform(get("/decisions/" + removal).session(admin)).andReturn().getResponse().getStatus()).isEqualTo(200);

        // The job leaves them before purgeAfter, deletes them after, with the cases left empty.
        long decisionsBefore = count("MATCH (d:Decision) RETURN count(d)");
        assertThat(retention.purge(purgeAfter.minus(1, ChronoUnit.DAYS))).isZero();
        assertThat(count("MATCH (d:Decision) RETURN count(d)")).isEqualTo(decisionsBefore);
        assertThat(retention.purge(purgeAfter.plus(1, ChronoUnit.DAYS))).isEqualTo(3);
        assertThat(count("MATCH (d:Decision) WHERE d.id = $d RETURN count(d)", "d", removal)).isZero();
        assertThat(count("MATCH (d:Decision) RETURN count(d)")).isEqualTo(decisionsBefore - 3);
        assertThat(count("MATCH (c:Case {targetKind: 'member', status: 'decided'}) RETURN count(c)")).as("its case, left empty").isZero();
        assertThat(count("MATCH (c:Case {targetKind: 'member', status: 'open'}) RETURN count(c)")).as("an open case stays").isEqualTo(1);
        assertThat(count("MATCH (d:Decision {id: $d}) RETURN count(d)", "d", decidedByAnouk)).as("decisions she took stay").isEqualTo(1);
        assertThat(retention.purge(purgeAfter.plus(1, ChronoUnit.DAYS))).isZero();
    }

    private String page(MockHttpSession session, String path) throws Exception {
        var r = mvc.perform(get(path).session(session)).andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.getContentAsString(StandardCharsets.UTF_8);
    }
}
