package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.util.List;
import java.util.Optional;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Cases and the reports that open them (graph-schema README, "Moderation"): {@code (:Case {id,
 * targetKind, targetId, status})-[:ABOUT]->(target)}, {@code -[:IN_GROUP]->(:Group)} for a group's
 * queue, {@code (:Member)-[:REPORTED {reason, text, at}]->(:Case)}, one open case per target.
 */
@Repository
class CaseRepository {

    /**
     * When reports hide content on their own: {@code threshold} trusted reporters, trusted being an
     * administrator (by handle), a group moderator or owner, or an account older than
     * {@code trustedAgeDays} days that no decision other than a dismissal (or an overturned one) concerned.
     */
    record AutoHide(List<String> adminHandles, int trustedAgeDays, int threshold) {
    }

    private final Graph graph;

    CaseRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * Records the report (one per reporter and case) on the target's open case, opening one when
     * there is none, then hides the content if enough trusted members reported it, with an entry in
     * the audit log ({@code summary} names the target); all in one transaction. Returns the case's id
     * when the report is new, empty when the reporter had reported this case already.
     */
    Optional<String> report(Target target, String reporter, Reason reason, String text, AutoHide autoHide, String summary) {
        return graph.inWrite(tx -> {
            String caseId = openCase(tx, target, false);
            boolean created = tx.run("""
                    MATCH (m:Member {id: $reporter}), (c:Case {id: $case})
                    MERGE (m)-[r:REPORTED]->(c)
                    ON CREATE SET r.reason = $reason, r.text = $text, r.at = datetime(), r.created = true
                    WITH r, coalesce(r.created, false) AS created
                    REMOVE r.created
                    RETURN created""", params("reporter", reporter, "case", caseId, "reason", reason.key(), "text", text))
                    .single().get("created").asBoolean();
            if (created && target.content()) {
                autoHide(tx, caseId, target, autoHide, summary);
            }
            return created ? Optional.of(caseId) : Optional.<String>empty();
        });
    }

    /** The open case about the target, created (with its ABOUT and IN_GROUP) when there is none. */
    private static String openCase(TransactionContext tx, Target target, boolean edited) {
        return tx.run("""
                MATCH (t:%s {id: $id})
                MERGE (c:Case {targetKind: $kind, targetId: $id, status: 'open'})
                ON CREATE SET c.id = randomUUID(), c.openedAt = datetime(), c.autoHidden = false
                SET c.lastAt = datetime(), c.edited = $edited OR coalesce(c.edited, false),
                    // Which image the reported message carried: when its author deletes it (and its
                    // file goes), the case can still say there was one the moderators can no longer see.
                    c.messageImageId = coalesce(c.messageImageId, [(t)-[:HAS_IMAGE]->(i:Image) WHERE t:Message | i.id][0])
                MERGE (c)-[:ABOUT]->(t)
                WITH c
                OPTIONAL MATCH (g:Group {id: $group})
                FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | MERGE (c)-[:IN_GROUP]->(g))
                RETURN c.id AS id""".formatted(target.type().label()),
                params("id", target.id(), "kind", target.kind(), "group", target.groupId(), "edited", edited))
                .single().get("id").asString();
    }

    private static void autoHide(TransactionContext tx, String caseId, Target target, AutoHide rule, String summary) {
        long hidden = tx.run("""
                MATCH (c:Case {id: $case})<-[:REPORTED]-(m:Member)
                WHERE m.handle IN $admins
                   OR EXISTS { MATCH (m)-[r:MEMBER_OF]->(:Group) WHERE r.role IN ['moderator', 'owner'] }
                   OR (m.createdAt < datetime() - duration({days: $days})
                       AND NOT EXISTS { MATCH (d:Decision)-[:CONCERNS]->(m)
                                        WHERE d.action <> 'dismiss'
                                          AND NOT EXISTS { (:Member)-[:REVIEWED {outcome: 'overturned'}]->(d) } })
                WITH c, count(m) AS trusted
                WHERE trusted >= $threshold
                MATCH (c)-[:ABOUT]->(t)
                WHERE (t:Post OR t:Comment) AND t.moderation IS NULL
                SET t.moderation = 'hidden', c.autoHidden = true
                RETURN count(t) AS n""", params("case", caseId, "admins", rule.adminHandles(), "days", rule.trustedAgeDays(),
                "threshold", rule.threshold())).single().get("n").asLong();
        if (hidden > 0) {
            AuditLogRepository.record(tx, null, "auto_hide", "", target.kind(), target.id(), summary, target.groupId());
        }
    }

    /**
     * Puts hidden content that its author edited back in the queue: its open case (opened if there
     * is none) is marked edited; content that is not hidden is left alone.
     */
    void reopenEdited(TargetKind kind, String id, String author) {
        graph.inWrite(tx -> {
            var found = tx.run("""
                    MATCH (t:%s {id: $id}) WHERE t.moderation = 'hidden'
                    OPTIONAL MATCH (t)-[:ON]->(cp:Post)
                    WITH t, coalesce(cp, t) AS p
                    OPTIONAL MATCH (p)-[:IN_GROUP]->(g:Group)
                    RETURN g.id AS gid""".formatted(kind.label()),
                    params("id", id)).list(r -> r.get("gid").asString(null));
            if (!found.isEmpty()) {
                openCase(tx, new Target(kind, id, author, null, null, "", null, found.getFirst(), null, null), true);
            }
            return null;
        });
    }

