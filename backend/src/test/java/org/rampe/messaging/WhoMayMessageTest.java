package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 17: blocks are invisible when starting a conversation, and "who may message me" (everyone,
 * members I follow and members of my groups — the default —, members I follow, nobody) holds for a
 * first message and for every member put in an ad-hoc chat, while conversations already going on
 * go on. Four members signed up through the form, with no tie between them unless a test makes one.
 */
class WhoMayMessageTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    MockHttpSession ana;
    MockHttpSession leo;
    MockHttpSession zoe;
    MockHttpSession admin;

    @BeforeEach
    void fourMembers() throws Exception {
        ana = members.signUp("ana");
        leo = members.signUp("leo");
        zoe = members.signUp("zoe");
        admin = members.signUp(ADMIN_HANDLE);
    }

    // ---- fixtures and requests -----------------------------------------------------------

    private void cypher(String query, String... pairs) {
        Map<String, Object> params = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        graph.write(query, params);
    }

    private void follows(String follower, String followed) {
        cypher("MATCH (a:Member {handle: $a}), (b:Member {handle: $b}) CREATE (a)-[:FOLLOWS {since: datetime()}]->(b)",
                "a", follower, "b", followed);
    }

    private void blocks(String blocker, String blocked) {
        cypher("MATCH (a:Member {handle: $a}), (b:Member {handle: $b}) CREATE (a)-[:BLOCKS {since: datetime()}]->(b)",
                "a", blocker, "b", blocked);
    }

    private void chooses(String handle, String messagesFrom) {
        cypher("MATCH (m:Member {handle: $h}) SET m.messagesFrom = $v", "h", handle, "v", messagesFrom);
    }

    private void sameGroup(String... handles) {
        String group = UUID.randomUUID().toString();
        cypher("CREATE (:Group {id: $id, slug: $slug, name: 'Randos', kind: 'public', createdAt: datetime()})",
                "id", group, "slug", "randos-" + group.substring(0, 8));
        for (String h : handles) {
            cypher("MATCH (m:Member {handle: $h}), (g:Group {id: $g}) CREATE (m)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)",
                    "h", h, "g", group);
        }
    }

    private MockHttpServletResponse message(MockHttpSession from, String toHandle) throws Exception {
        return mvc.perform(post("/members/" + toHandle + "/message").with(csrf()).session(from)).andReturn().getResponse();
    }

    private MockHttpServletResponse adhoc(MockHttpSession from, String handles) throws Exception {
        return mvc.perform(post("/messages/new").with(csrf()).session(from).param("title", "Sortie").param("handles", handles))
                .andReturn().getResponse();
    }

    private String profile(MockHttpSession viewer, String handle) throws Exception {
        return mvc.perform(get("/members/" + handle).session(viewer)).andReturn().getResponse().getContentAsString();
    }

    /** The error summary of the new-conversation page: what the member is told, without the refilled form. */
    private static String problem(MockHttpServletResponse page) throws Exception {
        String html = page.getContentAsString();
        int start = html.indexOf("error-summary");
        assertThat(start).as("an error summary").isPositive();
        return html.substring(start, html.indexOf("</div>", start));
    }

    private long conversations() {
        return graph.count("MATCH (c:Conversation) RETURN count(c)", Map.of());
    }

    // ---- blocks --------------------------------------------------------------------------

    @Test
    void sendingAMessageToAMemberWhoBlockedYouAnswersAsAnUnknownHandle() throws Exception {
        chooses("leo", "everyone");
        blocks("leo", "ana");
        assertThat(message(ana, "leo").getStatus()).isEqualTo(404).isEqualTo(message(ana, "nobody_here").getStatus());
        assertThat(message(leo, "ana").getStatus()).as("the blocker is not told more").isEqualTo(404);
        assertThat(profile(ana, "zoe")).doesNotContain("/members/leo/message");
        assertThat(conversations()).isZero();
    }

    @Test
    void anAdhocChatWithAMemberWhoBlockedYouNamesNobodyAndSaysWhatAMembersChoiceSays() throws Exception {
        chooses("leo", "everyone");
        chooses("zoe", "everyone");
        blocks("zoe", "ana");
        var blocked = adhoc(ana, "@leo @zoe");
        assertThat(blocked.getStatus()).isEqualTo(200);
        String words = problem(blocked);
        assertThat(words).doesNotContain("zoe").doesNotContain("Zoe").doesNotContain("bloqu");

        cypher("MATCH (:Member)-[b:BLOCKS]->(:Member) DELETE b");
        chooses("zoe", "nobody");
        var refused = adhoc(ana, "@leo @zoe");
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(problem(refused)).as("a block reads as a member's choice").isEqualTo(words);
        assertThat(conversations()).isZero();
    }

    // ---- who may message me --------------------------------------------------------------

    @Test
    void byDefaultMembersOneFollowsAndMembersOfOnesGroupsMayWriteAndNobodyElse() throws Exception {
        assertThat(message(ana, "leo").getStatus()).as("a stranger").isEqualTo(404);
        assertThat(profile(ana, "leo")).doesNotContain("/members/leo/message");

        follows("ana", "leo");
        assertThat(message(ana, "leo").getStatus()).as("Ana follows Léo: not enough").isEqualTo(404);
        follows("leo", "ana");
        assertThat(profile(ana, "leo")).contains("/members/leo/message");
        assertThat(message(ana, "leo").getStatus()).as("Léo follows Ana").isEqualTo(302);

        assertThat(message(zoe, "leo").getStatus()).isEqualTo(404);
        sameGroup("leo", "zoe");
        assertThat(profile(zoe, "leo")).contains("/members/leo/message");
        assertThat(message(zoe, "leo").getStatus()).as("a member of one of Léo's groups").isEqualTo(302);
    }

    @Test
    void eachChoiceLetsInWhomItSays() throws Exception {
        follows("leo", "ana");
        sameGroup("leo", "zoe");

        chooses("leo", "followed");
        assertThat(message(zoe, "leo").getStatus()).as("a group is not enough").isEqualTo(404);
        assertThat(message(ana, "leo").getStatus()).isEqualTo(302);

        chooses("leo", "nobody");
        assertThat(message(zoe, "leo").getStatus()).isEqualTo(404);
        assertThat(profile(zoe, "leo")).doesNotContain("/members/leo/message");
        assertThat(message(admin, "leo").getStatus()).as("administrators are members here").isEqualTo(404);

        chooses("leo", "everyone");
        assertThat(message(admin, "leo").getStatus()).isEqualTo(302);
        assertThat(message(zoe, "leo").getStatus()).isEqualTo(302);
    }

    @Test
    void aConversationAlreadyGoingOnGoesOnWhenTheChoiceChangesLater() throws Exception {
        follows("leo", "ana");
        String c = message(ana, "leo").getRedirectedUrl().substring("/messages/".length());
        chooses("leo", "nobody");

        var sent = mvc.perform(post("/messages/" + c).with(csrf()).session(ana).param("clientId", "1").param("text", "Toujours là ?"))
                .andReturn().getResponse();
        assertThat(sent.getStatus()).as("a reply").isEqualTo(302);
        assertThat(profile(ana, "leo")).as("the conversation is offered again").contains("/members/leo/message");
        assertThat(message(ana, "leo").getRedirectedUrl()).isEqualTo("/messages/" + c);

        mvc.perform(post("/messages/" + c + "/leave").with(csrf()).session(leo));
        assertThat(message(ana, "leo").getStatus()).as("once Léo left, it would be a first message again").isEqualTo(404);
    }

    @Test
    void anAdhocChatAsksEveryMemberPutInIt() throws Exception {
        follows("leo", "ana");
        assertThat(adhoc(ana, "@leo @zoe").getStatus()).as("Zoé does not take messages from Ana").isEqualTo(200);
        assertThat(conversations()).isZero();
        follows("zoe", "ana");
        assertThat(adhoc(ana, "@leo @zoe").getRedirectedUrl()).startsWith("/messages/");
        assertThat(conversations()).isOne();
    }

    @Test
    void theSettingsPageOffersTheFourChoicesAndKeepsTheOneMade() throws Exception {
        String page = mvc.perform(get("/messages/settings").session(leo)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("name=\"messagesFrom\"").contains("value=\"everyone\"").contains("value=\"followed\"")
                .contains("value=\"nobody\"").containsPattern("value=\"contacts\"[^>]*checked");
        var saved = mvc.perform(post("/messages/settings").with(csrf()).session(leo).param("readReceipts", "true")
                .param("presenceVisible", "true").param("messagesFrom", "nobody")).andReturn().getResponse();
        assertThat(saved.getRedirectedUrl()).isEqualTo("/messages/settings");
        assertThat(graph.one("MATCH (m:Member {handle: 'leo'}) RETURN m.messagesFrom AS v", Map.of(), r -> r.get("v").asString()))
                .contains("nobody");
        assertThat(mvc.perform(get("/messages/settings").session(leo)).andReturn().getResponse().getContentAsString())
                .containsPattern("value=\"nobody\"[^>]*checked");
        follows("leo", "ana");
        assertThat(message(ana, "leo").getStatus()).isEqualTo(404);
    }
}
