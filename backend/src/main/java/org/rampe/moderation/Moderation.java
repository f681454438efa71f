package org.rampe.moderation;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Transactions;
import org.rampe.members.Administrators;
import org.rampe.social.SocialEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Reports, cases, decisions and appeals (graph-schema README, "Moderation").
 *
 * <p>Auto-hide: a post or comment reported by {@link #threshold} trusted members (3 by default,
 * {@code rampe.moderation.auto-hide-threshold}) is hidden until a moderator decides. Trusted: an
 * account older than {@link #TRUSTED_AGE_DAYS} days that no decision other than a dismissal (or an
 * overturned one) ever concerned, or any group moderator or owner, or an administrator.
 */
@Service
class Moderation {

    static final List<String> REASONS = List.of("spam", "harassment", "hate", "wrong_information", "self_harm", "other");
    static final List<String> ACTIONS = List.of("dismiss", "hide", "remove", "lock", "warn", "mute", "ban", "suspend");
    static final int TRUSTED_AGE_DAYS = 30;
    /** "For good": a suspension or a ban without end is stored with this date (suspension) or null (ban). */
    static final ZonedDateTime FOR_GOOD = ZonedDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Driver driver;
    private final Administrators administrators;
    private final Suspensions suspensions;
    private final int threshold;

    Moderation(Driver driver, Administrators administrators, Suspensions suspensions,
               @org.springframework.beans.factory.annotation.Value("${rampe.moderation.auto-hide-threshold:3}") int threshold) {
        this.driver = driver;
        this.administrators = administrators;
        this.suspensions = suspensions;
        this.threshold = threshold;
    }

