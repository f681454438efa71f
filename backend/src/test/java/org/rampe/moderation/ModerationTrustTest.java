package org.rampe.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * Issue 17, "moderation that cannot be turned against members": who is trusted to hide content by
 * reporting it, reporters unnamed to group moderators, and cases about a group's own moderators
 * kept out of that group's queue.
 */
class ModerationTrustTest extends ModerationTestSupport {

    private String page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private String moderation(String id) {
        return string("MATCH (t {id: $id}) WHERE t:Post OR t:Comment RETURN t.moderation", "id", id);
    }

    /** An account with standing: old enough, a verified address, and posts published on several days. */
    private MockHttpSession established(String handle) throws Exception {
        var session = members.signUp(handle);
        age(handle, Reports.TRUSTED_AGE_DAYS + 10);
        history(handle);
        return session;
    }

    @Test
    void threeNewAccountsThatEachOwnAGroupHideNeitherAPostNorAComment() throws Exception {
        members.signUp("ana");
        String p = writePost("ana", "Un avis qui dérange", null);
        String c = comment("ana", p, "Un commentaire qui dérange");
        for (String handle : new String[] {"troll1", "troll2", "troll3"}) {
            var troll = members.signUp(handle);
            memberOf(handle, group("Groupe de " + handle, "public", false, ""), "owner");
            report(troll, "post", p, "spam", "");
            report(troll, "comment", c, "spam", "");
        }
        assertThat(moderation(p)).as("owning a group one created oneself earns no trust").isNull();
        assertThat(moderation(c)).isNull();
        assertThat(count("MATCH (c:Case) WHERE c.autoHidden RETURN count(c)")).isZero();
    }

    @Test
    void oldAccountsWithoutHistoryOrWithoutAVerifiedAddressAreNotTrustedEither() throws Exception {
        members.signUp("ana");
        String p = writePost("ana", "Un avis qui dérange", null);
        var quiet1 = members.signUp("quiet1");
        var quiet2 = members.signUp("quiet2");
        age("quiet1", 400);
        age("quiet2", 400);
        members.verifyEmail("quiet1");
        members.verifyEmail("quiet2");
        var unverified = established("unverified");
        cypher("MATCH (m:Member {handle: 'unverified'}) REMOVE m.emailVerifiedAt");
        report(quiet1, "post", p, "spam", "");
        report(quiet2, "post", p, "spam", "");
        report(unverified, "post", p, "spam", "");
        assertThat(moderation(p)).isNull();
    }

    @Test
    void establishedMembersTheContentsGroupModeratorsAndAdministratorsStillHide() throws Exception {
        var modo = members.signUp("modo");
        members.signUp("ana");
        String g = group("Parents", "public", false, "");
        memberOf("modo", g, "moderator");
        memberOf("ana", g, "member");
        String p = writePost("ana", "Publicité déguisée", g);
        var established = established("ancienne");
        report(established, "post", p, "spam", "");
        report(modo, "post", p, "spam", "");
        assertThat(moderation(p)).isNull();
        report(members.signUp(ADMIN_HANDLE), "post", p, "spam", "");
        assertThat(moderation(p)).isEqualTo("hidden");

        // A comment outside any group: three established members.
        String other = writePost("ana", "Hors groupe", null);
        String c = comment("ana", other, "Commentaire insultant");
        report(established, "comment", c, "harassment", "");
        report(established("ancien2"), "comment", c, "harassment", "");
        assertThat(moderation(c)).isNull();
        report(established("ancien3"), "comment", c, "harassment", "");
        assertThat(moderation(c)).isEqualTo("hidden");
    }

    @Test
    void theModeratorOfAnotherGroupCountsForNothingInThisOne() throws Exception {
        members.signUp("ana");
        String g = group("Parents", "public", false, "");
        memberOf("ana", g, "member");
        String p = writePost("ana", "Texte", g);
        for (String handle : new String[] {"autre1", "autre2", "autre3"}) {
            var mod = members.signUp(handle);
            String own = group("Autre " + handle, "public", false, "");
            memberOf(handle, own, "moderator");
            memberOf(handle, g, "member");
            report(mod, "post", p, "spam", "");
        }
        assertThat(moderation(p)).isNull();
    }

    @Test
    void reportersAreAnonymousToGroupModeratorsButNotToAdministrators() throws Exception {
        var modo = members.signUp("modo");
        members.signUp("ana");
        var cleo = members.signUp("cleo_reporter");
        String g = group("Parents", "public", false, "");
        memberOf("modo", g, "moderator");
        memberOf("ana", g, "member");
        memberOf("cleo_reporter", g, "member");
        String p = writePost("ana", "Texte signalé", g);
        report(cleo, "post", p, "harassment", "Ça me blesse");

        String queue = page(modo, "/moderation/groups/" + g);
        assertThat(queue).contains("Texte signalé").contains("Ça me blesse").doesNotContain("cleo_reporter")
                .doesNotContain("Cleo_reporter");
        assertThat(reports.queue(g, 10, false).getFirst().reports()).allSatisfy(r -> assertThat(r.reporterHandle()).isNull());
        var admin = members.signUp(ADMIN_HANDLE);
        assertThat(page(admin, "/moderation")).contains("@cleo_reporter");
        assertThat(page(admin, "/moderation/groups/" + g)).contains("@cleo_reporter");
    }

    @Test
    void aCaseAboutAGroupsModeratorOrOwnerGoesToTheSiteQueueOnly() throws Exception {
        var modo = members.signUp("modo");
        var boss = members.signUp("boss");
        var bob = members.signUp("bob");
        String g = group("Parents", "public", false, "");
        memberOf("modo", g, "moderator");
        memberOf("boss", g, "owner");
        memberOf("bob", g, "member");
        String byModo = writePost("modo", "Message du modérateur", g);
        String byBoss = comment("boss", byModo, "Commentaire de la propriétaire");
        report(bob, "post", byModo, "harassment", "");
        report(bob, "comment", byBoss, "harassment", "");

        assertThat(count("MATCH (c:Case)-[:IN_GROUP]->(:Group) RETURN count(c)")).isZero();
        assertThat(page(boss, "/moderation/groups/" + g)).doesNotContain("Message du modérateur");
        assertThat(page(modo, "/moderation/groups/" + g)).doesNotContain("Commentaire de la propriétaire");
        assertThat(reports.queue(g, 10, false)).isEmpty();
        // Neither decides on the other's case: it is not their queue's.
        assertThat(decide(boss, caseAbout(byModo), "dismiss", null)).isEqualTo(403);
        assertThat(decide(modo, caseAbout(byBoss), "dismiss", null)).isEqualTo(403);
        var admin = members.signUp(ADMIN_HANDLE);
        assertThat(page(admin, "/moderation")).contains("Message du modérateur").contains("Commentaire de la propriétaire");
        assertThat(decide(admin, caseAbout(byModo), "hide", null)).isEqualTo(302);

        // A member's content in the same group still goes to the group's queue.
        String byBob = writePost("bob", "Message de Bob", g);
        report(modo, "post", byBob, "spam", "");
        assertThat(page(boss, "/moderation/groups/" + g)).contains("Message de Bob");
    }
}
