package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.TransactionContext;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Appeals and their reviews (graph-schema README, "Moderation"): {@code (:Member)-[:APPEALED {text,
 * at}]->(:Decision)}, once, by the member concerned; {@code (:Member)-[:REVIEWED {outcome, reason,
 * at}]->(:Decision)}, an overturned decision's effect undone.
 */
@Repository
class AppealRepository {

    private final Graph graph;

    AppealRepository(Graph graph) {
        this.graph = graph;
    }

    /** Appeals waiting for a review: a group's (group given) or all (null, for administrators). */
    List<DecisionView> pending(String group) {
        return graph.list("""
                MATCH (:Member)-[:APPEALED]->(d:Decision)-[:ON]->(c:Case)
                WHERE NOT EXISTS { (:Member)-[:REVIEWED]->(d) }
                  AND ($group IS NULL OR EXISTS { (c)-[:IN_GROUP]->(:Group {id: $group}) })
                WITH DISTINCT d
                """ + DecisionRepository.DECISION_VIEW + "\nORDER BY appealedAt", params("group", group),
                DecisionRepository::decisionView);
    }

    void appeal(String decisionId, String member, String text) {
        graph.write("""
                MATCH (m:Member {id: $m}), (d:Decision {id: $d})
                MERGE (m)-[a:APPEALED]->(d) ON CREATE SET a.text = $text, a.at = datetime()""",
                params("m", member, "d", decisionId, "text", text));
    }

    /**
     * Records the review; an overturned decision's effect is undone. Writes the audit log
     * ({@code summary} names the target) and tells the member concerned, all in one transaction.
     * {@code target} is the node the decision changed (the target, or a comment's post for a lock).
     */
    void review(DecisionView d, String reviewer, ReviewOutcome outcome, String reason, String target, String summary) {
        graph.inWrite(tx -> {
            Map<String, Object> p = params("d", d.id(), "r", reviewer, "outcome", outcome.key(), "reason", reason,
                    "concerned", d.concernedId(), "group", d.groupId(), "target", target);
            tx.run("""
                    MATCH (r:Member {id: $r}), (d:Decision {id: $d})
                    CREATE (r)-[:REVIEWED {outcome: $outcome, reason: $reason, at: datetime()}]->(d)""", p).consume();
            if (outcome == ReviewOutcome.OVERTURNED) {
                Action.fromKey(d.action()).ifPresent(action -> undo(tx, action, d, p));
            }
            AuditLogRepository.record(tx, reviewer, "appeal_" + outcome.key(), reason, d.targetKind(), d.targetId(), summary,
                    d.groupId());
            if (d.concernedId() != null) {
                DecisionRepository.notify(tx, d.concernedId(), "moderation_appeal", d.id());
            }
            return null;
        });
    }

    private static void undo(TransactionContext tx, Action action, DecisionView d, Map<String, Object> p) {
        switch (action) {
            case HIDE, REMOVE -> tx.run("MATCH (t:" + (d.targetKind().equals(TargetKind.COMMENT.key()) ? "Comment" : "Post")
                    + " {id: $target}) REMOVE t.moderation", p).consume();
            case LOCK -> tx.run("MATCH (t:Post {id: $target}) REMOVE t.locked", p).consume();
            case MUTE -> tx.run("MATCH (:Member {id: $concerned})-[r:MUTED_IN]->(:Group {id: $group}) DELETE r", p).consume();
            // The membership comes back with the role it had.
            case BAN -> tx.run("""
                    MATCH (m:Member {id: $concerned})-[r:BANNED_FROM]->(g:Group {id: $group}), (d:Decision {id: $d})
                    DELETE r
                    MERGE (m)-[o:MEMBER_OF]->(g) ON CREATE SET o.role = coalesce(d.previousRole, 'member'), o.since = datetime()""", p).consume();
            case SUSPEND -> tx.run("MATCH (m:Member {id: $concerned}) REMOVE m.suspendedUntil", p).consume();
            case DISMISS, WARN -> {
            }
        }
    }
}
