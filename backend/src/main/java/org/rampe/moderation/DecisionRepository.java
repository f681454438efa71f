package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Decisions on cases (graph-schema README, "Moderation"): {@code (:Member)-[:DECIDED]->(:Decision
 * {id, action, rule, reason, at, until})-[:ON]->(:Case)}, {@code -[:CONCERNS]->(:Member)}, their
 * effect on the target (hidden, removed, locked; a mute, a ban, a suspension) and the member's
 * notification.
 */
@Repository
class DecisionRepository {

    /**
     * A decision to record.
     *
     * @param appliesTo  the node the action changes: the target, or a comment's post for a lock
     * @param concerned  the member the decision concerns, or null
     * @param until      the end of a mute, ban or suspension, or null
     * @param summary    the audit log's words for the target
     */
    record NewDecision(String id, CaseView onCase, String decider, Action action, String rule, String reason,
                       ZonedDateTime until, String concerned, String appliesTo, String summary) {
    }

    private final Graph graph;

    DecisionRepository(Graph graph) {
        this.graph = graph;
    }

    /** The member a decision on the case would concern: the author, the member reported, a group's owning member; or null. */
    String concernedId(String caseId) {
        return graph.one("""
                MATCH (c:Case {id: $id})-[:ABOUT]->(t)
                OPTIONAL MATCH (t)<-[:POSTED|WROTE|SENT]-(a:Member)
                OPTIONAL MATCH (t)<-[:OWNS_GROUP]-(o:Member)
                RETURN CASE WHEN t:Member THEN t.id WHEN t:Group THEN o.id ELSE a.id END AS id""",
                params("id", caseId), r -> r.get("id").asString(null)).orElse(null);
    }

    /**
     * Records the decision and closes its case, applies it, writes the audit log and tells the
     * member concerned (unless it is a dismissal), all in one transaction.
     */
    void record(NewDecision d) {
        CaseView c = d.onCase();
        graph.inWrite(tx -> {
            Map<String, Object> p = params("case", c.id(), "decider", d.decider(), "id", d.id(), "action", d.action().key(),
                    "rule", d.rule(), "reason", d.reason(), "until", d.until() == null ? null : d.until().toOffsetDateTime(),
                    "concerned", d.concerned(), "target", d.appliesTo(), "group", c.groupId());
            tx.run("""
                    MATCH (c:Case {id: $case}), (mod:Member {id: $decider})
                    CREATE (mod)-[:DECIDED]->(d:Decision {id: $id, action: $action, rule: $rule, reason: $reason,
                                                          at: datetime(), until: $until})-[:ON]->(c)
                    SET c.status = 'decided', c.decidedAt = datetime()
                    WITH d
                    OPTIONAL MATCH (m:Member {id: $concerned})
                    FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | CREATE (d)-[:CONCERNS]->(m))""", p).consume();
            apply(tx, d.action(), c.kind(), p);
            AuditLogRepository.record(tx, d.decider(), d.action().key(), d.reason(), c.kind(), c.targetId(), d.summary(), c.groupId());
            if (d.concerned() != null && d.action() != Action.DISMISS) {
                notify(tx, d.concerned(), "moderation_decision", d.id());
            }
            return null;
        });
    }

