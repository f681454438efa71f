package org.rampe.social;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.neo4j.driver.TransactionContext;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Works out, inside the writing transaction, which {@code @handles} of a post or comment become
 * mentions: the member exists, is not the writer, may read the post, and neither blocks the
 * other. Anything else stays plain text and nobody is told.
 */
@Repository
class MentionRepository {

    /**
     * Replaces the mentions of {@code content} {@code id} (a post, or a comment of {@code post})
     * with the allowed ones of {@code text}; returns the ids of members mentioned now who were not
     * before (the ones to notify). Runs in the caller's transaction.
     */
    Set<String> replace(TransactionContext tx, Content content, String id, String post, String writer, String text) {
        Set<String> before = new LinkedHashSet<>(tx.run("MATCH (x:" + content.label + " {id: $id})-[r:MENTIONS]->(m:Member) "
                + "WITH r, m.id AS mid DELETE r RETURN mid", Map.of("id", id)).list(r -> r.get("mid").asString()));
        Set<String> added = new LinkedHashSet<>();
        for (String handle : PostText.mentions(text)) {
            var target = tx.run("MATCH (m:Member {handle: $handle}) WHERE m.id <> $writer RETURN m.id AS id",
                    Map.of("handle", handle, "writer", writer)).list(r -> r.get("id").asString());
            if (target.isEmpty()) {
                continue;
            }
            boolean allowed = tx.run("""
                    MATCH (author:Member)-[:POSTED]->(p:Post {id: $post})
                    WHERE %s
                      AND NOT EXISTS { MATCH (:Member {id: $writer})-[:BLOCKS]-(:Member {id: $viewer}) }
                    RETURN count(p) > 0 AS ok""".formatted(PostReadability.byReaderId("p", "author", "viewer")),
                    Graph.params("post", post, "viewer", target.getFirst(), "writer", writer)).single().get("ok").asBoolean();
            if (allowed) {
                tx.run("MATCH (x:" + content.label + " {id: $id}), (m:Member {id: $member}) MERGE (x)-[:MENTIONS]->(m)",
                        Map.of("id", id, "member", target.getFirst())).consume();
                if (!before.contains(target.getFirst())) {
                    added.add(target.getFirst());
                }
            }
        }
        return added;
    }
}
