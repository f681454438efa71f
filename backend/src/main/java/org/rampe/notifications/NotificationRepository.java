package org.rampe.notifications;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.rampe.social.PostReadability;
import org.springframework.stereotype.Repository;

/**
 * Notifications in the graph: {@code (:Member)-[:UNREAD|SEEN]->(:Notification {id, kind, at, post, target})},
 * {@code -[:BY {at}]->(:Member)} for who did it (several for grouped reactions), and
 * {@code -[:ABOUT_POST]->(:Post)}, {@code -[:ABOUT_COMMENT]->(:Comment)} for what it is about.
 * Unread and read are two relationship types so that the header's count is a degree count.
 */
@Repository
class NotificationRepository {

    /** Whether {@code $by} may notify {@code $viewer}: not themselves, no block either way, not muted; and the post, if any, readable by the recipient. */
    private static final String ELIGIBLE = """
            MATCH (to:Member {id: $viewer}), (by:Member {id: $by})
            WHERE %s
              AND ($post IS NULL OR EXISTS {
                    MATCH (author:Member)-[:POSTED]->(p:Post {id: $post}) WHERE %s })
            RETURN count(*) > 0 AS ok
            """.formatted(NotificationRule.mayTell("to", "by"), PostReadability.byReader("p", "author", "to"));

    static final String PAGE = """
            MATCH (me:Member {id: $viewer})-[s:UNREAD|SEEN]->(n:Notification)
            WHERE $at IS NULL OR n.at < $at OR (n.at = $at AND n.id < $id)
            WITH me, n, type(s) = 'UNREAD' AS unread
            ORDER BY n.at DESC, n.id DESC
            LIMIT $size
            CALL (me, n) {
              OPTIONAL MATCH (n)-[b:BY]->(by:Member)
              WHERE NOT EXISTS { (me)-[:BLOCKS]-(by) } AND NOT EXISTS { (me)-[:MUTES]->(by) }
              WITH b, by ORDER BY b.at DESC
              RETURN collect(by {.handle, .displayName}) AS actors
            }
            OPTIONAL CALL (me, n) {
              MATCH (n)-[:ABOUT_POST]->(p)<-[:POSTED]-(author:Member)
              WHERE %s
              RETURN p.id AS postId, p.text AS postText
            }
            OPTIONAL MATCH (n)-[:ABOUT_COMMENT]->(c:Comment)
            OPTIONAL MATCH (n)-[:ABOUT_DECISION]->(d:Decision)
            OPTIONAL MATCH (:Member)-[rv:REVIEWED]->(d)
            OPTIONAL MATCH (n)-[:ABOUT_ASSOCIATION]->(assoc:Association)
            OPTIONAL CALL (me, n) {
              MATCH (n)-[:ABOUT_GROUP]->(g:Group)
              WHERE g.kind <> 'hidden' OR EXISTS { (me)-[:MEMBER_OF|INVITED_TO]->(g) }
              RETURN g.slug AS groupSlug, g.name AS groupName
            }
            RETURN n.id AS id, n.kind AS kind, n.at AS at, unread, actors, postId, postText, c.id AS commentId,
                   d.id AS decisionId, d.action AS decisionAction, d.rule AS decisionRule, rv.outcome AS appealOutcome,
                   assoc.slug AS associationSlug, assoc.name AS associationName, groupSlug, groupName
            ORDER BY n.at DESC, n.id DESC
            """.formatted(PostReadability.byReader("p", "author", "me"));

    private final Graph graph;

    NotificationRepository(Graph graph) {
        this.graph = graph;
    }

