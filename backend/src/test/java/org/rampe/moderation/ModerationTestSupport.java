package org.rampe.moderation;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Groups, memberships and group posts written with Cypher as the groups feature writes them
 * (graph-schema README, issue 5's agreed model); members come from {@code members}.
 */
abstract class ModerationTestSupport extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    org.rampe.site.RateLimits limits;

    @Autowired
    Reports reports;

    @Autowired
    Decisions decisions;

    @Autowired
    Appeals appeals;

    static Map<String, Object> params(Object... pairs) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put((String) pairs[i], pairs[i + 1]);
        }
        return p;
    }

    void cypher(String query, Object... pairs) {
        graph.write(query, params(pairs));
    }

    long count(String query, Object... pairs) {
        return graph.count(query, params(pairs));
    }

    String string(String query, Object... pairs) {
        return graph.one(query, params(pairs), r -> r).orElseThrow().get(0).asString(null);
    }

    void age(String handle, int days) {
        cypher("MATCH (m:Member {handle: $h}) SET m.createdAt = datetime() - duration({days: $d})", "h", handle, "d", days);
    }

    /**
     * Gives the member the history of an established member (issue 17): a verified address and
     * {@link Reports#TRUSTED_CONTRIBUTIONS} posts published on as many different days; their age is
     * set apart ({@link #age}).
     */
    void history(String handle) {
        members.verifyEmail(handle);
        for (int i = 0; i < Reports.TRUSTED_CONTRIBUTIONS; i++) {
            String p = writePost(handle, "Contribution " + i, null);
            cypher("MATCH (p:Post {id: $p}) SET p.createdAt = datetime() - duration({days: $d})", "p", p, "d", 5 + i * 2);
        }
    }

    String group(String name, String kind, boolean publicAuditLog, String rules) {
        String id = UUID.randomUUID().toString();
        cypher("""
                CREATE (:Group {id: $id, slug: $slug, name: $name, description: '', rules: $rules, kind: $kind,
                                publicAuditLog: $pal, createdAt: datetime()})""",
                "id", id, "slug", name.toLowerCase().replace(' ', '-'), "name", name, "rules", rules, "kind", kind, "pal", publicAuditLog);
        return id;
    }

    void memberOf(String handle, String group, String role) {
        cypher("""
                MATCH (m:Member {handle: $h}), (g:Group {id: $g})
                MERGE (m)-[r:MEMBER_OF]->(g) SET r.role = $role, r.since = datetime()
                FOREACH (_ IN CASE WHEN $role = 'owner' THEN [1] ELSE [] END | MERGE (m)-[:OWNS_GROUP]->(g))""",
                "h", handle, "g", group, "role", role);
    }

    void banned(String handle, String group) {
        cypher("""
                MATCH (m:Member {handle: $h}), (g:Group {id: $g})
                OPTIONAL MATCH (m)-[o:MEMBER_OF]->(g) DELETE o
                MERGE (m)-[r:BANNED_FROM]->(g) SET r.at = datetime(), r.until = null""", "h", handle, "g", group);
    }

    String writePost(String handle, String text, String group) {
        String id = UUID.randomUUID().toString();
        cypher("""
                MATCH (m:Member {handle: $h})
                CREATE (m)-[:POSTED]->(p:Post {id: $id, text: $text, contentWarning: '', language: 'fr',
                                               visibility: CASE WHEN $g IS NULL THEN 'public' ELSE 'group' END, createdAt: $at})
                WITH p
                OPTIONAL MATCH (g:Group {id: $g})
                FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | CREATE (p)-[:IN_GROUP]->(g))""",
                "h", handle, "id", id, "text", text, "g", group, "at", Instant.now().atOffset(ZoneOffset.UTC));
        return id;
    }

    String comment(String handle, String post, String text) {
        String id = UUID.randomUUID().toString();
        cypher("""
                MATCH (m:Member {handle: $h}), (p:Post {id: $p})
                CREATE (m)-[:WROTE]->(:Comment {id: $id, text: $text, createdAt: datetime()})-[:ON]->(p)""",
                "h", handle, "p", post, "id", id, "text", text);
        return id;
    }

    /** Reports through the form; returns where it redirected. */
    String report(MockHttpSession session, String kind, String id, String reason, String text) throws Exception {
        return mvc.perform(post("/report").with(csrf()).session(session).param("kind", kind).param("id", id)
                .param("reason", reason).param("text", text)).andReturn().getResponse().getRedirectedUrl();
    }

    String caseAbout(String targetId) {
        return string("MATCH (c:Case {targetId: $t, status: 'open'}) RETURN c.id", "t", targetId);
    }

    /** Decides through the form; returns the response's status (302 when done). */
    int decide(MockHttpSession session, String caseId, String action, String days) throws Exception {
        var request = post("/moderation/cases/" + caseId + "/decision").with(csrf()).session(session)
                .param("action", action).param("rule", "Règle 1 : respect").param("reason", "Raison claire");
        if (days != null) {
            request.param("days", days);
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    String lastDecision(String caseId) {
        return string("MATCH (d:Decision)-[:ON]->(:Case {id: $c}) RETURN d.id ORDER BY d.at DESC LIMIT 1", "c", caseId);
    }
}
