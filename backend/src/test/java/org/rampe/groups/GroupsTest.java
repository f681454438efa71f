package org.rampe.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.rampe.XssCorpus;
import org.springframework.mock.web.MockHttpSession;

/** Groups through their pages and forms: creating, joining, requests, invitations, roles, sanctions, and who sees what. */
class GroupsTest extends GroupTestSupport {

    @Test
    void aMemberCreatesAGroupAndOwnsItWithAnAddressFromItsName() throws Exception {
        var ana = members.signUp("ana");
        String slug = createdSlug(ana, "Sourds et malentendants de l’Hérault", "public");
        assertThat(slug).isEqualTo("sourds-et-malentendants-de-l-herault");
        assertThat(count("MATCH (:Member {handle: 'ana'})-[:OWNS_GROUP]->(g:Group {slug: $s}) RETURN count(g)", "s", slug)).isEqualTo(1);
        assertThat(count("MATCH (:Member {handle: 'ana'})-[:MEMBER_OF {role: 'owner'}]->(g:Group {slug: $s}) RETURN count(g)", "s", slug)).isEqualTo(1);
        assertThat(createdSlug(ana, "Sourds et malentendants de l’Hérault", "private")).isEqualTo(slug + "-2");
        assertThat(createdSlug(ana, "New", "public")).isEqualTo("groupe-new");
        mvc.perform(get("/groups/" + slug)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Soyez bienveillants.")));
    }

    @Test
    void aRefusedCreationFormComesBackFilledInWithItsErrorsTied() throws Exception {
        var ana = members.signUp("ana");
        mvc.perform(post("/groups").with(csrf()).session(ana).param("name", "  ").param("kind", "secret").param("rules", "Mes règles 🙂"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Erreur : Créer un groupe"),
                        Matchers.containsString("href=\"#name\""),
                        Matchers.containsString("Donnez un nom au groupe."),
                        Matchers.containsString("aria-describedby=\"name-hint name-error\""),
                        Matchers.containsString("Mes règles 🙂"))));
        assertThat(count("MATCH (g:Group) RETURN count(g)")).isZero();
    }