    /** Notifies {@code to} of what {@code by} did, if allowed; a reaction joins an unread one about the same target. */
    void notify(NotificationKind kind, String to, String by, String post, String comment, String target) {
        Map<String, Object> params = Graph.params("viewer", to, "by", by, "post", post, "comment", comment,
                "kind", kind.key(), "target", target);
        graph.inWrite(tx -> {
            if (!tx.run(ELIGIBLE, params).single().get("ok").asBoolean()) {
                return null;
            }
            if (target != null && grouped(tx, params)) {
                return null;
            }
            tx.run("""
                    MATCH (to:Member {id: $viewer}), (by:Member {id: $by})
                    CREATE (to)-[:UNREAD]->(n:Notification {id: randomUUID(), kind: $kind, at: datetime(), post: $post, target: $target})
                    CREATE (n)-[:BY {at: datetime()}]->(by)
                    WITH n
                    OPTIONAL MATCH (p:Post {id: $post})
                    OPTIONAL MATCH (c:Comment {id: $comment})
                    FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (n)-[:ABOUT_POST]->(p))
                    FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (n)-[:ABOUT_COMMENT]->(c))
                    """, params).consume();
            return null;
        });
    }

    /**
     * Notifies {@code to} of a group event caused by {@code by} (a join request, an approval, an
     * invitation): not to oneself, not across a block, not from a muted member.
     */
    void notifyGroup(NotificationKind kind, String to, String by, String groupId) {
        graph.write("""
                MATCH (to:Member {id: $to}), (by:Member {id: $by}), (g:Group {id: $group})
                WHERE %s
                CREATE (to)-[:UNREAD]->(n:Notification {id: randomUUID(), kind: $kind, at: datetime()})
                CREATE (n)-[:BY {at: datetime()}]->(by)
                CREATE (n)-[:ABOUT_GROUP]->(g)
                """.formatted(NotificationRule.mayTell("to", "by")), Map.of("to", to, "by", by, "group", groupId, "kind", kind.key()));
    }

    /** Tells {@code to} something the site itself says (their archive is ready): no actor, nothing to check. */
    void notifyFromSite(NotificationKind kind, String to) {
        graph.write("""
                MATCH (to:Member {id: $to})
                CREATE (to)-[:UNREAD]->(:Notification {id: randomUUID(), kind: $kind, at: datetime()})
                """, Map.of("to", to, "kind", kind.key()));
    }

    /** The owners and moderators of a group, who are told of requests to join it. */
    List<String> groupModerators(String groupId) {
        return graph.list("""
                MATCH (m:Member)-[r:MEMBER_OF]->(:Group {id: $group}) WHERE r.role IN ['owner', 'moderator']
                RETURN m.id AS id""", Map.of("group", groupId), r -> r.get("id").asString());
    }

    /** Adds {@code by} to an unread notification of the same kind about the same target, moved to now. */
    private static boolean grouped(TransactionContext tx, Map<String, Object> params) {
        return tx.run("""
                MATCH (:Member {id: $viewer})-[:UNREAD]->(n:Notification {kind: $kind, target: $target})
                MATCH (by:Member {id: $by})
                MERGE (n)-[b:BY]->(by)
                SET b.at = datetime(), n.at = datetime()
                RETURN count(n) AS n
                """, params).single().get("n").asLong() > 0;
    }

    /** Tells {@code to} that {@code by} did something about an association (verified it), if allowed. */
    void notifyAboutAssociation(NotificationKind kind, String to, String by, String associationId) {
        Map<String, Object> params = Graph.params("viewer", to, "by", by, "post", null, "kind", kind.key(),
                "association", associationId);
        graph.inWrite(tx -> {
            if (!tx.run(ELIGIBLE, params).single().get("ok").asBoolean()) {
                return null;
            }
            tx.run("""
                    MATCH (to:Member {id: $viewer}), (by:Member {id: $by}), (a:Association {id: $association})
                    CREATE (to)-[:UNREAD]->(n:Notification {id: randomUUID(), kind: $kind, at: datetime()})
                    CREATE (n)-[:BY {at: datetime()}]->(by), (n)-[:ABOUT_ASSOCIATION]->(a)
                    """, params).consume();
            return null;
        });
    }

