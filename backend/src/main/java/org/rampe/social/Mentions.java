package org.rampe.social;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.neo4j.driver.TransactionContext;

/**
 * Works out, inside the writing transaction, which {@code @handles} of a post or comment become
 * mentions: the member exists, is not the writer, may read the post, and neither blocks the
 * other. Anything else stays plain text and nobody is told.
 */
final class Mentions {

    private Mentions() {
    }

    /**
     * Replaces the mentions of {@code label} node {@code id} (a post, or a comment of {@code post})
     * with the allowed ones of {@code text}; returns the ids of members mentioned now who were not
     * before (the ones to notify).
     */
    static Set<String> apply(TransactionContext tx, String label, String id, String post, String writer, String text) {
        if (!label.equals("Post") && !label.equals("Comment")) {
            throw new IllegalArgumentException(label);
        }
        Set<String> before = new LinkedHashSet<>(tx.run("MATCH (x:" + label + " {id: $id})-[r:MENTIONS]->(m:Member) "
                + "WITH r, m.id AS mid DELETE r RETURN mid", Map.of("id", id)).list(r -> r.get("mid").asString()));
        Set<String> added = new LinkedHashSet<>();
        for (String handle : PostText.mentions(text)) {
            var target = tx.run("MATCH (m:Member {handle: $handle}) WHERE m.id <> $writer RETURN m.id AS id",
                    Map.of("handle", handle, "writer", writer)).list(r -> r.get("id").asString());
            if (target.isEmpty()) {
                continue;
            }
            Map<String, Object> params = new HashMap<>();
            params.put("post", post);
            params.put("viewer", target.getFirst());
            params.put("writer", writer);
            boolean allowed = tx.run("""
                    MATCH (author:Member)-[:POSTED]->(p:Post {id: $post})
                    WHERE %s
                      AND NOT EXISTS { MATCH (:Member {id: $writer})-[:BLOCKS]-(:Member {id: $viewer}) }
                    RETURN count(p) > 0 AS ok""".formatted(PostReadability.byReaderId("p", "author", "viewer")), params).single().get("ok").asBoolean();
            if (allowed) {
                tx.run("MATCH (x:" + label + " {id: $id}), (m:Member {id: $member}) MERGE (x)-[:MENTIONS]->(m)",
                        Map.of("id", id, "member", target.getFirst())).consume();
                if (!before.contains(target.getFirst())) {
                    added.add(target.getFirst());
                }
            }
        }
        return added;
    }
}