    private static void apply(TransactionContext tx, Action action, String kind, Map<String, Object> p) {
        String label = kind.equals(TargetKind.COMMENT.key()) ? "Comment" : "Post";
        switch (action) {
            // A dismissal lifts an automatic hide: nobody decided the content breaks a rule.
            case DISMISS -> tx.run("""
                    MATCH (c:Case {id: $case})-[:ABOUT]->(t)
                    WHERE c.autoHidden AND t.moderation = 'hidden'
                    REMOVE t.moderation""", p).consume();
            case HIDE -> tx.run("MATCH (t:" + label + " {id: $target}) SET t.moderation = 'hidden'", p).consume();
            case REMOVE -> tx.run("MATCH (t:" + label + " {id: $target}) SET t.moderation = 'removed'", p).consume();
            case LOCK -> tx.run("MATCH (t:Post {id: $target}) SET t.locked = true", p).consume();
            case MUTE -> tx.run("""
                    MATCH (m:Member {id: $concerned}), (g:Group {id: $group})
                    MERGE (m)-[r:MUTED_IN]->(g) SET r.until = $until""", p).consume();
            case BAN -> tx.run("""
                    MATCH (m:Member {id: $concerned}), (g:Group {id: $group})
                    OPTIONAL MATCH (m)-[o:MEMBER_OF]->(g)
                    MATCH (d:Decision {id: $id})
                    SET d.previousRole = o.role
                    DELETE o
                    MERGE (m)-[r:BANNED_FROM]->(g) SET r.at = datetime(), r.until = $until""", p).consume();
            case SUSPEND -> tx.run("MATCH (m:Member {id: $concerned}) SET m.suspendedUntil = $until", p).consume();
            case WARN -> {
            }
        }
    }

    /** Tells the member of a decision or of the review of their appeal, in the caller's transaction. */
    static void notify(TransactionContext tx, String to, String kind, String decision) {
        tx.run("""
                MATCH (m:Member {id: $to}), (d:Decision {id: $decision})
                CREATE (m)-[:UNREAD]->(n:Notification {id: randomUUID(), kind: $kind, at: datetime()})-[:ABOUT_DECISION]->(d)""",
                params("to", to, "kind", kind, "decision", decision)).consume();
    }

    static final String DECISION_VIEW = """
            MATCH (mod:Member)-[:DECIDED]->(d)-[:ON]->(c:Case)
            OPTIONAL MATCH (d)-[:CONCERNS]->(m:Member)
            OPTIONAL MATCH (c)-[:ABOUT]->(t)
            OPTIONAL MATCH (t)-[:ON]->(cp:Post)
            OPTIONAL MATCH (c)-[:IN_GROUP]->(g:Group)
            OPTIONAL MATCH (:Member)-[a:APPEALED]->(d)
            OPTIONAL MATCH (:Member)-[rv:REVIEWED]->(d)
            RETURN d {.*} AS d, mod.id AS deciderId, mod.handle AS deciderHandle, m.id AS concernedId, m.handle AS concernedHandle,
                   c.targetKind AS kind, c.targetId AS targetId,
                   CASE WHEN t:Post OR t:Comment THEN t.text WHEN t:Member THEN t.displayName ELSE coalesce(t.name, '') END AS text,
                   CASE WHEN t:Post THEN t.id ELSE cp.id END AS post, g.id AS gid, g.name AS gname,
                   a.text AS appealText, a.at AS appealedAt, rv.outcome AS outcome, rv.reason AS reviewReason""";

    Optional<DecisionView> decision(String id) {
        return graph.one("MATCH (d:Decision {id: $id})\n" + DECISION_VIEW, params("id", id), DecisionRepository::decisionView);
    }

    static DecisionView decisionView(Record r) {
        Value d = r.get("d");
        return new DecisionView(d.get("id").asString(), d.get("action").asString(), d.get("rule").asString(""),
                d.get("reason").asString(""), d.get("at").asZonedDateTime(),
                d.get("until").isNull() ? null : d.get("until").asZonedDateTime(),
                r.get("deciderId").asString(), r.get("deciderHandle").asString(""), r.get("concernedId").asString(null),
                r.get("concernedHandle").asString(null), r.get("kind").asString(""), r.get("targetId").asString(""),
                r.get("text").asString(""), r.get("post").asString(null), r.get("gid").asString(null),
                r.get("gname").asString(null), r.get("appealText").asString(null),
                r.get("appealedAt").isNull() ? null : r.get("appealedAt").asZonedDateTime(),
                r.get("outcome").asString(null), r.get("reviewReason").asString(null));
    }
}