    /** The unread count of {@code me} (see {@link org.rampe.site.UnreadNotifications#countOfMe}). */
    static final String UNREAD_OF_ME = "RETURN COUNT { (me)-[:UNREAD]->() } AS n";

    Map<String, Long> unread(Collection<String> memberIds) {
        Map<String, Long> counts = new HashMap<>();
        graph.query("""
                UNWIND $ids AS id
                MATCH (me:Member {id: id})
                CALL (me) { %s }
                RETURN id, n""".formatted(UNREAD_OF_ME), Map.of("ids", List.copyOf(memberIds)), r -> r)
                .forEach(r -> counts.put(r.get("id").asString(), r.get("n").asLong()));
        memberIds.forEach(id -> counts.putIfAbsent(id, 0L));
        return counts;
    }

    List<NotificationView> page(String viewer, Instant at, String id, int size) {
        Map<String, Object> params = Graph.params("viewer", viewer, "at", at == null ? null : at.atOffset(ZoneOffset.UTC),
                "id", id, "size", size);
        return graph.list(PAGE, params, r -> {
            List<NotificationView.Actor> actors = r.get("actors").asList(
                    (Value a) -> new NotificationView.Actor(a.get("handle").asString(""), a.get("displayName").asString("")));
            String postText = r.get("postText").asString(null);
            return new NotificationView(r.get("id").asString(), r.get("kind").asString(),
                    r.get("at").asZonedDateTime().toInstant(), r.get("unread").asBoolean(),
                    actors.size() > 1 ? actors.subList(0, 1) : actors, Math.max(0, actors.size() - 1),
                    r.get("postId").asString(null), postText == null ? null : excerpt(postText),
                    r.get("commentId").asString(null), r.get("decisionId").asString(null),
                    r.get("decisionAction").asString(null), r.get("decisionRule").asString(null),
                    r.get("appealOutcome").asString(null), r.get("associationSlug").asString(null),
                    r.get("associationName").asString(null), r.get("groupSlug").asString(null),
                    r.get("groupName").asString(null));
        });
    }

    /** Marks one of the member's notifications read; false if no notification of theirs has that id. */
    boolean markRead(String memberId, String notificationId) {
        return graph.inWrite(tx -> {
            tx.run("""
                    MATCH (me:Member {id: $me})-[u:UNREAD]->(n:Notification {id: $id})
                    CREATE (me)-[:SEEN]->(n)
                    DELETE u
                    """, Map.of("me", memberId, "id", notificationId)).consume();
            return tx.run("MATCH (:Member {id: $me})-[:SEEN]->(n:Notification {id: $id}) RETURN count(n) > 0 AS mine",
                    Map.of("me", memberId, "id", notificationId)).single().get("mine").asBoolean();
        });
    }

    void markAllRead(String memberId) {
        graph.write("""
                MATCH (me:Member {id: $me})-[u:UNREAD]->(n:Notification)
                CREATE (me)-[:SEEN]->(n)
                DELETE u
                """, Map.of("me", memberId));
    }

    /** What {@code actor} caused for {@code recipient} goes (a block, a mute); a grouped notification keeps its other actors. */
    void removeFrom(String recipient, String actor) {
        graph.write("""
                MATCH (:Member {id: $recipient})-[:UNREAD|SEEN]->(n:Notification)-[b:BY]->(:Member {id: $actor})
                DELETE b
                WITH DISTINCT n
                WHERE NOT EXISTS { (n)-[:BY]->() }
                DETACH DELETE n
                """, Map.of("recipient", recipient, "actor", actor));
    }

    /** Notifications about a deleted post go with it (found by the post's id: the node may be gone already). */
    void removeAboutPost(String postId) {
        graph.write("MATCH (n:Notification {post: $post}) DETACH DELETE n", Map.of("post", postId));
    }

    /** The first line of the post, at most 60 characters (not splitting an emoji), to name it in a sentence. */
    static String excerpt(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        int max = 60;
        if (line.codePointCount(0, line.length()) <= max) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, max)).strip() + "…";
    }
}
