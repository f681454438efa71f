package org.rampe.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.rampe.TestArchives;
import org.rampe.members.Erasure;
import org.rampe.members.MemberData;
import org.rampe.members.MemberId;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 16 for groups and associations: what the archive says of a member's groups and
 * associations, and what their erasure does to the groups they own, foreseen group by group.
 */
class GroupsErasureTest extends GroupTestSupport {

    @Autowired
    List<MemberData> features;

    MemberData feature(String name) {
        return features.stream().filter(f -> f.covers().feature().equals(name)).findFirst().orElseThrow();
    }

    void erase(String member) {
        var erasure = new Erasure(new MemberId(member), Erasure.Choice.ANONYMISE, Instant.now());
        for (String name : List.of("social", "groups", "associations", "feed", "notifications")) {
            feature(name).erase(erasure);
        }
        graph.write("MATCH (m:Member {id: $id}) DETACH DELETE m", Map.of("id", member));
    }

    List<String> foresee(String member, Locale locale) {
        return feature("groups").foresee(new MemberId(member), locale);
    }

    void since(String handle, String groupId, String when) {
        cypher("MATCH (:Member {handle: $h})-[r:MEMBER_OF]->(:Group {id: $g}) SET r.since = datetime($when)",
                "h", handle, "g", groupId, "when", when);
    }

    String association(String name, String... representatives) {
        String id = java.util.UUID.randomUUID().toString();
        cypher("""
                CREATE (:Association {id: $id, slug: toLower($name), name: $name, description: 'd', contact: '', website: '',
                                      verified: false, createdAt: datetime()})""", "id", id, "name", name);
        int day = 1;
        for (String r : representatives) {
            cypher("MATCH (m:Member {handle: $h}), (a:Association {id: $id}) CREATE (m)-[:REPRESENTS {since: datetime($since)}]->(a)",
                    "h", r, "id", id, "since", "2026-0" + day++ + "-01T00:00:00Z");
        }
        return id;
    }

    @Test
    void aGroupGoesToItsLongestStandingModeratorWhoIsNamedBeforehand() throws Exception {
        String ana = members.create("ana");
        members.create("lea");
        members.create("max");
        String g = group("marcheurs", "private", "ana", Map.of("lea", "moderator", "max", "moderator"));
        since("lea", g, "2026-01-01T00:00:00Z");
        since("max", g, "2026-03-01T00:00:00Z");

        assertThat(foresee(ana, Locale.FRENCH)).containsExactly(
                "Votre groupe « Groupe marcheurs » sera confié à @lea, qui le modère depuis le plus longtemps.");
        assertThat(foresee(ana, Locale.ENGLISH)).containsExactly(
                "Your group “Groupe marcheurs” will be handed over to @lea, its longest-standing moderator.");
        erase(ana);

        assertThat(string("MATCH (:Member {handle: 'lea'})-[r:MEMBER_OF]->(:Group {id: $g}) RETURN r.role", "g", g)).isEqualTo("owner");
        assertThat(string("MATCH (m:Member)-[:OWNS_GROUP]->(:Group {id: $g}) RETURN m.handle", "g", g)).isEqualTo("lea");
        assertThat(string("MATCH (:Member {handle: 'max'})-[r:MEMBER_OF]->(:Group {id: $g}) RETURN r.role", "g", g)).isEqualTo("moderator");
        assertThat(count("MATCH (g:Group {id: $g}) WHERE g.archivedAt IS NOT NULL RETURN count(g)", "g", g)).isZero();
    }

