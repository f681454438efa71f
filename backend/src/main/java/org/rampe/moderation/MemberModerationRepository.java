package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * One member's moderation data as a whole, for their archive and their erasure (issue 16), and
 * the end of the decisions kept about erased members ({@code purgeAfter}, V0022). Reads stream
 * ({@link Graph#each}); each erasing write handles at most {@link #BATCH} items and says how many,
 * so that the caller loops until nothing is left (a run after a crash finishes the work).
 */
@Repository
class MemberModerationRepository {

    static final int BATCH = 1_000;

    /** How audit summaries name an erased member instead of their handle (summaries are stored words, not keys). */
    static final String FORMER_WORDS = "former member";

    private final Graph graph;

    MemberModerationRepository(Graph graph) {
        this.graph = graph;
    }

    // ---- export --------------------------------------------------------------------------

    /** A report the member made; {@code outcome} is the latest decision's action, if any (no moderator named). */
    record ReportItem(String about, String targetId, String reason, String text, Instant at, String status,
                      String outcome, Instant decidedAt) {
    }

    /** A decision about the member, as their decision page shows it (no moderator, no reporter named). */
    record DecisionItem(String id, Instant at, String action, String about, String targetId, List<String> reportReasons,
                        String rule, String explanation, Instant until, Appeal appeal) {
    }

    /** Their appeal of a decision and how it ended ({@code outcome} null while it waits). */
    record Appeal(String text, Instant at, String outcome, String reviewExplanation, Instant reviewedAt) {
    }

    void reports(String member, Consumer<ReportItem> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[r:REPORTED]->(c:Case)
                OPTIONAL CALL (c) {
                    MATCH (d:Decision)-[:ON]->(c)
                    RETURN d ORDER BY d.at DESC LIMIT 1
                }
                RETURN c.targetKind AS about, c.targetId AS targetId, r.reason AS reason, r.text AS text, r.at AS at,
                       c.status AS status, d.action AS outcome, d.at AS decidedAt
                ORDER BY r.at""", params("member", member),
                r -> each.accept(new ReportItem(r.get("about").asString(null), blankToNull(r.get("targetId").asString(null)),
                        r.get("reason").asString(null), r.get("text").asString(""), instant(r.get("at")),
                        r.get("status").asString(null), r.get("outcome").asString(null), instant(r.get("decidedAt")))));
    }

    void decisions(String member, Consumer<DecisionItem> each) {
        graph.each("""
                MATCH (me:Member {id: $member})<-[:CONCERNS]-(d:Decision)-[:ON]->(c:Case)
                OPTIONAL MATCH (me)-[a:APPEALED]->(d)
                OPTIONAL MATCH (:Member)-[rv:REVIEWED]->(d)
                RETURN d {.id, .at, .action, .rule, .reason, .until} AS d, c.targetKind AS about, c.targetId AS targetId,
                       COLLECT { MATCH (:Member)-[r:REPORTED]->(c) RETURN DISTINCT r.reason AS reason ORDER BY reason } AS reasons,
                       a {.text, .at} AS a, rv {.outcome, .reason, .at} AS rv
                ORDER BY d.at""", params("member", member), r -> {
            Value d = r.get("d");
            Value a = r.get("a");
            Value rv = r.get("rv");
            Appeal appeal = a.isNull() ? null : new Appeal(a.get("text").asString(""), instant(a.get("at")),
                    rv.isNull() ? null : rv.get("outcome").asString(null), rv.isNull() ? null : rv.get("reason").asString(null),
                    rv.isNull() ? null : instant(rv.get("at")));
            each.accept(new DecisionItem(d.get("id").asString(), instant(d.get("at")), d.get("action").asString(),
                    r.get("about").asString(null), blankToNull(r.get("targetId").asString(null)),
                    r.get("reasons").asList(Value::asString), blankToNull(d.get("rule").asString(null)),
                    d.get("reason").asString(null), forGoodAsNull(instant(d.get("until"))), appeal));
        });
    }

    /** A suspension for good is stored as the year 9999; the archive says "for good" as a ban does, with null. */
    private static Instant forGoodAsNull(Instant until) {
        return until == null || until.atOffset(ZoneOffset.UTC).getYear() >= 9999 ? null : until;
    }

    private static Instant instant(Value v) {
        return v == null || v.isNull() ? null : v.asZonedDateTime().toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- erasure -------------------------------------------------------------------------

    /** The member's handle, while their node is still there (the members module deletes it last). */
    Optional<String> handle(String member) {
        return graph.one("MATCH (m:Member {id: $member}) RETURN m.handle AS handle", params("member", member),
                r -> r.get("handle").asString(null));
    }

    void formerMember(String former) {
        graph.write("MERGE (f:Member:Former {id: $former})", params("former", former));
    }

    /**
     * Their reports stay on the cases for the moderators, as reports of the former member (a
     * report of its own, even when another erased member reported the same case); with
     * {@code removeText} the words they wrote go, the reason stays.
     */
    long anonymiseReports(String member, String former, boolean removeText) {
        return count("""
                MATCH (f:Member:Former {id: $former})
                MATCH (:Member {id: $member})-[r:REPORTED]->(c:Case)
                WITH f, r, c LIMIT $batch
                CREATE (f)-[n:REPORTED]->(c)
                SET n.reason = r.reason, n.at = r.at, n.text = CASE WHEN $removeText THEN '' ELSE r.text END
                DELETE r
                RETURN count(n) AS n""", params("member", member, "former", former, "removeText", removeText, "batch", BATCH));
    }

    /**
     * What they decided, reviewed or did as a moderator or administrator stays, attributed to the
     * former member; {@code type} is one of DECIDED, REVIEWED, ACTED (never a value a member typed).
     */
    long reattribute(String type, String member, String former) {
        if (!List.of("DECIDED", "REVIEWED", "ACTED").contains(type)) {
            throw new IllegalArgumentException(type);
        }
        return count("""
                MATCH (f:Member:Former {id: $former})
                MATCH (:Member {id: $member})-[r:%1$s]->(x)
                WITH f, r, x LIMIT $batch
                CREATE (f)-[n:%1$s]->(x)
                SET n = properties(r)
                DELETE r
                RETURN count(n) AS n""".formatted(type), params("member", member, "former", former, "batch", BATCH));
    }

    /**
     * Decisions about them are kept without their name until {@code purgeAfter}: the link to them
     * goes, and so do their appeals (their own words). Up to {@link #BATCH} links; how many.
     */
    long unlinkDecisions(String member, Instant purgeAfter) {
        var p = params("member", member, "purgeAfter", purgeAfter.atOffset(ZoneOffset.UTC), "batch", BATCH);
        return count("""
                MATCH (d:Decision)-[k:CONCERNS]->(:Member {id: $member})
                WITH d, k LIMIT $batch
                SET d.purgeAfter = $purgeAfter
                DELETE k
                RETURN count(k) AS n""", p)
                + count("""
                MATCH (:Member {id: $member})-[a:APPEALED]->(d:Decision)
                WITH d, a LIMIT $batch
                SET d.purgeAfter = coalesce(d.purgeAfter, $purgeAfter)
                DELETE a
                RETURN count(a) AS n""", p);
    }

    /** Cases about the member themselves no longer hold their id (the case stays; its target is gone). */
    long forgetCaseTargets(String member) {
        return count("""
                MATCH (c:Case {targetKind: 'member', targetId: $member})
                WITH c LIMIT $batch
                SET c.targetId = ''
                RETURN count(c) AS n""", params("member", member, "batch", BATCH));
    }

    /**
     * The snapshots of what they wrote that reports kept (issue 17): the link to them (their id as
     * {@code authorId}) goes, and they are kept until {@code purgeAfter} like the decisions about
     * them; their text and image copies go too with the "remove" choice, and whatever the choice for
     * what never stayed public under the former member (a message, their profile). Up to
     * {@link #BATCH} snapshots; the ids of the image copies to delete from the store, one list per
     * snapshot (an empty list when none): no row means done.
     */
    List<List<String>> forgetSnapshots(String member, boolean removeContent, Instant purgeAfter) {
        return graph.writeList("""
                MATCH (s:CaseSnapshot {authorId: $member})
                WITH s LIMIT $batch
                WITH s, $remove OR NOT s.kind IN ['post', 'comment'] AS wipe
                OPTIONAL MATCH (s)-[:KEPT_IMAGE]->(i:SnapshotImage) WHERE wipe
                WITH s, wipe, collect(i) AS images
                WITH s, wipe, images, [x IN images | x.id] AS ids
                FOREACH (x IN images | DETACH DELETE x)
                SET s.purgeAfter = coalesce(s.purgeAfter, $purgeAfter),
                    s.text = CASE WHEN wipe THEN '' ELSE s.text END,
                    s.sourceImages = CASE WHEN wipe THEN [] ELSE s.sourceImages END,
                    s.erased = wipe OR coalesce(s.erased, false)
                REMOVE s.authorId
                RETURN ids""", params("member", member, "remove", removeContent,
                "purgeAfter", purgeAfter.atOffset(ZoneOffset.UTC), "batch", BATCH), r -> r.get("ids").asList(v -> v.asString()));
    }

    /**
     * Deletes up to {@link #BATCH} snapshots kept past their {@code purgeAfter} (an erased author's,
     * or those of a case the retention deleted), with their image nodes; the ids of the image
     * copies to delete from the store, one list per snapshot: no row means done.
     */
    List<List<String>> purgeSnapshots(Instant now) {
        return graph.writeList("""
                MATCH (s:CaseSnapshot) WHERE s.purgeAfter <= $now
                WITH s LIMIT $batch
                OPTIONAL MATCH (s)-[:KEPT_IMAGE]->(i:SnapshotImage)
                WITH s, collect(i) AS images
                WITH s, images, [x IN images | x.id] AS ids
                FOREACH (x IN images | DETACH DELETE x)
                DETACH DELETE s
                RETURN ids""", params("now", now.atOffset(ZoneOffset.UTC), "batch", BATCH), r -> r.get("ids").asList(v -> v.asString()));
    }

    /** Their mutes and bans in groups. */
    long deleteSanctions(String member) {
        return count("""
                MATCH (:Member {id: $member})-[s:MUTED_IN|BANNED_FROM]->(:Group)
                WITH s LIMIT $batch
                DELETE s
                RETURN count(s) AS n""", params("member", member, "batch", BATCH));
    }

    void forgetSuspension(String member) {
        graph.write("MATCH (m:Member {id: $member}) REMOVE m.suspendedUntil", params("member", member));
    }

    /**
     * Audit entries that name the member (their id as the target, their handle in the summary)
     * say "former member" instead; up to {@link #BATCH}, how many. Entries no longer match once
     * rewritten, so the loop ends.
     */
    long forgetInAuditLog(String member, String handle) {
        // Handles are [a-z0-9_]: "@ana" must not also rewrite "@anabel".
        Pattern named = Pattern.compile("@" + Pattern.quote(handle == null ? "\u0000" : handle) + "(?![a-z0-9_])");
        String cypherPattern = "(?s).*" + named.pattern() + ".*";
        return graph.inWrite(tx -> {
            List<Map<String, Object>> rewrites = new ArrayList<>();
            tx.run("""
                    MATCH (e:AuditEntry)
                    WHERE e.targetId = $member OR ($handle IS NOT NULL AND e.summary =~ $pattern)
                    RETURN e.id AS id, e.targetId AS targetId, e.summary AS summary
                    LIMIT $batch""", params("member", member, "handle", handle, "pattern", cypherPattern, "batch", BATCH))
                    .forEachRemaining(r -> {
                        String summary = r.get("summary").asString("");
                        rewrites.add(params("id", r.get("id").asString(),
                                "targetId", member.equals(r.get("targetId").asString(null)) ? "" : r.get("targetId").asString(null),
                                "summary", named.matcher(summary).replaceAll(FORMER_WORDS)));
                    });
            if (!rewrites.isEmpty()) {
                tx.run("""
                        UNWIND $rows AS row
                        MATCH (e:AuditEntry {id: row.id})
                        SET e.targetId = row.targetId, e.summary = row.summary""", params("rows", rewrites)).consume();
            }
            return (long) rewrites.size();
        });
    }

    // ---- retention -----------------------------------------------------------------------

    /**
     * Deletes up to {@link #BATCH} decisions kept past their {@code purgeAfter} (with their reviews,
     * notifications and what else hangs on them), then the decided cases left without any decision;
     * how many decisions.
     */
    long purgeDecisions(Instant now) {
        return count("""
                MATCH (d:Decision) WHERE d.purgeAfter <= $now
                WITH d LIMIT $batch
                OPTIONAL MATCH (d)-[:ON]->(c:Case)
                OPTIONAL MATCH (n:Notification)-[:ABOUT_DECISION]->(d)
                WITH d, collect(DISTINCT c) AS cases, collect(DISTINCT n) AS notifications
                FOREACH (n IN notifications | DETACH DELETE n)
                DETACH DELETE d
                WITH count(d) AS n, reduce(all = [], cs IN collect(cases) | all + cs) AS cases
                CALL (cases) {
                    UNWIND cases AS c
                    WITH DISTINCT c
                    WHERE c.status <> 'open' AND NOT EXISTS { (:Decision)-[:ON]->(c) }
                    // Its snapshots go with it (purgeSnapshots, which also deletes their image files).
                    OPTIONAL MATCH (c)-[:SNAPSHOT]->(s:CaseSnapshot)
                    SET s.purgeAfter = $now
                    WITH DISTINCT c
                    DETACH DELETE c
                }
                RETURN n""", params("now", now.atOffset(ZoneOffset.UTC), "batch", BATCH));
    }

    private long count(String query, Map<String, Object> params) {
        return graph.writeOne(query, params, r -> r.get("n").asLong()).orElse(0L);
    }
}
