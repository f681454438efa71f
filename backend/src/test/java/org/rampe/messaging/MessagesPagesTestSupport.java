package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What the tests of the messaging pages share: three members signed up through the form (Ana and
 * Léo in French, Zoé in English), a direct conversation started from a profile, and the page and
 * send requests, through MockMvc.
 */
abstract class MessagesPagesTestSupport extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Messaging messaging;

    SocialFixtures social;
    MockHttpSession ana;
    MockHttpSession leo;
    MockHttpSession zoe;

    @BeforeEach
    void threeMembers() throws Exception {
        social = new SocialFixtures(graph, events);
        ana = members.signUp("ana");
        leo = members.signUp("leo");
        zoe = members.signUp(newMember("zoe").speaking("en"));
        everyoneTakesMessages();
    }

    /** Ana starts a direct conversation with Léo from his profile; its id. */
    String direct() throws Exception {
        var r = mvc.perform(post("/members/leo/message").with(csrf()).session(ana)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(r.getRedirectedUrl()).startsWith("/messages/");
        return r.getRedirectedUrl().substring("/messages/".length());
    }

    MockHttpServletResponse page(String path, MockHttpSession session) throws Exception {
        var request = get(path);
        if (session != null) {
            request = request.session(session);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    MockHttpServletResponse send(MockHttpSession session, String conversation, String clientId, String text) throws Exception {
        return mvc.perform(post("/messages/" + conversation).with(csrf()).session(session)
                .param("clientId", clientId).param("text", text)).andReturn().getResponse();
    }

    long messages() {
        return graph.count("MATCH (x:Message) RETURN count(x)", Map.of());
    }
}
