package org.rampe.emails;

import static org.rampe.graph.Graph.params;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.rampe.notifications.NotificationRule;
import org.rampe.social.PostReadability;
import org.springframework.stereotype.Repository;

/**
 * Notification emails in the graph (graph-schema README, "Notification emails"): the choices as
 * {@code :Member} properties ({@code mailReplies}…, absent = the default), the digest's pending
 * items {@code (:Member)-[:DIGEST_ITEM]->(:DigestItem)}, the mark of a conversation mailed about
 * while away {@code (:Member)-[:AWAY_MAILED {at}]->(:Conversation)}, the secret of the unsubscribe
 * links ({@code :EmailSecret}) and the day a digest went out ({@code :DigestRun}).
 */
@Repository
class EmailsRepository {

    /**
     * Whether {@code $by} (null: a moderators' decision, nobody is named) may be mailed about to
     * {@code to} by the notifications' rule, and the post (if any) is readable by them; with the
     * member's choice for the kind and the names the mail needs. Demo members get no mail.
     */
    private static final String REACH = """
            MATCH (to:Member {id: $to})
            WHERE NOT coalesce(to.demo, false)
            OPTIONAL MATCH (by:Member {id: $by})
            WITH to, by
            WHERE CASE WHEN $by IS NULL THEN true WHEN by IS NULL THEN false ELSE %s END
              AND CASE WHEN $post IS NULL THEN true
                       ELSE EXISTS { MATCH (author:Member)-[:POSTED]->(p:Post {id: $post}) WHERE %s } END
            OPTIONAL MATCH (g:Group {id: $group})
            RETURN coalesce(to[$property], $default) AS choice, by.handle AS byHandle, by.displayName AS byName,
                   g.slug AS groupSlug, g.name AS groupName
            """.formatted(NotificationRule.mayTell("to", "by"), PostReadability.byReader("p", "author", "to"));

    /**
     * A member's pending digest items, oldest first, each with whether it may still be told: its
     * actor still exists and may reach them (a block or a mute since hides it), its post is still
     * readable by them, its group, conversation or decision still there for them.
     */
    private static final String DIGEST = """
            MATCH (to:Member {id: $member})-[:DIGEST_ITEM]->(i:DigestItem)
            OPTIONAL MATCH (by:Member {id: i.by})
            OPTIONAL MATCH (g:Group {id: i.group})
            RETURN i.id AS id, i.topic AS topic, i.by AS byId, i.post AS post, i.comment AS comment,
                   i.group AS group, i.conversation AS conversation, i.decision AS decision,
                   by.handle AS byHandle, by.displayName AS byName, g.slug AS groupSlug, g.name AS groupName,
                   CASE WHEN i.by IS NULL THEN true WHEN by IS NULL THEN false ELSE %s END
                   AND CASE WHEN i.post IS NULL THEN true
                            ELSE EXISTS { MATCH (author:Member)-[:POSTED]->(p:Post {id: i.post}) WHERE %s } END
                   AND CASE WHEN i.group IS NULL THEN true ELSE g IS NOT NULL END
                   AND CASE WHEN i.conversation IS NULL THEN true
                            ELSE EXISTS { MATCH (c:Conversation {id: i.conversation})
                                          WHERE EXISTS { (to)-[:IN_CONVERSATION]->(c) }
                                             OR EXISTS { (to)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c) } } END
                   AND CASE WHEN i.decision IS NULL THEN true ELSE EXISTS { MATCH (:Decision {id: i.decision}) } END AS ok
            ORDER BY i.at, i.id
            """.formatted(NotificationRule.mayTell("to", "by"), PostReadability.byReader("p", "author", "to"));

    /** Who among {@code to} is still to be mailed about the conversation (see {@link #AWAY}), with {@code to} and {@code by} bound. */
    private static final String AWAY_RULE = """
             AND NOT coalesce(to.demo, false)
              AND coalesce(to[$property], $default) <> 'none'
              AND NOT EXISTS { (to)-[:AWAY_MAILED]->(c) }
              AND NOT EXISTS { MATCH (to)-[p:IN_CONVERSATION]->(c) WHERE p.muted }""";

    /**
     * The same members as {@link #AWAY}, read only: most messages go to members who were mailed
     * already, and then the send pays for one read, not a write transaction.
     */
    private static final String AWAY_CANDIDATES = """
            MATCH (c:Conversation {id: $conversation}), (by:Member {id: $by})
            UNWIND $to AS id
            MATCH (to:Member {id: id})
            WHERE %s
            RETURN to.id AS id
            """.formatted(NotificationRule.mayTell("to", "by") + "\n  " + AWAY_RULE);