    @Test
    void aRepresentativeCreatesAGroupForTheirAssociationButNotForAnother() throws Exception {
        var ana = members.signUp("ana");
        cypher("""
                MATCH (m:Member {handle: 'ana'})
                CREATE (m)-[:REPRESENTS {since: datetime()}]->(:Association {id: 'a1', slug: 'apf', name: 'APF France handicap', verified: true})
                CREATE (:Association {id: 'a2', slug: 'other', name: 'Autre', verified: false})""");
        mvc.perform(get("/groups/new").session(ana)).andExpect(content().string(Matchers.containsString("APF France handicap")));
        String location = mvc.perform(post("/groups").with(csrf()).session(ana).param("name", "Groupe APF").param("kind", "public")
                .param("owner", "a1")).andReturn().getResponse().getRedirectedUrl();
        assertThat(count("MATCH (:Association {id: 'a1'})-[:OWNS_GROUP]->(g:Group {slug: 'groupe-apf'}) RETURN count(g)")).isEqualTo(1);
        assertThat(location).isEqualTo("/groups/groupe-apf");
        mvc.perform(post("/groups").with(csrf()).session(ana).param("name", "Pas à moi").param("kind", "public").param("owner", "a2"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Choisissez vous-même ou une association que vous représentez.")));
        assertThat(count("MATCH (g:Group {slug: 'pas-a-moi'}) RETURN count(g)")).isZero();
    }

    @Test
    void joiningAPublicGroupShowsItsRulesFirstAndLetsTheMemberPostAndLeave() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        String slug = createdSlug(ana, "Balades", "public");
        mvc.perform(get("/groups/" + slug + "/join").session(bea))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Soyez bienveillants."),
                        Matchers.containsString("J’accepte les règles et je rejoins le groupe"))));
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(bea)).andExpect(flash().attribute("notice", "group.notice.joined"));
        String location = mvc.perform(post("/groups/" + slug + "/posts").with(csrf()).session(bea).param("text", "Bonjour à tous 👋"))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/posts/");
        String post = location.substring("/posts/".length());
        assertThat(count("MATCH (:Post {id: $p, visibility: 'group'})-[:IN_GROUP]->(:Group {slug: $s}) RETURN count(*)", "p", post, "s", slug)).isEqualTo(1);
        mvc.perform(get("/groups/" + slug)).andExpect(content().string(Matchers.containsString("Bonjour à tous 👋")));
        mvc.perform(post("/groups/" + slug + "/leave").with(csrf()).session(bea)).andExpect(flash().attribute("notice", "group.notice.left"));
        assertThat(count("MATCH (:Member {handle: 'bea'})-[:MEMBER_OF]->(:Group) RETURN count(*)")).isZero();
    }

    @Test
    void anEmptyGroupPostComesBackWithAnErrorTiedToTheField() throws Exception {
        var ana = members.signUp("ana");
        String slug = createdSlug(ana, "Balades", "public");
        mvc.perform(post("/groups/" + slug + "/posts").with(csrf()).session(ana).param("text", "   "))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Écrivez votre publication."),
                        Matchers.containsString("aria-describedby=\"text-hint text-error\""))));
    }

    @Test
    void theLastOwnerCannotLeaveAndIsToldWhyUntilAnotherMemberIsMadeOwner() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        String slug = createdSlug(ana, "Balades", "public");
        mvc.perform(post("/groups/" + slug + "/leave").with(csrf()).session(ana))
                .andExpect(redirectedUrl("/groups/" + slug + "/members"))
                .andExpect(flash().attribute("notice", "group.notice.lastOwner"));
        mvc.perform(get("/groups/" + slug + "/members").session(ana).flashAttr("notice", "group.notice.lastOwner"))
                .andExpect(content().string(Matchers.containsString("vous en êtes le dernier ou la dernière propriétaire")));
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(bea));
        mvc.perform(post("/groups/" + slug + "/members/" + members.idOf("bea") + "/role").with(csrf()).session(ana).param("role", "owner"));
        mvc.perform(post("/groups/" + slug + "/leave").with(csrf()).session(ana)).andExpect(flash().attribute("notice", "group.notice.left"));
    }

    @Test
    void ownersAppointAndRemoveModeratorsAndEachChangeIsAudited() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        String slug = createdSlug(ana, "Balades", "public");
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(bea));
        String bid = members.idOf("bea");
        mvc.perform(post("/groups/" + slug + "/members/" + bid + "/role").with(csrf()).session(ana).param("role", "moderator"))
                .andExpect(flash().attribute("notice", "group.notice.role.moderator"));
        assertThat(string("MATCH (:Member {handle: 'bea'})-[r:MEMBER_OF]->(:Group) RETURN r.role")).isEqualTo("moderator");
        mvc.perform(post("/groups/" + slug + "/members/" + bid + "/role").with(csrf()).session(ana).param("role", "member"));
        assertThat(string("MATCH (:Member {handle: 'bea'})-[r:MEMBER_OF]->(:Group) RETURN r.role")).isEqualTo("member");
        assertThat(count("""
                MATCH (:Member {handle: 'ana'})-[:ACTED]->(e:AuditEntry {targetKind: 'member', targetId: $b})-[:IN_GROUP]->(:Group {slug: $s})
                WHERE e.action IN ['appoint_moderator', 'remove_moderator'] AND e.id IS NOT NULL AND e.at IS NOT NULL
                  AND e.summary CONTAINS '@bea' AND e.reason IS NOT NULL
                RETURN count(e)""", "b", bid, "s", slug)).isEqualTo(2);
        mvc.perform(post("/groups/" + slug + "/members/" + bid + "/role").with(csrf()).session(ana).param("role", "emperor"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anOwnerPublishesASummaryOfTheModerationLogThatVisitorsThenReadWithoutNames() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        String slug = createdSlug(ana, "Entraide", "public");
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(bea));
        mvc.perform(post("/groups/" + slug + "/members/" + members.idOf("bea") + "/role").with(csrf()).session(ana).param("role", "moderator"));
        String id = string("MATCH (g:Group {slug: $s}) RETURN g.id", "s", slug);
        mvc.perform(get("/moderation/groups/" + id + "/audit")).andExpect(status().isForbidden());
        mvc.perform(post("/groups/" + slug + "/audit-log").with(csrf()).session(bea).param("publish", "true"))
                .andExpect(status().isForbidden());

        mvc.perform(post("/groups/" + slug + "/audit-log").with(csrf()).session(ana).param("publish", "true"))
                .andExpect(flash().attribute("notice", "group.notice.auditPublished"));
        assertThat(count("MATCH (g:Group {slug: $s}) WHERE g.publicAuditLog RETURN count(g)", "s", slug)).isEqualTo(1);
        assertThat(count("""
                MATCH (:Member {handle: 'ana'})-[:ACTED]->(e:AuditEntry {action: 'publish_audit_log'})-[:IN_GROUP]->(:Group {slug: $s})
                RETURN count(e)""", "s", slug)).isEqualTo(1);
        String summary = mvc.perform(get("/moderation/groups/" + id + "/audit").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(summary).contains("Moderator appointed").doesNotContain("@bea", "@ana");
        assertThat(mvc.perform(get("/groups/" + slug + "/members").session(ana).header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString()).contains("Keep the log for moderators only");

        mvc.perform(post("/groups/" + slug + "/audit-log").with(csrf()).session(ana).param("publish", "false"));
        assertThat(count("MATCH (g:Group {slug: $s}) WHERE g.publicAuditLog RETURN count(g)", "s", slug)).isEqualTo(0);
    }

    @Test
    void aPrivateGroupsRequestReachesItsModeratorsAndTheApprovalReachesTheRequester() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        var cal = members.signUp("cal");
        String slug = createdSlug(ana, "Entraide", "private");
        String post = groupPost("ana", groupId(slug), "Réservé aux membres");
        mvc.perform(get("/groups/" + slug).session(bea)).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("Seuls les membres du groupe lisent ses publications."),
                Matchers.not(Matchers.containsString("Réservé aux membres")))));
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(bea)).andExpect(flash().attribute("notice", "group.notice.requested"));
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(cal));
        mvc.perform(get("/notifications").session(ana)).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("demande à rejoindre le groupe"), Matchers.containsString("Entraide"))));
        mvc.perform(post("/groups/" + slug + "/requests/" + members.idOf("bea") + "/approve").with(csrf()).session(ana));
        mvc.perform(post("/groups/" + slug + "/requests/" + members.idOf("cal") + "/refuse").with(csrf()).session(ana));
        mvc.perform(get("/notifications").session(bea))
                .andExpect(content().string(Matchers.containsString("a accepté votre demande pour rejoindre le groupe")));
        mvc.perform(get("/posts/" + post).session(bea)).andExpect(status().isOk());
        mvc.perform(get("/posts/" + post).session(cal)).andExpect(status().isNotFound());
        assertThat(count("MATCH (:Member {handle: 'cal'})-[r:MEMBER_OF|REQUESTED_JOIN]->(:Group) RETURN count(r)")).isZero();
    }

    @Test
    void anInvitedMemberSeesTheHiddenGroupIsNotifiedAndAcceptsOrDeclines() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        var cal = members.signUp("cal");
        String slug = createdSlug(ana, "Cercle discret", "hidden");
        mvc.perform(get("/groups/" + slug).session(bea)).andExpect(status().isNotFound());
        mvc.perform(post("/groups/" + slug + "/invitations").with(csrf()).session(ana).param("handle", "@bea"))
                .andExpect(flash().attribute("notice", "group.notice.invited"));
        mvc.perform(post("/groups/" + slug + "/invitations").with(csrf()).session(ana).param("handle", "cal"));
        mvc.perform(post("/groups/" + slug + "/invitations").with(csrf()).session(ana).param("handle", "nobody"))
                .andExpect(flash().attribute("notice", "group.notice.cannotInvite"));
        mvc.perform(get("/notifications").session(bea)).andExpect(content().string(Matchers.allOf(
                Matchers.containsString("vous invite dans le groupe"), Matchers.containsString("Cercle discret"))));
        mvc.perform(get("/groups").session(bea)).andExpect(content().string(Matchers.containsString("Vos invitations")));
        mvc.perform(get("/groups/" + slug + "/join").session(bea)).andExpect(content().string(Matchers.containsString("Soyez bienveillants.")));
        mvc.perform(post("/groups/" + slug + "/invitation/accept").with(csrf()).session(bea));
        mvc.perform(post("/groups/" + slug + "/invitation/decline").with(csrf()).session(cal));
        assertThat(count("MATCH (:Member {handle: 'bea'})-[:MEMBER_OF {role: 'member'}]->(:Group {slug: $s}) RETURN count(*)", "s", slug)).isEqualTo(1);
        mvc.perform(get("/groups/" + slug).session(cal)).andExpect(status().isNotFound());
    }

    @Test
    void mutedMembersNeitherPostNorCommentAndBannedOnesCannotJoinAskOrBeInvited() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        var cal = members.signUp("cal");
        String open = createdSlug(ana, "Ouvert", "public");
        String closed = createdSlug(ana, "Fermé", "private");
        mvc.perform(post("/groups/" + open + "/join").with(csrf()).session(bea));
        String post = groupPost("ana", groupId(open), "Un sujet");
        mute("bea", groupId(open));
        mvc.perform(get("/groups/" + open).session(bea)).andExpect(content().string(Matchers.containsString("Vous ne pouvez ni publier ni commenter")));
        mvc.perform(post("/groups/" + open + "/posts").with(csrf()).session(bea).param("text", "Je parle")).andExpect(status().isForbidden());
        mvc.perform(post("/posts/" + post + "/comments").with(csrf()).session(bea).param("text", "Je commente")).andExpect(status().isForbidden());
        assertThat(count("MATCH (p:Post {text: 'Je parle'}) RETURN count(p)")).isZero();
        assertThat(count("MATCH (c:Comment) RETURN count(c)")).isZero();

        ban("cal", groupId(open));
        ban("cal", groupId(closed));
        mvc.perform(post("/groups/" + open + "/join").with(csrf()).session(cal)).andExpect(status().isForbidden());
        mvc.perform(post("/groups/" + closed + "/join").with(csrf()).session(cal)).andExpect(status().isForbidden());
        mvc.perform(post("/groups/" + closed + "/invitations").with(csrf()).session(ana).param("handle", "cal"))
                .andExpect(flash().attribute("notice", "group.notice.cannotInvite"));
        assertThat(count("MATCH (:Member {handle: 'cal'})-[r:MEMBER_OF|REQUESTED_JOIN|INVITED_TO]->() RETURN count(r)")).isZero();
        // A ban that has ended no longer stops anyone.
        cypher("MATCH (:Member {handle: 'cal'})-[b:BANNED_FROM]->(:Group {slug: $s}) SET b.until = datetime() - duration('PT1M')", "s", open);
        mvc.perform(post("/groups/" + open + "/join").with(csrf()).session(cal)).andExpect(flash().attribute("notice", "group.notice.joined"));
    }

    @Test
    void publicGroupPostsAreReadByEveryoneAndPrivateOnesByMembersOnlyWhateverTheAuthorsFollowers() throws Exception {
        members.signUp("ana");
        var bea = members.signUp("bea");
        cypher("MATCH (a:Member {handle: 'ana'}) SET a.privateAccount = true");
        cypher("MATCH (b:Member {handle: 'bea'}), (a:Member {handle: 'ana'}) CREATE (b)-[:FOLLOWS {since: datetime()}]->(a)");
        String open = group("ouvert", "public", "ana", Map.of());
        String closed = group("ferme", "private", "ana", Map.of());
        String inOpen = groupPost("ana", open, "Dans le groupe public");
        String inClosed = groupPost("ana", closed, "Dans le groupe privé");
        mvc.perform(get("/posts/" + inOpen)).andExpect(status().isOk());
        mvc.perform(get("/posts/" + inClosed).session(bea)).andExpect(status().isNotFound());
        mvc.perform(get("/members/ana/posts").session(bea)).andExpect(content().string(Matchers.not(Matchers.containsString("Dans le groupe privé"))));
        cypher("MATCH (b:Member {handle: 'bea'}), (a:Member {handle: 'ana'}) CREATE (a)-[:BLOCKS {since: datetime()}]->(b)");
        mvc.perform(get("/posts/" + inOpen).session(bea)).andExpect(status().isNotFound());
    }

    @Test
    void aHiddenGroupNeverAppearsInAnyListingSearchFeedOrPageOfANonMember() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        var nina = members.signUp("nina");
        cypher("MATCH (n:Member {handle: 'nina'}), (a:Member) WHERE a.handle IN ['ana', 'bea'] CREATE (n)-[:FOLLOWS {since: datetime()}]->(a)");
        String slug = createdSlug(ana, "Cercle Zéphyr", "hidden");
        mvc.perform(post("/groups/" + slug + "/invitations").with(csrf()).session(ana).param("handle", "bea"));
        mvc.perform(post("/groups/" + slug + "/invitation/accept").with(csrf()).session(bea));
        String location = mvc.perform(post("/groups/" + slug + "/posts").with(csrf()).session(bea).param("text", "Secret zéphyrien"))
                .andReturn().getResponse().getRedirectedUrl();
        String post = location.substring("/posts/".length());
        // Members see it.
        mvc.perform(get("/groups").session(bea)).andExpect(content().string(Matchers.containsString("Cercle Zéphyr")));
        mvc.perform(get("/feed").session(bea)).andExpect(content().string(Matchers.containsString("Secret zéphyrien")));
        for (MockHttpSession outsider : new MockHttpSession[] {nina, null}) {
            for (String path : new String[] {"/groups", "/groups?q=zephyr", "/groups?q=Cercle", "/members?q=zephyr", "/members/bea",
                    "/members/bea/posts", "/members/ana", "/members/ana/posts", "/feed", "/notifications", "/"}) {
                var request = get(path);
                if (outsider != null) {
                    request.session(outsider);
                } else if (path.equals("/feed") || path.equals("/notifications")) {
                    continue;
                }
                String html = mvc.perform(request).andReturn().getResponse().getContentAsString();
                assertThat(html).as(path).doesNotContain("Zéphyr").doesNotContain("zéphyrien").doesNotContain(slug);
            }
            for (String path : new String[] {"/groups/" + slug, "/groups/" + slug + "/members", "/posts/" + post}) {
                var request = get(path);
                if (outsider != null) {
                    request.session(outsider);
                }
                mvc.perform(request).andExpect(status().isNotFound());
            }
        }
        assertThat(count("MATCH (:Member {handle: 'nina'})-[:FEED]->(p:Post {id: $p}) RETURN count(p)", "p", post)).isZero();
    }

    @Test
    void hostileTextInAGroupsNameDescriptionAndRulesIsShownAsText() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        int n = 0;
        for (String hostile : XssCorpus.strings()) {
            String name = hostile.codePoints().limit(70).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            forgetLimits(); // the corpus outgrows a day's new groups (@Limited("groups.new"))
            var result = mvc.perform(post("/groups").with(csrf()).session(ana).param("name", name + " " + n++).param("kind", "public")
                    .param("description", hostile).param("rules", hostile)).andReturn().getResponse();
            assertThat(result.getRedirectedUrl()).as(hostile).startsWith("/groups/");
            String slug = result.getRedirectedUrl().substring("/groups/".length());
            for (String path : new String[] {"/groups/" + slug, "/groups/" + slug + "/join", "/groups/" + slug + "/members", "/groups"}) {
                var response = mvc.perform(get(path).session(bea)).andReturn().getResponse();
                assertThat(response.getStatus()).as(path).isEqualTo(200);
                String html = response.getContentAsString();
                assertThat(XssCorpus.activeContent(html)).as(path + " with " + hostile).isEmpty();
            }
        }
    }

    @Test
    void aMutedOrBannedMemberWhoCommentsInTheGroupIsToldWhyInsteadOfABareErrorPage() throws Exception {
        var ana = members.signUp("ana");
        var bea = members.signUp("bea");
        var cal = members.signUp("cal");
        String slug = createdSlug(ana, "Ouvert", "public");
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(bea));
        mvc.perform(post("/groups/" + slug + "/join").with(csrf()).session(cal));
        String post = groupPost("ana", groupId(slug), "Un sujet");
        mute("bea", groupId(slug));
        ban("cal", groupId(slug));
        mvc.perform(post("/posts/" + post + "/comments").with(csrf()).session(bea).param("text", "Je commente quand même"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Vous êtes rendu·e muet·te dans ce groupe par ses modérateurs"),
                        Matchers.containsString("href=\"#comment-text\""),
                        Matchers.containsString("aria-describedby=\"comment-text-hint comment-text-error\""),
                        Matchers.containsString("Je commente quand même"),
                        Matchers.containsString("Un sujet"))));
        mvc.perform(post("/posts/" + post + "/comments").with(csrf()).session(cal).param("text", "Moi aussi"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.containsString("Vous êtes exclu·e de ce groupe par ses modérateurs")));
        // Someone who simply is not a member still gets the plain refusal.
        var dan = members.signUp("dan");
        mvc.perform(post("/posts/" + post + "/comments").with(csrf()).session(dan).param("text", "Bonjour"))
                .andExpect(status().isForbidden())
                .andExpect(content().string(Matchers.not(Matchers.containsString("par ses modérateurs"))));
        assertThat(count("MATCH (c:Comment) RETURN count(c)")).isZero();
    }
}
