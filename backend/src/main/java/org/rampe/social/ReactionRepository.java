package org.rampe.social;

import java.util.Map;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.rampe.graph.Graph;
import org.rampe.social.Conversation.Outcome;
import org.springframework.stereotype.Repository;

/**
 * Reactions in the graph: {@code (:Member)-[:REACTED {reaction, at}]->(:Post|:Comment)}, one per
 * member and reaction. A reaction is checked (the post readable, no block with the comment's
 * author) and toggled in one transaction.
 */
@Repository
class ReactionRepository {

    private final Graph graph;

    ReactionRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * How a toggle came out: whom to tell ({@code owner}, the author of what was reacted to), the
     * post it concerns, and whether the reaction was added (not taken back).
     */
    record Toggled(Outcome outcome, String owner, String post, boolean added) {
    }

    /** Adds the reaction if the member had not chosen it on a post they may read, removes it otherwise. */
    Toggled toggleOnPost(String post, String member, Reaction reaction) {
        return graph.inWrite(tx -> {
            var owner = tx.run("""
                    MATCH (author:Member)-[:POSTED]->(p:Post {id: $post})
                    WHERE %s
                    RETURN author.id AS id""".formatted(PostReadability.byReaderId("p", "author", "viewer")),
                    Graph.params("post", post, "viewer", member))
                    .list(r -> r.get("id").asString());
            if (owner.isEmpty()) {
                return new Toggled(Outcome.NOT_FOUND, null, null, false);
            }
            return new Toggled(Outcome.DONE, owner.getFirst(), post, toggle(tx, Content.POST, post, member, reaction));
        });
    }

    /**
     * The same for a comment: its post must be readable, and no block between the member and the
     * comment's author. A comment across a block is not found, as an unknown one (a block is
     * invisible: a 403 would confirm it); a deleted comment is refused.
     */
    Toggled toggleOnComment(String comment, String member, Reaction reaction) {
        return graph.inWrite(tx -> {
            var found = tx.run("""
                    MATCH (c:Comment {id: $comment})-[:ON]->(p:Post)<-[:POSTED]-(author:Member)
                    WHERE %s
                    OPTIONAL MATCH (w:Member)-[:WROTE]->(c)
                    WITH p, c, w
                    WHERE w IS NULL OR NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(w) }
                    RETURN p.id AS post, w.id AS owner, c.deletedAt IS NULL AND w IS NOT NULL AS allowed"""
                    .formatted(PostReadability.byReaderId("p", "author", "viewer")),
                    Graph.params("comment", comment, "viewer", member)).list();
            if (found.isEmpty()) {
                return new Toggled(Outcome.NOT_FOUND, null, null, false);
            }
            Record r = found.getFirst();
            if (!r.get("allowed").asBoolean()) {
                return new Toggled(Outcome.FORBIDDEN, null, r.get("post").asString(), false);
            }
            return new Toggled(Outcome.DONE, r.get("owner").asString(), r.get("post").asString(),
                    toggle(tx, Content.COMMENT, comment, member, reaction));
        });
    }

    private static boolean toggle(TransactionContext tx, Content content, String id, String member, Reaction reaction) {
        long removed = tx.run("MATCH (:Member {id: $member})-[r:REACTED {reaction: $reaction}]->(:" + content.label + " {id: $id}) "
                + "DELETE r RETURN count(*) AS n", Map.of("member", member, "reaction", reaction.key(), "id", id))
                .single().get("n").asLong();
        if (removed > 0) {
            return false;
        }
        tx.run("MATCH (m:Member {id: $member}), (x:" + content.label + " {id: $id}) "
                + "MERGE (m)-[r:REACTED {reaction: $reaction}]->(x) ON CREATE SET r.at = datetime()",
                Map.of("member", member, "reaction", reaction.key(), "id", id)).consume();
        return true;
    }
}