    /**
     * Marks the conversation as mailed about for each member in {@code $to} who may hear from the
     * sender, has not muted the conversation, does not refuse such mails and was not mailed about it
     * since they last read it; returns those newly marked, with their choice. The MERGE makes two
     * messages sent at once mark (and mail) a member once.
     */
    private static final String AWAY = """
            MATCH (c:Conversation {id: $conversation}), (by:Member {id: $by})
            UNWIND $to AS id
            MATCH (to:Member {id: id})
            WHERE %s
            MERGE (to)-[a:AWAY_MAILED]->(c)
            ON CREATE SET a.at = datetime(), a.created = true
            WITH to, by, a, coalesce(a.created, false) AS created
            REMOVE a.created
            WITH to, by, created WHERE created
            RETURN to.id AS id, coalesce(to[$property], $default) AS choice, by.handle AS byHandle, by.displayName AS byName
            """.formatted(NotificationRule.mayTell("to", "by") + "\n  " + AWAY_RULE);

    /** Who may reach the member, and the names a mail about it needs. */
    record Reach(EmailChoice choice, Names names) {
    }

    /** The names a sentence uses: who did it, the group it is in (each null when not relevant or gone). */
    record Names(String byHandle, String byName, String groupSlug, String groupName) {

        static Names of(Record r) {
            return new Names(r.get("byHandle").asString(null), r.get("byName").asString(null),
                    r.get("groupSlug").asString(null), r.get("groupName").asString(null));
        }
    }

    /** A pending digest item, as it is told (or dropped when {@code ok} is false). */
    record Pending(String id, Happening happening, Names names, boolean ok) {
    }

    /** A member newly marked as mailed about a conversation. */
    record Away(String member, EmailChoice choice, Names names) {
    }

    private final Graph graph;

    EmailsRepository(Graph graph) {
        this.graph = graph;
    }

    // ---------------------------------------------------------------- choices

    /** The member's choices; empty for an unknown member. */
    Optional<EmailChoices> choices(String member) {
        String projection = EmailKind.properties().stream().map(p -> "." + p).collect(Collectors.joining(", "));
        return graph.one("MATCH (m:Member {id: $m}) RETURN m {%s} AS c".formatted(projection), params("m", member), r -> {
            Map<EmailKind, EmailChoice> byKind = new EnumMap<>(EmailKind.class);
            for (EmailKind kind : EmailKind.values()) {
                EmailChoice.fromKey(r.get("c").get(kind.property()).asString(null)).ifPresent(c -> byKind.put(kind, c));
            }
            return new EmailChoices(byKind);
        });
    }

    /** Keeps the given choices (the kinds not in the map keep theirs). */
    void saveChoices(String member, Map<EmailKind, EmailChoice> choices) {
        Map<String, Object> values = new HashMap<>();
        choices.forEach((kind, choice) -> values.put(kind.property(), choice.key()));
        graph.write("MATCH (m:Member {id: $m}) SET m += $values", params("m", member, "values", values));
    }

    /** Whether the member exists. */
    boolean exists(String member) {
        return graph.exists("MATCH (m:Member {id: $m}) RETURN count(m) > 0", params("m", member));
    }

    // ---------------------------------------------------------------- who hears of what

    /** Whether the happening may reach its member, with their choice for its kind; empty when it may not. */
    Optional<Reach> reach(Happening h) {
        return graph.one(REACH, params("to", h.to(), "by", h.by(), "post", h.post(), "group", h.group(),
                        "property", h.kind().property(), "default", h.kind().byDefault().key()),
                r -> new Reach(EmailChoice.fromKey(r.get("choice").asString()).orElse(h.kind().byDefault()), Names.of(r)));
    }

    /** The owners and moderators of a group: they handle its queue and its requests to join. */
    List<String> groupModerators(String group) {
        return graph.list("""
                MATCH (m:Member)-[r:MEMBER_OF]->(:Group {id: $group}) WHERE r.role IN ['owner', 'moderator']
                RETURN m.id AS id""", params("group", group), r -> r.get("id").asString());
    }

    /** The group's name, for the moderators' alert (null when it is gone). */
    Optional<Names> group(String group) {
        return graph.one("MATCH (g:Group {id: $group}) RETURN null AS byHandle, null AS byName, g.slug AS groupSlug, g.name AS groupName",
                params("group", group), Names::of);
    }

    // ---------------------------------------------------------------- the digest

