package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/**
 * Issue 17: a block is invisible. What a member does towards someone who blocked them answers as if
 * that someone's things did not exist (404, like an unknown id or handle), never a 403 that would
 * confirm the block.
 */
class BlocksAreInvisibleTest extends SocialTestSupport {

    MockHttpSession ana;
    MockHttpSession leo;
    MockHttpSession zoe;

    @BeforeEach
    void threeMembers() throws Exception {
        ana = members.signUp("ana");
        leo = members.signUp("leo");
        zoe = members.signUp("zoe");
    }

    private int status(MockHttpSession session, String path, String... params) throws Exception {
        var request = post(path).with(csrf()).session(session);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    @Test
    void reactingToACommentOfAMemberWhoBlockedYouAnswersAsAnUnknownComment() throws Exception {
        String post = write(zoe, "Une rampe au marché");
        String comment = comment(leo, post, "Merci !", null);
        String anas = comment(ana, post, "Bonjour", null);
        blocks("leo", "ana");

        assertThat(status(ana, "/comments/" + comment + "/reactions", "reaction", "like"))
                .as("as an unknown comment").isEqualTo(404)
                .isEqualTo(status(ana, "/comments/00000000-0000-0000-0000-000000000000/reactions", "reaction", "like"));
        assertThat(status(leo, "/comments/" + anas + "/reactions", "reaction", "like")).as("nor the other way").isEqualTo(404);
        assertThat(status(zoe, "/comments/" + comment + "/reactions", "reaction", "like")).as("others react").isEqualTo(302);
        assertThat(count("MATCH (:Member)-[r:REACTED]->(:Comment) RETURN count(r)")).isEqualTo(1);
    }

    @Test
    void replyingToACommentOfAMemberWhoBlockedYouAnswersAsAnUnknownComment() throws Exception {
        String post = write(zoe, "Une rampe au marché");
        String comment = comment(leo, post, "Merci !", null);
        blocks("leo", "ana");

        assertThat(status(ana, "/posts/" + post + "/comments", "text", "Réponse", "parent", comment)).isEqualTo(404);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/posts/" + post).session(ana))
                .andReturn().getResponse().getContentAsString()).as("the comment's place says nothing of a block").doesNotContain("blocage");
        assertThat(count("MATCH (c:Comment {text: 'Réponse'}) RETURN count(c)")).isZero();
    }

    @Test
    void followingAMemberWhoBlockedYouAnswersAsAnUnknownMember() throws Exception {
        blocks("leo", "ana");
        assertThat(status(ana, "/members/leo/follow")).isEqualTo(404).isEqualTo(status(ana, "/members/nobody_here/follow"));
        assertThat(status(leo, "/members/ana/follow")).as("nor the blocker towards the member they block").isEqualTo(404);
        assertThat(count("MATCH (:Member)-[f:FOLLOWS|REQUESTED_FOLLOW]->(:Member) RETURN count(f)")).isZero();
    }
}
