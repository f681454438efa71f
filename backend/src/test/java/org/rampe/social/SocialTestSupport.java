package org.rampe.social;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Posts and comments written through the real forms, and the relations of the social model as Cypher fixtures. */
abstract class SocialTestSupport extends RampeTest {

    @Autowired
    MockMvc mvc;

    void cypher(String query, Object... pairs) {
        Map<String, Object> params = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        graph.write(query, params);
    }

    void follows(String follower, String followed) {
        cypher("MATCH (a:Member {handle: $a}), (b:Member {handle: $b}) CREATE (a)-[:FOLLOWS {since: datetime()}]->(b)",
                "a", follower, "b", followed);
    }

    void blocks(String blocker, String blocked) {
        cypher("MATCH (a:Member {handle: $a}), (b:Member {handle: $b}) CREATE (a)-[:BLOCKS {since: datetime()}]->(b)",
                "a", blocker, "b", blocked);
    }

    void privateAccount(String handle) {
        cypher("MATCH (m:Member {handle: $h}) SET m.privateAccount = true", "h", handle);
    }

    long count(String query, Object... pairs) {
        Map<String, Object> params = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return graph.count(query, params);
    }

    /** Writes a post through the form and returns its id. */
    String write(MockHttpSession session, String text, String... more) throws Exception {
        var request = multipart("/posts").with(csrf()).session(session).param("text", text);
        for (int i = 0; i < more.length; i += 2) {
            request.param(more[i], more[i + 1]);
        }
        String location = mvc.perform(request).andReturn().getResponse().getRedirectedUrl();
        if (location == null || !location.startsWith("/posts/")) {
            throw new AssertionError("post refused: " + location);
        }
        return location.substring("/posts/".length());
    }

    String comment(MockHttpSession session, String post, String text, String parent) throws Exception {
        var request = post("/posts/" + post + "/comments").with(csrf()).session(session).param("text", text);
        if (parent != null) {
            request.param("parent", parent);
        }
        String location = mvc.perform(request).andReturn().getResponse().getRedirectedUrl();
        if (location == null || !location.contains("#comment-")) {
            throw new AssertionError("comment refused: " + location);
        }
        return location.substring(location.indexOf("#comment-") + "#comment-".length());
    }
}
