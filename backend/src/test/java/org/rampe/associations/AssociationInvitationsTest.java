package org.rampe.associations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 17: a representative can no longer make any member a representative without their consent.
 * Adding becomes an invitation the member is told of, and accepts or declines on their own page;
 * representatives see it waiting and may withdraw it.
 */
class AssociationInvitationsTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    MockHttpSession ana;
    MockHttpSession bob;
    MockHttpSession eve;
    String slug;

    @BeforeEach
    void anAssociationRepresentedByAna() throws Exception {
        ana = members.signUp("ana");
        bob = members.signUp("bob");
        eve = members.signUp("eve");
        String location = mvc.perform(post("/associations/new").with(csrf()).session(ana).param("name", "Club des Sourds")
                .param("description", "Rencontres en LSF.")).andReturn().getResponse().getRedirectedUrl();
        slug = location.substring("/associations/".length());
    }

    private MockHttpServletResponse send(MockHttpSession session, String path, String... params) throws Exception {
        return sent(session, path, params).getResponse();
    }

    private MvcResult sent(MockHttpSession session, String path, String... params) throws Exception {
        var request = post(path).with(csrf()).session(session);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn();
    }

    private MockHttpServletResponse page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andReturn().getResponse();
    }

    private boolean represents(String handle) {
        return graph.exists("""
                MATCH (:Member {handle: $h})-[:REPRESENTS]->(:Association {slug: $s}) RETURN true""", Map.of("h", handle, "s", slug));
    }

    private void invite(String handle) throws Exception {
        assertThat(send(ana, "/associations/" + slug + "/representatives", "handle", "@" + handle).getRedirectedUrl())
                .isEqualTo("/associations/" + slug + "/edit#representatives");
    }

    @Test
    void theInvitedMemberIsNotARepresentativeUntilTheyAccept() throws Exception {
        invite("bob");
        assertThat(represents("bob")).as("invited only").isFalse();
        assertThat(page(bob, "/associations/" + slug + "/edit").getStatus()).isEqualTo(403);
        assertThat(page(ana, "/associations/" + slug + "/edit").getContentAsString())
                .contains("id=\"invitations\"").contains("(@bob)").contains("/associations/" + slug + "/invitations/withdraw");

        assertThat(page(bob, "/notifications").getContentAsString()).contains("vous invite à représenter l’association")
                .contains("/associations/" + slug + "/invitation");
        assertThat(page(bob, "/associations/" + slug).getContentAsString()).contains("/associations/" + slug + "/invitation");
        var invitation = page(bob, "/associations/" + slug + "/invitation");
        assertThat(invitation.getStatus()).isEqualTo(200);
        assertThat(invitation.getContentAsString()).contains("Club des Sourds").contains("/invitation/accept").contains("/invitation/decline");

        assertThat(send(bob, "/associations/" + slug + "/invitation/accept").getRedirectedUrl()).isEqualTo("/associations/" + slug);
        assertThat(represents("bob")).isTrue();
        assertThat(page(bob, "/associations/" + slug + "/edit").getStatus()).isEqualTo(200);
        assertThat(page(bob, "/associations/" + slug + "/invitation").getStatus()).as("answered").isEqualTo(404);
        assertThat(graph.count("MATCH ()-[i:INVITED_TO_REPRESENT]->() RETURN count(i)", Map.of())).isZero();
    }

    @Test
    void anotherMemberCannotSeeNorAnswerSomeoneElsesInvitation() throws Exception {
        invite("bob");
        assertThat(page(eve, "/associations/" + slug + "/invitation").getStatus()).isEqualTo(404);
        assertThat(send(eve, "/associations/" + slug + "/invitation/accept").getStatus()).isEqualTo(404);
        assertThat(send(eve, "/associations/" + slug + "/invitation/decline").getStatus()).isEqualTo(404);
        assertThat(send(ana, "/associations/" + slug + "/invitation/accept").getStatus()).as("not even the inviter").isEqualTo(404);
        assertThat(page(bob, "/associations/nope/invitation").getStatus()).isEqualTo(404);
        assertThat(represents("eve")).isFalse();
        assertThat(represents("bob")).isFalse();
        assertThat(graph.count("MATCH (:Member {handle: 'bob'})-[i:INVITED_TO_REPRESENT]->() RETURN count(i)", Map.of())).isOne();
    }

    @Test
    void theInvitedMemberDeclinesAndARepresentativeWithdraws() throws Exception {
        invite("bob");
        assertThat(send(bob, "/associations/" + slug + "/invitation/decline").getRedirectedUrl()).isEqualTo("/associations/" + slug);
        assertThat(represents("bob")).isFalse();
        assertThat(page(bob, "/associations/" + slug + "/invitation").getStatus()).isEqualTo(404);

        invite("eve");
        assertThat(send(eve, "/associations/" + slug + "/invitations/withdraw", "handle", "eve").getStatus())
                .as("only representatives withdraw").isEqualTo(403);
        assertThat(send(ana, "/associations/" + slug + "/invitations/withdraw", "handle", "eve").getRedirectedUrl())
                .isEqualTo("/associations/" + slug + "/edit#invitations");
        assertThat(page(eve, "/associations/" + slug + "/invitation").getStatus()).isEqualTo(404);
        assertThat(send(eve, "/associations/" + slug + "/invitation/accept").getStatus()).isEqualTo(404);
        assertThat(represents("eve")).isFalse();
    }

    @Test
    void aMemberWhoBlocksTheInviterIsAnsweredAsAnUnknownHandle() throws Exception {
        graph.write("MATCH (a:Member {handle: 'bob'}), (b:Member {handle: 'ana'}) CREATE (a)-[:BLOCKS {since: datetime()}]->(b)", Map.of());
        var blocked = sent(ana, "/associations/" + slug + "/representatives", "handle", "bob");
        var unknown = sent(ana, "/associations/" + slug + "/representatives", "handle", "nobody_here");
        assertThat(blocked.getFlashMap().get("notice")).isEqualTo(unknown.getFlashMap().get("notice"))
                .isEqualTo("association.representative.unknown");
        assertThat(graph.count("MATCH ()-[i:INVITED_TO_REPRESENT]->() RETURN count(i)", Map.of())).isZero();
    }
}