    @Test
    void withoutModeratorAnAssociationsGroupGoesToItsRepresentative() throws Exception {
        String ana = members.create("ana");
        members.create("rita");
        members.create("sam");
        members.create("tom");
        String a = association("Handi Sport", "ana", "rita", "sam");
        String g = group("sport", "public", "ana", Map.of("tom", "member"));
        cypher("MATCH (m:Member {handle: 'ana'})-[o:OWNS_GROUP]->(g:Group {id: $g}), (a:Association {id: $a}) DELETE o CREATE (a)-[:OWNS_GROUP]->(g)",
                "g", g, "a", a);

        assertThat(foresee(ana, Locale.FRENCH)).containsExactly(
                "Votre groupe « Groupe sport » sera confié à @rita, qui représente l’association « Handi Sport ».");
        assertThat(feature("associations").foresee(new MemberId(ana), Locale.FRENCH)).isEmpty();
        erase(ana);

        assertThat(string("MATCH (:Member {handle: 'rita'})-[r:MEMBER_OF]->(:Group {id: $g}) RETURN r.role", "g", g)).isEqualTo("owner");
        assertThat(string("MATCH (o)-[:OWNS_GROUP]->(:Group {id: $g}) RETURN o.name", "g", g)).isEqualTo("Handi Sport");
        assertThat(count("MATCH (:Member)-[:REPRESENTS]->(:Association {id: $a}) RETURN count(*)", "a", a)).isEqualTo(2);
    }