    void addToDigest(Happening h) {
        graph.write("""
                MATCH (to:Member {id: $to})
                CREATE (to)-[:DIGEST_ITEM]->(:DigestItem {id: randomUUID(), topic: $topic, at: datetime(), by: $by,
                        post: $post, comment: $comment, group: $group, conversation: $conversation, decision: $decision})""",
                params("to", h.to(), "topic", h.topic().key(), "by", h.by(), "post", h.post(), "comment", h.comment(),
                        "group", h.group(), "conversation", h.conversation(), "decision", h.decision()));
    }

    /** The members with something in their digest. */
    List<String> awaitingDigest() {
        return graph.list("MATCH (m:Member)-[:DIGEST_ITEM]->(:DigestItem) RETURN DISTINCT m.id AS id", params(),
                r -> r.get("id").asString());
    }

    List<Pending> digestOf(String member) {
        return graph.list(DIGEST, params("member", member), r -> {
            Topic topic = Topic.fromKey(r.get("topic").asString("")).orElse(null);
            Happening h = topic == null ? null : new Happening(topic, member, r.get("byId").asString(null),
                    r.get("post").asString(null), r.get("comment").asString(null), r.get("group").asString(null),
                    r.get("conversation").asString(null), r.get("decision").asString(null));
            return new Pending(r.get("id").asString(), h, Names.of(r), h != null && r.get("ok").asBoolean());
        });
    }

    /** Removes these items of the member's digest (those told, or no longer to be told). */
    void removeFromDigest(String member, List<String> ids) {
        graph.write("""
                MATCH (:Member {id: $member})-[:DIGEST_ITEM]->(i:DigestItem) WHERE i.id IN $ids
                DETACH DELETE i""", params("member", member, "ids", ids));
    }

    /**
     * Claims today's digest for this instance: true once per day across every instance sharing the
     * graph (the day is a unique key), so that two instances never both send it. Days older than a
     * week are forgotten.
     */
    boolean claimDigestRun(LocalDate day) {
        return graph.inWrite(tx -> {
            tx.run("MATCH (r:DigestRun) WHERE r.day < $day - duration({days: 7}) DELETE r", params("day", day)).consume();
            return tx.run("""
                    MERGE (r:DigestRun {day: $day})
                    ON CREATE SET r.at = datetime(), r.created = true
                    WITH r, coalesce(r.created, false) AS created
                    REMOVE r.created
                    RETURN created""", params("day", day)).single().get("created").asBoolean();
        });
    }

    // ---------------------------------------------------------------- messages while away

    List<Away> markAway(String conversation, String by, List<String> to) {
        Map<String, Object> p = params("conversation", conversation, "by", by, "to", to,
                "property", EmailKind.MESSAGES.property(), "default", EmailKind.MESSAGES.byDefault().key());
        List<String> candidates = graph.query(AWAY_CANDIDATES, p, r -> r.get("id").asString());
        if (candidates.isEmpty()) {
            return List.of();
        }
        p.put("to", candidates);
        return graph.writeList(AWAY, p,
                r -> new Away(r.get("id").asString(),
                        EmailChoice.fromKey(r.get("choice").asString()).orElse(EmailKind.MESSAGES.byDefault()), Names.of(r)));
    }

    /**
     * The member read the conversation: the next message may be mailed again, and the digest forgets
     * it. Read marks are frequent and almost never find a mark to clear: a read first, so that they
     * cost no write transaction (and no lock on the member) when there is nothing to clear.
     */
    void clearAway(String member, String conversation) {
        var p = params("member", member, "conversation", conversation);
        boolean marked = graph.query("""
                MATCH (m:Member {id: $member})
                RETURN EXISTS { (m)-[:AWAY_MAILED]->(:Conversation {id: $conversation}) }
                    OR EXISTS { (m)-[:DIGEST_ITEM]->(:DigestItem {conversation: $conversation}) } AS marked""",
                p, r -> r.get("marked").asBoolean()).stream().anyMatch(Boolean::booleanValue);
        if (!marked) {
            return;
        }
        graph.write("""
                MATCH (m:Member {id: $member})
                OPTIONAL MATCH (m)-[a:AWAY_MAILED]->(:Conversation {id: $conversation})
                DELETE a
                WITH DISTINCT m
                OPTIONAL MATCH (m)-[:DIGEST_ITEM]->(i:DigestItem {conversation: $conversation})
                DETACH DELETE i""", p);
    }

    // ---------------------------------------------------------------- the unsubscribe links' secret

    /** The secret of the unsubscribe links, made once (shared by every instance through the graph). */
    String secret(String ifNone) {
        return graph.writeOne("""
                MERGE (s:EmailSecret {name: 'unsubscribe'})
                ON CREATE SET s.value = $value
                RETURN s.value AS value""", params("value", ifNone), r -> r.get("value").asString()).orElseThrow();
    }
}
