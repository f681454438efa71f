package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.util.List;

import org.neo4j.driver.TransactionContext;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * The audit log: who did what, when and why. {@code (:AuditEntry {id, at, action, reason, targetKind,
 * targetId, summary})}, {@code (:Member)-[:ACTED]->(:AuditEntry)} (none for what the site did itself,
 * such as an automatic hide), {@code (:AuditEntry)-[:IN_GROUP]->(:Group)} for a group's log (none =
 * the site-wide log). The groups feature writes role changes with the same shape.
 */
@Repository
class AuditLogRepository {

    private final Graph graph;

    AuditLogRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * Writes an entry in the caller's transaction, so that it is kept exactly when what it records is.
     * {@code actor} null = the site; {@code group} null = site-wide.
     */
    static void record(TransactionContext tx, String actor, String action, String reason, String targetKind,
                       String targetId, String summary, String group) {
        tx.run("""
                CREATE (e:AuditEntry {id: randomUUID(), at: datetime(), action: $action, reason: $reason,
                                      targetKind: $targetKind, targetId: $targetId, summary: $summary})
                WITH e
                OPTIONAL MATCH (m:Member {id: $actor})
                OPTIONAL MATCH (g:Group {id: $group})
                FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | CREATE (m)-[:ACTED]->(e))
                FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | CREATE (e)-[:IN_GROUP]->(g))
                """, params("actor", actor, "action", action, "reason", reason == null ? "" : reason,
                "targetKind", targetKind, "targetId", targetId, "summary", summary == null ? "" : summary,
                "group", group)).consume();
    }

    /** A group's log (group given) or every entry, site-wide and groups' (group null, for administrators); newest first. */
    List<AuditLog.Entry> entries(String group, int limit) {
        return graph.list("""
                MATCH (e:AuditEntry)
                WHERE $group IS NULL OR EXISTS { (e)-[:IN_GROUP]->(:Group {id: $group}) }
                WITH e ORDER BY e.at DESC, e.id DESC LIMIT $limit
                OPTIONAL MATCH (m:Member)-[:ACTED]->(e)
                OPTIONAL MATCH (e)-[:IN_GROUP]->(g:Group)
                RETURN e {.*} AS e, m.handle AS handle, m.displayName AS name, g.id AS groupId, g.name AS groupName,
                       coalesce(m:Former, false) AS former
                ORDER BY e.at DESC, e.id DESC
                """, params("group", group, "limit", limit), r -> {
            var e = r.get("e");
            return new AuditLog.Entry(e.get("id").asString(), e.get("at").asZonedDateTime(), e.get("action").asString(),
                    e.get("reason").asString(""), e.get("targetKind").asString(""), e.get("targetId").asString(""),
                    e.get("summary").asString(""), r.get("handle").asString(null), r.get("name").asString(null),
                    r.get("groupId").asString(null), r.get("groupName").asString(null), r.get("former").asBoolean());
        });
    }
}