    int threshold() {
        return threshold;
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put((String) pairs[i], pairs[i + 1]);
        }
        return p;
    }

    private List<String> adminHandles() {
        return administrators.admins().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }

    // ------------------------------------------------------------------ permissions

    /** Whether the member moderates the group (MEMBER_OF role moderator or owner). */
    boolean moderates(String member, String group) {
        if (member == null || group == null) {
            return false;
        }
        return Transactions.read(driver, tx -> tx.run("""
                RETURN EXISTS { MATCH (:Member {id: $m})-[r:MEMBER_OF]->(:Group {id: $g}) WHERE r.role IN ['moderator', 'owner'] } AS ok""",
                params("m", member, "g", group)).single().get("ok").asBoolean());
    }

    /** A group as moderation pages name it, if {@code viewer} may know it exists (not hidden, or a member). */
    record GroupInfo(String id, String slug, String name, String kind, String rules, boolean publicAuditLog) {
    }

    Optional<GroupInfo> group(String id, String viewer, boolean admin) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (g:Group {id: $id})
                WHERE $admin OR g.kind <> 'hidden' OR EXISTS { MATCH (:Member {id: $viewer})-[:MEMBER_OF]->(g) }
                RETURN g {.id, .slug, .name, .kind, .rules, .publicAuditLog} AS g""",
                params("id", id, "viewer", viewer, "admin", admin)).list(r -> {
            Value g = r.get("g");
            return new GroupInfo(g.get("id").asString(), g.get("slug").asString(""), g.get("name").asString(""),
                    g.get("kind").asString("public"), g.get("rules").asString(""), g.get("publicAuditLog").asBoolean(false));
        })).stream().findFirst();
    }

    // ------------------------------------------------------------------ reports

    /** How a report came out. */
    enum Reported { RECEIVED, ALREADY }

    /** Records the report (one per reporter and case), then hides the content if enough trusted members reported it. */
    Reported report(Target target, String reporter, String reason, String text) {
        return Transactions.write(driver, tx -> {
            String caseId = openCase(tx, target, false);
            boolean created = tx.run("""
                    MATCH (m:Member {id: $reporter}), (c:Case {id: $case})
                    MERGE (m)-[r:REPORTED]->(c)
                    ON CREATE SET r.reason = $reason, r.text = $text, r.at = datetime(), r.created = true
                    WITH r, coalesce(r.created, false) AS created
                    REMOVE r.created
                    RETURN created""", params("reporter", reporter, "case", caseId, "reason", reason, "text", text))
                    .single().get("created").asBoolean();
            if (created && target.content()) {
                autoHide(tx, caseId, target);
            }
            return created ? Reported.RECEIVED : Reported.ALREADY;
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
                RETURN c.id AS id""".formatted(Target.label(target.kind())),
                params("id", target.id(), "kind", target.kind(), "group", target.groupId(), "edited", edited))
                .single().get("id").asString();
    }

    private void autoHide(TransactionContext tx, String caseId, Target target) {
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
                RETURN count(t) AS n""", params("case", caseId, "admins", adminHandles(), "days", TRUSTED_AGE_DAYS,
                "threshold", threshold)).single().get("n").asLong();
        if (hidden > 0) {
            AuditLog.record(tx, null, "auto_hide", "", target.kind(), target.id(), summary(target), target.groupId());
        }
    }

    /** Plain words naming the target for the audit log (no reporter, no content). */
    static String summary(Target t) {
        return t.concernedHandle() == null ? t.kind() : t.kind() + " @" + t.concernedHandle();
    }

    /** Editing hidden content puts it back in the queue (still hidden, marked edited). */
    @EventListener
    void on(SocialEvents.ContentEdited e) {
        Transactions.write(driver, tx -> {
            var found = tx.run("""
                    MATCH (t:%s {id: $id}) WHERE t.moderation = 'hidden'
                    OPTIONAL MATCH (t)-[:ON]->(cp:Post)
                    WITH t, coalesce(cp, t) AS p
                    OPTIONAL MATCH (p)-[:IN_GROUP]->(g:Group)
                    RETURN g.id AS gid""".formatted(e.kind().equals("post") ? "Post" : "Comment"),
                    params("id", e.id())).list(r -> r.get("gid").asString(null));
            if (!found.isEmpty()) {
                openCase(tx, new Target(e.kind(), e.id(), e.author(), null, null, "", null, found.getFirst(), null, null), true);
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ queues

    record Report(String reporterHandle, String reason, String text, ZonedDateTime at) {
    }

    /** The image of a reported message, served to the case's moderators at {@code /moderation/cases/{id}/image.jpg}. */
    record CaseImage(String id, String alt, int width, int height) {
    }

    /**
     * An open case as a queue shows it: the content in context, its reports, the newest first.
     *
     * @param image     the reported message's image while it still exists, or null
     * @param imageGone the reported message carried an image that was removed since (the message deleted)
     */
    record CaseView(String id, String kind, String targetId, String text, String authorHandle, String authorName,
                    String postId, String groupId, String groupName, String moderation, boolean locked,
                    boolean autoHidden, boolean edited, long reportCount, ZonedDateTime lastAt, List<Report> reports,
                    CaseImage image, boolean imageGone) {

        public boolean content() {
            return kind.equals("post") || kind.equals("comment");
        }

        public String lastIso() {
            return lastAt.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toOffsetDateTime().toString();
        }

        /** The actions that apply to this case's target. */
        public List<String> actions(boolean admin) {
            return ACTIONS.stream().filter(a -> applies(a, kind, groupId != null, authorHandle != null, admin)).toList();
        }
    }

    /** Whether an action applies to a target of this kind, in a group or not, with a member concerned or not. */
    static boolean applies(String action, String kind, boolean inGroup, boolean concerned, boolean admin) {
        boolean content = kind.equals("post") || kind.equals("comment");
        return switch (action) {
            case "dismiss" -> true;
            case "hide", "remove" -> content;
            case "lock" -> kind.equals("post");
            case "warn" -> concerned;
            case "mute", "ban" -> inGroup && concerned;
            case "suspend" -> admin && concerned;
            default -> false;
        };
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
              RETURN reduce(s = '', line IN collect('@' + w.handle + ' : '
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
                   t.moderation AS moderation, coalesce(t.locked, false) AS locked, reportCount, reports""";

    /**
     * Open cases, the most reported first, then the newest: a group's (group given) or all of them
     * (group null: the administrators' site-wide queue, which also holds every group's cases).
     */
    List<CaseView> queue(String group, int limit) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (c:Case {status: 'open'})
                WHERE $group IS NULL OR EXISTS { (c)-[:IN_GROUP]->(:Group {id: $group}) }
                """ + CASE_VIEW + """

                ORDER BY reportCount DESC, c.lastAt DESC
                LIMIT $limit""", params("group", group, "limit", limit)).list(Moderation::caseView));
    }

    Optional<CaseView> openCase(String id) {
        return Transactions.read(driver, tx -> tx.run("MATCH (c:Case {id: $id, status: 'open'})\n" + CASE_VIEW,
                params("id", id)).list(Moderation::caseView)).stream().findFirst();
    }

    private static CaseView caseView(org.neo4j.driver.Record r) {
        Value c = r.get("c");
        List<Report> reports = r.get("reports").asList(x -> new Report(x.get("handle").asString(""),
                x.get("reason").asString(""), x.get("text").asString(""), x.get("at").asZonedDateTime()));
        Value i = r.get("image");
        CaseImage image = i.isNull() ? null
                : new CaseImage(i.get("id").asString(), i.get("alt").asString(""), i.get("width").asInt(0), i.get("height").asInt(0));
        return new CaseView(c.get("id").asString(), c.get("targetKind").asString(), c.get("targetId").asString(),
                r.get("text").asString(""), r.get("ah").asString(null), r.get("an").asString(null),
                r.get("post").asString(null), r.get("gid").asString(null), r.get("gname").asString(null),
                r.get("moderation").asString(null), r.get("locked").asBoolean(), c.get("autoHidden").asBoolean(false),
                c.get("edited").asBoolean(false), r.get("reportCount").asLong(), c.get("lastAt").asZonedDateTime(), reports,
                image, image == null && !c.get("messageImageId").isNull());
    }

    // ------------------------------------------------------------------ decisions

    /** How a decision or review came out. */
    enum Outcome { DONE, NOT_FOUND, FORBIDDEN, INVALID }

    record Decided(Outcome outcome, String decisionId, String problem) {
        static Decided of(Outcome o) {
            return new Decided(o, null, null);
        }
    }

    /**
     * Applies the action to the case's target. The decider must moderate the case's group, or be an
     * administrator (any case; only they suspend). Nobody decides on a case concerning themselves.
     * {@code days} is the duration of a mute, ban or suspension (null = for good for a ban or a suspension).
     */
    Decided decide(String caseId, String decider, boolean admin, String action, String rule, String reason, Integer days) {
        Optional<CaseView> found = openCase(caseId);
        if (found.isEmpty()) {
            return Decided.of(Outcome.NOT_FOUND);
        }
        CaseView c = found.get();
        if (!admin && !moderates(decider, c.groupId())) {
            return Decided.of(Outcome.FORBIDDEN);
        }
        String concerned = concernedId(c);
        if (decider.equals(concerned)) {
            return Decided.of(Outcome.FORBIDDEN);
        }
        if (!ACTIONS.contains(action) || !applies(action, c.kind(), c.groupId() != null, concerned != null, admin)) {
            return action.equals("suspend") && !admin ? Decided.of(Outcome.FORBIDDEN) : Decided.of(Outcome.INVALID);
        }
        if ((action.equals("mute") && days == null) || (days != null && (days < 1 || days > 3650))) {
            return new Decided(Outcome.INVALID, null, "mod.decide.days.invalid");
        }
        if ((action.equals("mute") || action.equals("ban")) && ownsGroup(concerned, c.groupId())) {
            return new Decided(Outcome.INVALID, null, "mod.decide.owner");
        }
        ZonedDateTime until = switch (action) {
            case "mute", "ban", "suspend" -> days == null ? (action.equals("suspend") ? FOR_GOOD : null)
                    : ZonedDateTime.now(ZoneOffset.UTC).plusDays(days);
            default -> null;
        };
        String decision = UUID.randomUUID().toString();
        String target = c.kind().equals("comment") && action.equals("lock") ? c.postId() : c.targetId();
        Transactions.write(driver, tx -> {
            Map<String, Object> p = params("case", caseId, "decider", decider, "id", decision, "action", action,
                    "rule", rule, "reason", reason, "until", until == null ? null : until.toOffsetDateTime(),
                    "concerned", concerned, "target", target, "group", c.groupId());
            tx.run("""
                    MATCH (c:Case {id: $case}), (mod:Member {id: $decider})
                    CREATE (mod)-[:DECIDED]->(d:Decision {id: $id, action: $action, rule: $rule, reason: $reason,
                                                          at: datetime(), until: $until})-[:ON]->(c)
                    SET c.status = 'decided', c.decidedAt = datetime()
                    WITH d
                    OPTIONAL MATCH (m:Member {id: $concerned})
                    FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | CREATE (d)-[:CONCERNS]->(m))""", p).consume();
            apply(tx, action, c.kind(), p);
            AuditLog.record(tx, decider, action, reason, c.kind(), c.targetId(),
                    c.authorHandle() == null ? c.kind() : c.kind() + " @" + c.authorHandle(), c.groupId());
            if (concerned != null && !action.equals("dismiss")) {
                notify(tx, concerned, "moderation_decision", decision);
            }
            return null;
        });
        if (action.equals("suspend")) {
            suspensions.suspend(concerned, until.toInstant());
        }
        return new Decided(Outcome.DONE, decision, null);
    }

    private static void apply(TransactionContext tx, String action, String kind, Map<String, Object> p) {
        String label = kind.equals("comment") ? "Comment" : "Post";
        switch (action) {
            // A dismissal lifts an automatic hide: nobody decided the content breaks a rule.
            case "dismiss" -> tx.run("""
                    MATCH (c:Case {id: $case})-[:ABOUT]->(t)
                    WHERE c.autoHidden AND t.moderation = 'hidden'
                    REMOVE t.moderation""", p).consume();
            case "hide" -> tx.run("MATCH (t:" + label + " {id: $target}) SET t.moderation = 'hidden'", p).consume();
            case "remove" -> tx.run("MATCH (t:" + label + " {id: $target}) SET t.moderation = 'removed'", p).consume();
            case "lock" -> tx.run("MATCH (t:Post {id: $target}) SET t.locked = true", p).consume();
            case "mute" -> tx.run("""
                    MATCH (m:Member {id: $concerned}), (g:Group {id: $group})
                    MERGE (m)-[r:MUTED_IN]->(g) SET r.until = $until""", p).consume();
            case "ban" -> tx.run("""
                    MATCH (m:Member {id: $concerned}), (g:Group {id: $group})
                    OPTIONAL MATCH (m)-[o:MEMBER_OF]->(g)
                    MATCH (d:Decision {id: $id})
                    SET d.previousRole = o.role
                    DELETE o
                    MERGE (m)-[r:BANNED_FROM]->(g) SET r.at = datetime(), r.until = $until""", p).consume();
            case "suspend" -> tx.run("MATCH (m:Member {id: $concerned}) SET m.suspendedUntil = $until", p).consume();
            default -> {
            }
        }
    }

    private boolean ownsGroup(String member, String group) {
        return Transactions.read(driver, tx -> tx.run("""
                RETURN EXISTS { MATCH (:Member {id: $m})-[r:MEMBER_OF {role: 'owner'}]->(:Group {id: $g}) }
                    OR EXISTS { MATCH (:Member {id: $m})-[:OWNS_GROUP]->(:Group {id: $g}) } AS owns""",
                params("m", member, "g", group)).single().get("owns").asBoolean());
    }

    private String concernedId(CaseView c) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (c:Case {id: $id})-[:ABOUT]->(t)
                OPTIONAL MATCH (t)<-[:POSTED|WROTE|SENT]-(a:Member)
                OPTIONAL MATCH (t)<-[:OWNS_GROUP]-(o:Member)
                RETURN CASE WHEN t:Member THEN t.id WHEN t:Group THEN o.id ELSE a.id END AS id""",
                params("id", c.id())).list(r -> r.get("id").asString(null))).stream().findFirst().orElse(null);
    }

    private static void notify(TransactionContext tx, String to, String kind, String decision) {
        tx.run("""
                MATCH (m:Member {id: $to}), (d:Decision {id: $decision})
                CREATE (m)-[:UNREAD]->(n:Notification {id: randomUUID(), kind: $kind, at: datetime()})-[:ABOUT_DECISION]->(d)""",
                params("to", to, "kind", kind, "decision", decision)).consume();
    }

    // ------------------------------------------------------------------ decisions, appeals

    /** A decision as its page shows it, to the member concerned and to moderators. */
    record DecisionView(String id, String action, String rule, String reason, ZonedDateTime at, ZonedDateTime until,
                        String deciderId, String deciderHandle, String concernedId, String concernedHandle,
                        String targetKind, String targetId, String text, String postId, String groupId, String groupName,
                        String appealText, ZonedDateTime appealedAt, String outcome, String reviewReason) {

        public boolean appealed() {
            return appealText != null;
        }

        public boolean reviewed() {
            return outcome != null;
        }

        public boolean forGood() {
            return until != null && until.getYear() >= 9999;
        }

        public boolean appealable() {
            return !action.equals("dismiss") && !appealed();
        }
    }

    private static final String DECISION_VIEW = """
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
        return Transactions.read(driver, tx -> tx.run("MATCH (d:Decision {id: $id})\n" + DECISION_VIEW, params("id", id))
                .list(Moderation::decisionView)).stream().findFirst();
    }

    private static DecisionView decisionView(org.neo4j.driver.Record r) {
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

    /** Who may read a decision: the member concerned, the group's moderators, administrators. */
    boolean mayRead(DecisionView d, String viewer, boolean admin) {
        return admin || viewer.equals(d.concernedId()) || viewer.equals(d.deciderId()) || moderates(viewer, d.groupId());
    }

    /** Who may review an appeal: another moderator of the group than the decider, or an administrator (not the decider either). */
    boolean mayReview(DecisionView d, String viewer, boolean admin) {
        return !viewer.equals(d.deciderId()) && !viewer.equals(d.concernedId())
                && (admin || moderates(viewer, d.groupId()));
    }

    /** Appeals waiting for a review: a group's (group given) or all (null, for administrators). */
    List<DecisionView> pendingAppeals(String group) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (:Member)-[:APPEALED]->(d:Decision)-[:ON]->(c:Case)
                WHERE NOT EXISTS { (:Member)-[:REVIEWED]->(d) }
                  AND ($group IS NULL OR EXISTS { (c)-[:IN_GROUP]->(:Group {id: $group}) })
                WITH DISTINCT d
                """ + DECISION_VIEW + "\nORDER BY appealedAt", params("group", group)).list(Moderation::decisionView));
    }

    /** The member concerned appeals, once. */
    Outcome appeal(String decisionId, String member, String text) {
        Optional<DecisionView> found = decision(decisionId);
        if (found.isEmpty() || !member.equals(found.get().concernedId())) {
            return Outcome.NOT_FOUND;
        }
        if (!found.get().appealable()) {
            return Outcome.FORBIDDEN;
        }
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $m}), (d:Decision {id: $d})
                MERGE (m)-[a:APPEALED]->(d) ON CREATE SET a.text = $text, a.at = datetime()""",
                params("m", member, "d", decisionId, "text", text)).consume());
        return Outcome.DONE;
    }

    /** Upholds or overturns an appealed decision; overturning undoes its effect. The member concerned is told. */
    Outcome review(String decisionId, String reviewer, boolean admin, String outcome, String reason) {
        Optional<DecisionView> found = decision(decisionId);
        if (found.isEmpty() || !mayRead(found.get(), reviewer, admin)) {
            return Outcome.NOT_FOUND;
        }
        DecisionView d = found.get();
        if (!d.appealed() || d.reviewed() || !mayReview(d, reviewer, admin)) {
            return Outcome.FORBIDDEN;
        }
        if (!outcome.equals("upheld") && !outcome.equals("overturned")) {
            return Outcome.INVALID;
        }
        Transactions.write(driver, tx -> {
            Map<String, Object> p = params("d", decisionId, "r", reviewer, "outcome", outcome, "reason", reason,
                    "concerned", d.concernedId(), "group", d.groupId(), "target",
                    d.targetKind().equals("comment") && d.action().equals("lock") ? d.postId() : d.targetId());
            tx.run("""
                    MATCH (r:Member {id: $r}), (d:Decision {id: $d})
                    CREATE (r)-[:REVIEWED {outcome: $outcome, reason: $reason, at: datetime()}]->(d)""", p).consume();
            if (outcome.equals("overturned")) {
                undo(tx, d, p);
            }
            AuditLog.record(tx, reviewer, "appeal_" + outcome, reason, d.targetKind(), d.targetId(),
                    d.concernedHandle() == null ? d.targetKind() : d.targetKind() + " @" + d.concernedHandle(), d.groupId());
            if (d.concernedId() != null) {
                notify(tx, d.concernedId(), "moderation_appeal", decisionId);
            }
            return null;
        });
        if (outcome.equals("overturned") && d.action().equals("suspend") && d.concernedId() != null) {
            suspensions.lift(d.concernedId());
        }
        return Outcome.DONE;
    }

    private static void undo(TransactionContext tx, DecisionView d, Map<String, Object> p) {
        switch (d.action()) {
            case "hide", "remove" -> tx.run("MATCH (t:" + (d.targetKind().equals("comment") ? "Comment" : "Post")
                    + " {id: $target}) REMOVE t.moderation", p).consume();
            case "lock" -> tx.run("MATCH (t:Post {id: $target}) REMOVE t.locked", p).consume();
            case "mute" -> tx.run("MATCH (:Member {id: $concerned})-[r:MUTED_IN]->(:Group {id: $group}) DELETE r", p).consume();
            // The membership comes back with the role it had.
            case "ban" -> tx.run("""
                    MATCH (m:Member {id: $concerned})-[r:BANNED_FROM]->(g:Group {id: $group}), (d:Decision {id: $d})
                    DELETE r
                    MERGE (m)-[o:MEMBER_OF]->(g) ON CREATE SET o.role = coalesce(d.previousRole, 'member'), o.since = datetime()""", p).consume();
            case "suspend" -> tx.run("MATCH (m:Member {id: $concerned}) REMOVE m.suspendedUntil", p).consume();
            default -> {
            }
        }
    }
}