    private static final String CASE_VIEW = """
            OPTIONAL MATCH (c)-[:ABOUT]->(t)
            OPTIONAL MATCH (c)-[:IN_GROUP]->(g:Group)
            OPTIONAL MATCH (t)<-[:POSTED|WROTE|SENT]-(author:Member)
            OPTIONAL MATCH (t)-[:ON]->(cp:Post)
            CALL (t) {
              // A reported message is shown with the two before it in its conversation, so that the
              // moderators read it in context (and no more of a private conversation than that).
              OPTIONAL MATCH (y:Message) WHERE t:Message AND y.conversationId = t.conversationId
                                          AND y.seq >= t.seq - 2 AND y.seq <= t.seq
              OPTIONAL MATCH (w:Member)-[:SENT]->(y)
              WITH y, w ORDER BY y.seq
              RETURN reduce(s = '', line IN collect(coalesce('@' + w.handle, '—') + ' : '
                         + CASE WHEN y.deletedAt IS NULL THEN y.text ELSE '—' END)
                       | s + CASE WHEN s = '' THEN '' ELSE ' / ' END + line) AS messageContext
            }
            CALL (c) {
              MATCH (m:Member)-[r:REPORTED]->(c)
              WITH m, r ORDER BY r.at DESC
              RETURN count(r) AS reportCount, collect({handle: m.handle, reason: r.reason, text: r.text, at: r.at}) AS reports
            }
            RETURN c {.id, .targetKind, .targetId, .autoHidden, .edited, .lastAt, .messageImageId} AS c,
                   [(t)-[:HAS_IMAGE]->(img:Image) WHERE t:Message | img {.id, .alt, .width, .height}][0] AS image,
                   CASE WHEN t:Member THEN t.handle ELSE author.handle END AS ah,
                   CASE WHEN t:Member THEN t.displayName ELSE author.displayName END AS an,
                   CASE WHEN t:Post OR t:Comment THEN t.text WHEN t:Member THEN coalesce(t.bio, '')
                        WHEN t:Group THEN coalesce(t.description, '') WHEN t:Message THEN messageContext
                        ELSE coalesce(t.name, t.text, '') END AS text,
                   CASE WHEN t:Post THEN t.id ELSE cp.id END AS post,
                   CASE WHEN t:Group THEN t.id ELSE g.id END AS gid, CASE WHEN t:Group THEN t.name ELSE g.name END AS gname,
                   t.moderation AS moderation, coalesce(t.locked, false) AS locked, reportCount, reports,
                   // Deleted since it was reported (by its author, or with an erased member's account).
                   t IS NULL OR t.deletedAt IS NOT NULL AS targetGone""";

    /**
     * Open cases, the most reported first, then the newest: a group's (group given) or all of them
     * (group null: the administrators' site-wide queue, which also holds every group's cases).
     */
    List<CaseView> queue(String group, int limit) {
        return graph.list("""
                MATCH (c:Case {status: 'open'})
                WHERE $group IS NULL OR EXISTS { (c)-[:IN_GROUP]->(:Group {id: $group}) }
                """ + CASE_VIEW + """

                ORDER BY reportCount DESC, c.lastAt DESC
                LIMIT $limit""", params("group", group, "limit", limit), CaseRepository::caseView);
    }

    Optional<CaseView> openCase(String id) {
        return graph.one("MATCH (c:Case {id: $id, status: 'open'})\n" + CASE_VIEW, params("id", id), CaseRepository::caseView);
    }

    /** Open reports about places, which the places feature lists for administrators. */
    long openPlaceReports() {
        return graph.count("MATCH (r:PlaceReport {status: 'open'}) RETURN count(r) AS n", params());
    }

    private static CaseView caseView(Record r) {
        Value c = r.get("c");
        List<CaseView.Report> reports = r.get("reports").asList(x -> new CaseView.Report(x.get("handle").asString(""),
                x.get("reason").asString(""), x.get("text").asString(""), x.get("at").asZonedDateTime()));
        Value i = r.get("image");
        CaseView.CaseImage image = i.isNull() ? null
                : new CaseView.CaseImage(i.get("id").asString(), i.get("alt").asString(""), i.get("width").asInt(0), i.get("height").asInt(0));
        return new CaseView(c.get("id").asString(), c.get("targetKind").asString(), c.get("targetId").asString(),
                r.get("text").asString(""), r.get("ah").asString(null), r.get("an").asString(null),
                r.get("post").asString(null), r.get("gid").asString(null), r.get("gname").asString(null),
                r.get("moderation").asString(null), r.get("locked").asBoolean(), c.get("autoHidden").asBoolean(false),
                c.get("edited").asBoolean(false), r.get("reportCount").asLong(), c.get("lastAt").asZonedDateTime(), reports,
                image, image == null && !c.get("messageImageId").isNull(), r.get("targetGone").asBoolean(false));
    }
}
