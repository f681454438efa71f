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
     * When reports hide content on their own: {@code threshold} trusted reporters. Trusted (issue 17:
     * standing that costs something, never one a member gives themselves) is an administrator (by
     * handle); a moderator or owner of the group whose queue holds the case (so of the content's own
     * group, and never when the content's author moderates that group: the case is then the site's);
     * or an established member: an account older than {@code trustedAgeDays} days, with a verified
     * address, at least {@code contributions} posts, comments or place answers still published
     * (neither deleted nor moderated) written on at least {@code contributionDays} different days, and
     * no decision other than a dismissal (or an overturned one) that concerned them. Owning or
     * moderating some other group counts for nothing: anyone can create a group.
     */
    record AutoHide(List<String> adminHandles, int trustedAgeDays, int contributions, int contributionDays, int threshold) {
    }

    /**
     * What a report keeps of its target when it differs from the case's latest snapshot (issue 17):
     * the text as the reporter saw it, the ids of the target's images then, the copies of those
     * images made in the image store under new keys, and the member whose content it is (null for
     * a group or a place, which are the community's).
     */
    record Snapshot(String text, List<String> sourceImages, List<KeptImage> images, String authorId) {
    }

    /** A new report's case, and the group whose queue holds it (null: the site-wide queue). */
    record Filed(String caseId, String group) {
    }

    /** A copy of a reported image, kept under its own key; {@code position} in the content. */
    record KeptImage(String id, String alt, int width, int height, int position) {
    }

    /** An image of the target now: its id in the image store, alt, size, position. */
    record CurrentImage(String id, String alt, int width, int height, int position) {
    }

    /** The latest snapshot of the target's open case: its text and the ids of the images it copied. */
    record LatestSnapshot(String text, List<String> sourceImages) {
    }

    private final Graph graph;

    CaseRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * Records the report (one per reporter and case) on the target's open case, opening one when
     * there is none, then hides the content if enough trusted members reported it, with an entry in
     * the audit log ({@code summary} names the target); all in one transaction. Returns the case and
     * its queue when the report is new, empty when the reporter had reported this case already.
     */
    Optional<Filed> report(Target target, String reporter, Reason reason, String text, AutoHide autoHide, String summary,
                            Snapshot snapshot) {
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
            if (created) {
                keep(tx, caseId, target, snapshot);
            }
            if (created && target.content()) {
                autoHide(tx, caseId, target, autoHide, summary);
            }
            if (!created) {
                return Optional.<Filed>empty();
            }
            // The queue it waits in: the group's, or the site's (null) for a case about its own moderators.
            String queue = tx.run("MATCH (c:Case {id: $case}) OPTIONAL MATCH (c)-[:IN_GROUP]->(g:Group) RETURN g.id AS g",
                    params("case", caseId)).single().get("g").asString(null);
            return Optional.of(new Filed(caseId, queue));
        });
    }

    /**
     * The open case about the target, created (with its ABOUT and IN_GROUP) when there is none. A
     * case about content whose author moderates or owns its group goes to the site-wide queue only
     * (issue 17): no IN_GROUP, and one made before the author became a moderator is taken out.
     */
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
                WITH c, t
                OPTIONAL MATCH (t)<-[:POSTED|WROTE|SENT]-(author:Member)
                OPTIONAL MATCH (g:Group {id: $group})
                WITH c, g, g IS NOT NULL AND author IS NOT NULL
                     AND (EXISTS { MATCH (author)-[r:MEMBER_OF]->(g) WHERE r.role IN ['moderator', 'owner'] }
                          OR EXISTS { (author)-[:OWNS_GROUP]->(g) }) AS authorModerates
                FOREACH (_ IN CASE WHEN g IS NULL OR authorModerates THEN [] ELSE [1] END | MERGE (c)-[:IN_GROUP]->(g))
                WITH c, authorModerates
                OPTIONAL MATCH (c)-[q:IN_GROUP]->()
                WITH c, authorModerates, collect(q) AS queues
                FOREACH (q IN CASE WHEN authorModerates THEN queues ELSE [] END | DELETE q)
                RETURN c.id AS id""".formatted(target.type().label()),
                params("id", target.id(), "kind", target.kind(), "group", target.groupId(), "edited", edited))
                .single().get("id").asString();
    }

    /**
     * Keeps the snapshot (a new one when given, else the latest counts one more report); a case
     * opened before snapshots existed, or by an edit, gets its first one here.
     */
    private static void keep(TransactionContext tx, String caseId, Target target, Snapshot snapshot) {
        if (snapshot != null) {
            tx.run("""
                    MATCH (c:Case {id: $case})
                    CREATE (c)-[:SNAPSHOT]->(s:CaseSnapshot {id: randomUUID(), kind: $kind, at: datetime(), lastAt: datetime(),
                                                             reports: 1, text: $text, sourceImages: $sources, authorId: $author})
                    WITH s
                    UNWIND $images AS img
                    CREATE (s)-[:KEPT_IMAGE {position: img.position}]->(:SnapshotImage {id: img.id, alt: img.alt,
                                                                                 width: img.width, height: img.height})""",
                    params("case", caseId, "kind", target.kind(), "text", snapshot.text(), "sources", snapshot.sourceImages(),
                            "author", snapshot.authorId(), "images", snapshot.images().stream().map(i -> params("id", i.id(),
                                    "alt", i.alt(), "width", i.width(), "height", i.height(), "position", i.position())).toList()))
                    .consume();
        } else {
            tx.run("""
                    MATCH (c:Case {id: $case})-[:SNAPSHOT]->(s:CaseSnapshot)
                    WITH s ORDER BY s.at DESC LIMIT 1
                    SET s.lastAt = datetime(), s.reports = s.reports + 1""", params("case", caseId)).consume();
        }
    }

    /** The images of the target now (a post's, in order; a message's one), to copy into a snapshot. */
    List<CurrentImage> currentImages(Target target) {
        if (target.type() != TargetKind.POST && target.type() != TargetKind.MESSAGE) {
            return List.of();
        }
        return graph.list("""
                MATCH (t:%s {id: $id})-[h:HAS_IMAGE]->(i:Image)
                RETURN i.id AS id, i.alt AS alt, i.width AS width, i.height AS height, coalesce(h.position, 0) AS position
                ORDER BY position""".formatted(target.type().label()), params("id", target.id()),
                r -> new CurrentImage(r.get("id").asString(), r.get("alt").asString(""), r.get("width").asInt(0),
                        r.get("height").asInt(0), r.get("position").asInt(0)));
    }

    /** The latest snapshot on the target's open case, if there is one. */
    Optional<LatestSnapshot> latestSnapshot(Target target) {
        return graph.one("""
                MATCH (:Case {targetKind: $kind, targetId: $id, status: 'open'})-[:SNAPSHOT]->(s:CaseSnapshot)
                RETURN s.text AS text, s.sourceImages AS sources ORDER BY s.at DESC LIMIT 1""",
                params("kind", target.kind(), "id", target.id()),
                r -> new LatestSnapshot(r.get("text").asString(""), r.get("sources").asList(v -> v.asString(), List.of())));
    }

    /**
     * The image of a snapshot of the open case, as {@code /moderation/cases/{case}/snapshots/{image}.jpg}
     * serves it; empty when the image is not one of this case's.
     */
    boolean snapshotImageOf(String caseId, String imageId) {
        return graph.exists("""
                RETURN EXISTS { MATCH (:Case {id: $case, status: 'open'})-[:SNAPSHOT]->(:CaseSnapshot)-[:KEPT_IMAGE]->(:SnapshotImage {id: $image}) } AS ok""",
                params("case", caseId, "image", imageId));
    }

    private static void autoHide(TransactionContext tx, String caseId, Target target, AutoHide rule, String summary) {
        long hidden = tx.run("""
                MATCH (c:Case {id: $case})<-[:REPORTED]-(m:Member)
                OPTIONAL MATCH (c)-[:IN_GROUP]->(queue:Group)
                WITH c, m, queue
                WHERE m.handle IN $admins
                   OR (queue IS NOT NULL AND (EXISTS { MATCH (m)-[r:MEMBER_OF]->(queue) WHERE r.role IN ['moderator', 'owner'] }
                                              OR EXISTS { (m)-[:OWNS_GROUP]->(queue) }))
                   OR (m.createdAt < datetime() - duration({days: $days})
                       AND m.emailVerifiedAt IS NOT NULL
                       AND NOT EXISTS { MATCH (d:Decision)-[:CONCERNS]->(m)
                                        WHERE d.action <> 'dismiss'
                                          AND NOT EXISTS { (:Member)-[:REVIEWED {outcome: 'overturned'}]->(d) } }
                       AND COUNT { MATCH (m)-[:POSTED|WROTE|GAVE]->(x)
                                   WHERE (x:Post OR x:Comment OR x:Answer) AND x.deletedAt IS NULL AND x.moderation IS NULL }
                           >= $contributions
                       AND size(COLLECT { MATCH (m)-[:POSTED|WROTE|GAVE]->(x)
                                          WHERE (x:Post OR x:Comment OR x:Answer) AND x.deletedAt IS NULL AND x.moderation IS NULL
                                          RETURN DISTINCT date(coalesce(x.createdAt, x.at)) }) >= $contributionDays)
                WITH c, count(DISTINCT m) AS trusted
                WHERE trusted >= $threshold
                MATCH (c)-[:ABOUT]->(t)
                WHERE (t:Post OR t:Comment) AND t.moderation IS NULL
                SET t.moderation = 'hidden', c.autoHidden = true
                RETURN count(t) AS n""", params("case", caseId, "admins", rule.adminHandles(), "days", rule.trustedAgeDays(),
                "contributions", rule.contributions(), "contributionDays", rule.contributionDays(),
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
            CALL (c) {
              // What each report saw (issue 17), the oldest first, with the copies of its images.
              OPTIONAL MATCH (c)-[:SNAPSHOT]->(s:CaseSnapshot)
              WITH s ORDER BY s.at
              RETURN collect(s {.id, .at, .lastAt, .reports, .text, .erased,
                                images: [(s)-[k:KEPT_IMAGE]->(i:SnapshotImage) | i {.id, .alt, .width, .height, position: k.position}]})
                     AS snapshots
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
                   t.moderation AS moderation, coalesce(t.locked, false) AS locked, reportCount, reports, snapshots,
                   [(t)-[h:HAS_IMAGE]->(pi:Image) WHERE t:Post | {alt: pi.alt, position: h.position}] AS postImages,
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

    private static CaseView.Snapshot snapshot(Value s) {
        List<CaseView.CaseImage> images = new java.util.ArrayList<>(s.get("images").asList(i -> new CaseView.CaseImage(
                i.get("id").asString(), i.get("alt").asString(""), i.get("width").asInt(0), i.get("height").asInt(0),
                i.get("position").asInt(0))));
        images.sort(java.util.Comparator.comparingInt(CaseView.CaseImage::position));
        return new CaseView.Snapshot(s.get("id").asString(), s.get("at").asZonedDateTime(), s.get("lastAt").asZonedDateTime(),
                s.get("reports").asLong(1), s.get("text").asString(""), s.get("erased").asBoolean(false), List.copyOf(images));
    }

    private static CaseView caseView(Record r) {
        Value c = r.get("c");
        List<CaseView.Report> reports = r.get("reports").asList(x -> new CaseView.Report(x.get("handle").asString(""),
                x.get("reason").asString(""), x.get("text").asString(""), x.get("at").asZonedDateTime()));
        Value i = r.get("image");
        CaseView.CaseImage image = i.isNull() ? null
                : new CaseView.CaseImage(i.get("id").asString(), i.get("alt").asString(""), i.get("width").asInt(0), i.get("height").asInt(0), 0);
        List<CaseView.Snapshot> snapshots = r.get("snapshots").asList(CaseRepository::snapshot);
        List<String> postImages = r.get("postImages").asList(x -> x).stream()
                .sorted(java.util.Comparator.comparingInt(x -> x.get("position").asInt(0)))
                .map(x -> x.get("alt").asString("")).toList();
        return new CaseView(c.get("id").asString(), c.get("targetKind").asString(), c.get("targetId").asString(),
                r.get("text").asString(""), r.get("ah").asString(null), r.get("an").asString(null),
                r.get("post").asString(null), r.get("gid").asString(null), r.get("gname").asString(null),
                r.get("moderation").asString(null), r.get("locked").asBoolean(), c.get("autoHidden").asBoolean(false),
                c.get("edited").asBoolean(false), r.get("reportCount").asLong(), c.get("lastAt").asZonedDateTime(), reports,
                image, image == null && !c.get("messageImageId").isNull(), r.get("targetGone").asBoolean(false), snapshots, postImages);
    }
}