    @Test
    void withNobodyToTakeItOverAGroupWithMembersIsArchivedAndReadOnly() throws Exception {
        String ana = members.create("ana");
        var tom = members.signUp("tom");
        var zed = members.signUp("zed");
        String g = group("lecture", "public", "ana", Map.of("tom", "member"));

        assertThat(foresee(ana, Locale.FRENCH)).containsExactly("Votre groupe « Groupe lecture » sera archivé : ses membres pourront "
                + "encore le lire, mais plus personne ne pourra y publier ni le rejoindre.");
        erase(ana);

        assertThat(count("MATCH (g:Group {id: $g}) WHERE g.archivedAt IS NOT NULL RETURN count(g)", "g", g)).isOne();
        assertThat(count("MATCH ()-[:OWNS_GROUP]->(:Group {id: $g}) RETURN count(*)", "g", g)).isZero();
        var page = Jsoup.parse(mvc.perform(get("/groups/lecture").session(tom)).andReturn().getResponse().getContentAsString());
        assertThat(page.select(".notice").text()).contains("Groupe archivé.");
        assertThat(page.select("a[href=/members/]")).isEmpty();
        assertThat(page.select("#post-heading")).as("no form to post").isEmpty();
        mvc.perform(post("/groups/lecture/posts").with(csrf()).session(tom).param("text", "Encore là ?"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/groups/lecture/join").with(csrf()).session(zed)).andExpect(status().isForbidden());
        assertThat(count("MATCH (:Member {handle: 'zed'})-[:MEMBER_OF]->(:Group {id: $g}) RETURN count(*)", "g", g)).isZero();
    }

    @Test
    void aGroupWithNoOtherMemberIsDeletedWithItsPosts() throws Exception {
        String ana = members.create("ana");
        String g = group("solo", "hidden", "ana", Map.of());
        cypher("""
                MATCH (m:Member {handle: 'ana'}), (g:Group {id: $g})
                CREATE (m)-[:POSTED]->(:Post {id: randomUUID(), text: 'Note pour moi', contentWarning: '', language: 'fr',
                                              visibility: 'group', createdAt: datetime()})-[:IN_GROUP]->(g)""", "g", g);

        assertThat(foresee(ana, Locale.FRENCH)).containsExactly(
                "Votre groupe « Groupe solo » sera supprimé avec ses publications : personne d’autre n’en est membre.");
        erase(ana);

        assertThat(count("MATCH (g:Group {id: $g}) RETURN count(g)", "g", g)).isZero();
        assertThat(count("MATCH (p:Post) RETURN count(p)")).isZero();
    }

    @Test
    void aGroupWithOtherOwnersStaysWithThemAndErasingTwiceChangesNothingMore() throws Exception {
        String ana = members.create("ana");
        members.create("bea");
        String g = group("duo", "public", "ana", Map.of("bea", "owner"));

        assertThat(foresee(ana, Locale.FRENCH)).containsExactly("Votre groupe « Groupe duo » restera à ses autres propriétaires.");
        erase(ana);
        erase(ana);

        assertThat(string("MATCH (m:Member)-[:OWNS_GROUP]->(:Group {id: $g}) RETURN m.handle", "g", g)).isEqualTo("bea");
        assertThat(count("MATCH (:Member)-[:MEMBER_OF]->(:Group {id: $g}) RETURN count(*)", "g", g)).isOne();
    }

    @Test
    void theArchiveListsMembershipsInvitationsRequestsOwnedGroupsAndAssociations() throws Exception {
        String ana = members.create("ana");
        members.create("bob");
        String owned = group("jardins", "private", "ana", Map.of());
        String other = group("velo", "private", "bob", Map.of("ana", "moderator"));
        String third = group("cuisine", "private", "bob", Map.of());
        String fourth = group("echecs", "hidden", "bob", Map.of());
        cypher("MATCH (m:Member {handle: 'ana'}), (g:Group {id: $g}) CREATE (m)-[:REQUESTED_JOIN {at: datetime()}]->(g)", "g", third);
        cypher("MATCH (m:Member {handle: 'ana'}), (g:Group {id: $g}), (b:Member {handle: 'bob'}) "
                + "CREATE (m)-[:INVITED_TO {at: datetime(), by: b.id}]->(g)", "g", fourth);
        cypher("MATCH (m:Member {handle: 'bob'}), (g:Group {id: $g}), (a:Member {handle: 'ana'}) "
                + "CREATE (m)-[:INVITED_TO {at: datetime(), by: a.id}]->(g)", "g", owned);
        String a = association("Les Rampes 🦽", "ana");
        cypher("MATCH (m:Member {handle: 'ana'}), (a:Association {id: $a}) CREATE (m)-[:CREATED]->(a), (m)-[:VERIFIED {at: datetime()}]->(a)",
                "a", a);

        var archive = TestArchives.of(ana, feature("groups"), feature("associations"));

        var groups = archive.json("groups.json");
        assertThat(groups.get("format").asInt()).isEqualTo(1);
        assertThat(groups.get("memberships")).hasSize(2);
        var velo = groups.get("memberships").get(0).get("groupId").asString().equals(other)
                ? groups.get("memberships").get(0) : groups.get("memberships").get(1);
        assertThat(velo.get("role").asString()).isEqualTo("moderator");
        assertThat(velo.get("since").asString()).endsWith("Z");
        assertThat(groups.get("joinRequests").get(0).get("groupId").asString()).isEqualTo(third);
        assertThat(groups.get("invitations").get(0).get("groupId").asString()).isEqualTo(fourth);
        assertThat(groups.get("invitations").get(0).get("invitedBy").asString()).isEqualTo("bob");
        assertThat(groups.get("invitationsSent").get(0).get("invited").asString()).isEqualTo("bob");
        assertThat(groups.get("owned").get(0).get("groupId").asString()).isEqualTo(owned);
        var associations = archive.json("associations.json");
        assertThat(associations.get("represented").get(0).get("name").asString()).isEqualTo("Les Rampes 🦽");
        assertThat(associations.get("created").get(0).get("associationId").asString()).isEqualTo(a);
        assertThat(associations.get("verified").get(0).get("at").asString()).endsWith("Z");

        assertThat(feature("associations").foresee(new MemberId(ana), Locale.FRENCH)).containsExactly(
                "L’association « Les Rampes 🦽 » restera sur Rampe, mais sans représentant·e : vous êtes seul·e à la représenter.");
        erase(ana);
        assertThat(count("MATCH (a:Association {id: $a}) RETURN count(a)", "a", a)).isOne();
        assertThat(count("MATCH ()-[i:INVITED_TO]->() WHERE i.by IS NOT NULL AND NOT EXISTS { MATCH (m:Member {id: i.by}) } RETURN count(i)"))
                .as("no invitation names the erased member").isZero();
    }
}
