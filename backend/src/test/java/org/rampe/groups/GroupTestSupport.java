package org.rampe.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.HashMap;
import java.util.Map;

import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Groups created through the form, or written with Cypher as the model says (graph-schema README,
 * "Groups"); members come from {@code members}.
 */
abstract class GroupTestSupport extends RampeTest {

    @Autowired
    MockMvc mvc;

    /** Creates a group through the form (with a description and rules); returns its address. */
    String createdSlug(MockHttpSession session, String name, String kind) throws Exception {
        String location = mvc.perform(post("/groups").with(csrf()).session(session).param("name", name).param("kind", kind)
                .param("description", "Pour parler de tout").param("rules", "Soyez bienveillants."))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/groups/");
        return location.substring("/groups/".length());
    }

    String groupId(String slug) {
        return string("MATCH (g:Group {slug: $s}) RETURN g.id", "s", slug);
    }

    void cypher(String query, Object... pairs) {
        graph.write(query, params(pairs));
    }

    long count(String query, Object... pairs) {
        return graph.count(query, params(pairs));
    }

    String string(String query, Object... pairs) {
        return graph.one(query, params(pairs), r -> r.get(0).asString()).orElseThrow();
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return params;
    }

    /**
     * A group of this kind owned by {@code owner} with slug {@code slug}; returns its id. Roles are
     * given as handle → role.
     */
    String group(String slug, String kind, String owner, Map<String, String> roles) {
        String id = java.util.UUID.randomUUID().toString();
        cypher("""
                MATCH (o:Member {handle: $owner})
                CREATE (g:Group {id: $id, slug: $slug, name: 'Groupe ' + $slug, searchName: 'groupe ' + $slug,
                                 description: 'Description de ' + $slug, rules: 'Règle 1 : bienveillance.', kind: $kind,
                                 publicAuditLog: false, createdAt: datetime()})
                CREATE (o)-[:OWNS_GROUP]->(g), (o)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g)
                """, "owner", owner, "id", id, "slug", slug, "kind", kind);
        roles.forEach((handle, role) -> cypher("""
                MATCH (m:Member {handle: $h}), (g:Group {id: $id}) CREATE (m)-[:MEMBER_OF {role: $role, since: datetime()}]->(g)
                """, "h", handle, "id", id, "role", role));
        return id;
    }

    void ban(String handle, String groupId) {
        cypher("""
                MATCH (m:Member {handle: $h}), (g:Group {id: $id})
                OPTIONAL MATCH (m)-[r:MEMBER_OF]->(g) DELETE r
                CREATE (m)-[:BANNED_FROM {at: datetime(), until: null}]->(g)
                """, "h", handle, "id", groupId);
    }

    void mute(String handle, String groupId) {
        cypher("""
                MATCH (m:Member {handle: $h}), (g:Group {id: $id})
                CREATE (m)-[:MUTED_IN {until: datetime() + duration('P1D')}]->(g)
                """, "h", handle, "id", groupId);
    }

    /** A post in the group written with Cypher (no events: not in any feed). */
    String groupPost(String author, String groupId, String text) {
        String id = java.util.UUID.randomUUID().toString();
        cypher("""
                MATCH (m:Member {handle: $h}), (g:Group {id: $g})
                CREATE (m)-[:POSTED]->(:Post {id: $id, text: $text, contentWarning: '', language: 'fr', visibility: 'group',
                                              createdAt: datetime()})-[:IN_GROUP]->(g)
                """, "h", author, "g", groupId, "id", id, "text", text);
        return id;
    }
}
