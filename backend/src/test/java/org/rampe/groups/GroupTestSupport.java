package org.rampe.groups;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.HashMap;
import java.util.Map;

import org.rampe.RampeTest;
import org.rampe.graph.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Members signed up through the real form, and groups written with Cypher as the model says (graph-schema README, "Groups"). */
abstract class GroupTestSupport extends RampeTest {

    @Autowired
    MockMvc mvc;

    MockHttpSession signUp(String handle) throws Exception {
        return (MockHttpSession) mvc.perform(post("/signup").with(csrf()).param("email", handle + "@example.org")
                        .param("handle", handle).param("displayName", Character.toUpperCase(handle.charAt(0)) + handle.substring(1))
                        .param("password", "a long enough password").param("language", "fr"))
                .andReturn().getRequest().getSession();
    }

    void cypher(String query, Object... pairs) {
        Transactions.write(driver, tx -> tx.run(query, params(pairs)).consume());
    }

    long count(String query, Object... pairs) {
        return Transactions.read(driver, tx -> tx.run(query, params(pairs)).single().get(0).asLong());
    }

    String string(String query, Object... pairs) {
        return Transactions.read(driver, tx -> tx.run(query, params(pairs)).single().get(0).asString());
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return params;
    }

    String idOf(String handle) {
        return string("MATCH (m:Member {handle: $h}) RETURN m.id", "h", handle);
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
