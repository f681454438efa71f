package org.rampe.moderation;

import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;
import org.rampe.graph.Transactions;
import org.springframework.stereotype.Component;

/**
 * The audit log: who did what, when and why. {@code (:AuditEntry {id, at, action, reason, targetKind,
 * targetId, summary})}, {@code (:Member)-[:ACTED]->(:AuditEntry)} (none for what the site did itself,
 * such as an automatic hide), {@code (:AuditEntry)-[:IN_GROUP]->(:Group)} for a group's log (none =
 * the site-wide log). The groups feature writes role changes with the same shape.
 */
@Component
public class AuditLog {

    /** One line of the log. {@code actorHandle} is null for the site itself; {@code groupName} null for site-wide entries. */
    public record Entry(String id, ZonedDateTime at, String action, String reason, String targetKind, String targetId,
                        String summary, String actorHandle, String actorName, String groupId, String groupName) {

        public String atIso() {
            return at.withZoneSameInstant(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toOffsetDateTime().toString();
        }
    }

    private final Driver driver;

    AuditLog(Driver driver) {
        this.driver = driver;
    }

    /** Writes an entry in the caller's transaction. {@code actor} null = the site; {@code group} null = site-wide. */
    public static void record(TransactionContext tx, String actor, String action, String reason, String targetKind,
                              String targetId, String summary, String group) {
        Map<String, Object> p = new HashMap<>();
        p.put("actor", actor);
        p.put("action", action);
        p.put("reason", reason == null ? "" : reason);
        p.put("targetKind", targetKind);
        p.put("targetId", targetId);
        p.put("summary", summary == null ? "" : summary);
        p.put("group", group);
        tx.run("""
                CREATE (e:AuditEntry {id: randomUUID(), at: datetime(), action: $action, reason: $reason,
                                      targetKind: $targetKind, targetId: $targetId, summary: $summary})
                WITH e
                OPTIONAL MATCH (m:Member {id: $actor})
                OPTIONAL MATCH (g:Group {id: $group})
                FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | CREATE (m)-[:ACTED]->(e))
                FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | CREATE (e)-[:IN_GROUP]->(g))
                """, p).consume();
    }

    /** A group's log (group given) or every entry, site-wide and groups' (group null, for administrators); newest first. */
    List<Entry> entries(String group, int limit) {
        Map<String, Object> p = new HashMap<>();
        p.put("group", group);
        p.put("limit", limit);
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (e:AuditEntry)
                WHERE $group IS NULL OR EXISTS { (e)-[:IN_GROUP]->(:Group {id: $group}) }
                WITH e ORDER BY e.at DESC, e.id DESC LIMIT $limit
                OPTIONAL MATCH (m:Member)-[:ACTED]->(e)
                OPTIONAL MATCH (e)-[:IN_GROUP]->(g:Group)
                RETURN e {.*} AS e, m.handle AS handle, m.displayName AS name, g.id AS groupId, g.name AS groupName
                ORDER BY e.at DESC, e.id DESC
                """, p).list(r -> {
            var e = r.get("e");
            return new Entry(e.get("id").asString(), e.get("at").asZonedDateTime(), e.get("action").asString(),
                    e.get("reason").asString(""), e.get("targetKind").asString(""), e.get("targetId").asString(""),
                    e.get("summary").asString(""), r.get("handle").asString(null), r.get("name").asString(null),
                    r.get("groupId").asString(null), r.get("groupName").asString(null));
        }));
    }
}
