package org.rampe.messaging;

import static org.rampe.messaging.MessagingCypher.PARTICIPANT;
import static org.rampe.messaging.MessagingCypher.instant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.rampe.social.PostText;
import org.springframework.stereotype.Repository;

/**
 * Conversations: starting them (direct, ad-hoc, a group's chat), a member's list of them, opening
 * one, who takes part, leaving and muting. Every query starts from the member and the conversation
 * found by their unique ids.
 */
@Repository
class ConversationRepository {

    static final String IS_PARTICIPANT = """
            MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
            RETURN %s AS ok""".formatted(PARTICIPANT);

    private final Graph graph;

    ConversationRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * A member found by handle, as {@code viewer} may write to them: {@code blocked} = a block either
     * way; {@code mayStart} = {@link MessagingCypher#MAY_START}; {@code ongoing} = a direct
     * conversation the two are both still in.
     */
    record Found(String id, String handle, boolean blocked, boolean mayStart, boolean ongoing) {
    }

    Map<String, Found> byHandles(String viewer, List<String> handles) {
        Map<String, Found> found = new HashMap<>();
        graph.list("""
                MATCH (me:Member {id: $viewer})
                UNWIND $handles AS h
                MATCH (m:Member {handle: h})
                RETURN m.id AS id, m.handle AS handle, EXISTS { (me)-[:BLOCKS]-(m) } AS blocked, %s AS mayStart,
                       EXISTS { (me)-[:IN_CONVERSATION]->(:Conversation {kind: 'direct'})<-[:IN_CONVERSATION]-(m) } AS ongoing"""
                        .formatted(MessagingCypher.MAY_START),
                Map.of("viewer", viewer, "handles", handles),
                r -> new Found(r.get("id").asString(), r.get("handle").asString(), r.get("blocked").asBoolean(),
                        r.get("mayStart").asBoolean(), r.get("ongoing").asBoolean()))
                .forEach(f -> found.put(f.handle(), f));
        return found;
    }

    /** Whether {@code viewer} may write to {@code other} (by ids): may start, or a direct conversation goes on. */
    boolean mayWrite(String viewer, String other) {
        return graph.exists("""
                MATCH (me:Member {id: $viewer}), (m:Member {id: $other})
                WHERE me <> m AND NOT EXISTS { (me)-[:BLOCKS]-(m) }
                  AND (%s OR EXISTS { (me)-[:IN_CONVERSATION]->(:Conversation {kind: 'direct'})<-[:IN_CONVERSATION]-(m) })
                RETURN true AS yes""".formatted(MessagingCypher.MAY_START), Map.of("viewer", viewer, "other", other));
    }

    /**
     * The direct conversation of the pair, created if there is none (MERGE on the unique pair key:
     * two members starting it at once get one), and both back in it if either had left.
     */
    ConversationRef direct(String viewer, String other, String newId) {
        String pairKey = viewer.compareTo(other) < 0 ? viewer + ":" + other : other + ":" + viewer;
        return graph.writeOne("""
                MATCH (me:Member {id: $viewer}), (o:Member {id: $other})
                MERGE (c:Conversation {pairKey: $pairKey})
                  ON CREATE SET c.id = $id, c.kind = 'direct', c.createdAt = datetime(), c.lastSeq = 0
                WITH me, o, c
                UNWIND [me, o] AS m
                MERGE (m)-[p:IN_CONVERSATION]->(c)
                  ON CREATE SET p.joinedAt = datetime(), p.readSeq = c.lastSeq, p.muted = false
                RETURN DISTINCT c.id AS id, c.id = $id AS created""",
                Map.of("viewer", viewer, "other", other, "pairKey", pairKey, "id", newId),
                r -> new ConversationRef(r.get("id").asString(), "direct", r.get("created").asBoolean())).orElseThrow();
    }

    ConversationRef adhoc(String viewer, String title, List<String> others, String id) {
        graph.write("""
                MATCH (me:Member {id: $viewer})
                CREATE (c:Conversation {id: $id, kind: 'adhoc', title: $title, createdAt: datetime(), lastSeq: 0})
                WITH c, me
                UNWIND [$viewer] + $others AS mid
                MATCH (m:Member {id: mid})
                CREATE (m)-[:IN_CONVERSATION {joinedAt: datetime(), readSeq: 0, muted: false}]->(c)""",
                Map.of("viewer", viewer, "id", id, "title", title, "others", others));
        return new ConversationRef(id, "adhoc", true);
    }

    /**
     * The group's chat, created on first use by a member of the group: the group node is locked
     * first, so two members opening it at once make one chat. Empty when {@code viewer} is not a
     * member.
     */
    Optional<ConversationRef> groupChat(String viewer, String groupId, String newId) {
        return graph.inWrite(tx -> {
            var rows = tx.run("""
                    MATCH (me:Member {id: $viewer})-[:MEMBER_OF]->(g:Group {id: $group})
                    SET g._lock = true
                    REMOVE g._lock
                    WITH g
                    OPTIONAL MATCH (g)-[:HAS_CHAT]->(existing:Conversation)
                    RETURN existing.id AS id""", Map.of("viewer", viewer, "group", groupId)).list();
            if (rows.isEmpty()) {
                return Optional.<ConversationRef>empty();
            }
            if (!rows.getFirst().get("id").isNull()) {
                return Optional.of(new ConversationRef(rows.getFirst().get("id").asString(), "group", false));
            }
            tx.run("""
                    MATCH (g:Group {id: $group})
                    CREATE (g)-[:HAS_CHAT]->(:Conversation {id: $id, kind: 'group', createdAt: datetime(), lastSeq: 0})""",
                    Map.of("group", groupId, "id", newId)).consume();
            return Optional.of(new ConversationRef(newId, "group", true));
        });
    }

    /** The id of the group with this slug, if {@code viewer} is a member of it. */
    Optional<String> groupOfMember(String viewer, String slug) {
        return graph.query("""
                MATCH (:Member {id: $viewer})-[:MEMBER_OF]->(g:Group {slug: $slug})
                RETURN g.id AS id""", Map.of("viewer", viewer, "slug", slug), r -> r.get("id").asString()).stream().findFirst();
    }

    List<ConversationSummary> conversations(String viewer) {
        return graph.query("""
                MATCH (me:Member {id: $viewer})
                CALL (me) {
                    MATCH (me)-[:IN_CONVERSATION]->(c:Conversation) WHERE c.kind <> 'group' RETURN c, null AS g
                    UNION
                    MATCH (me)-[:MEMBER_OF]->(g:Group)-[:HAS_CHAT]->(c:Conversation) RETURN c, g
                }
                OPTIONAL MATCH (me)-[r:IN_CONVERSATION]->(c)
                OPTIONAL MATCH (last:Message {conversationId: c.id, seq: c.lastSeq})<-[:SENT]-(la:Member)
                OPTIONAL MATCH (o:Member {id: [i IN split(coalesce(c.pairKey, ''), ':') WHERE i <> me.id][0]})
                  WHERE c.kind = 'direct'
                RETURN c {.id, .kind, .title, .createdAt, .lastSeq, .lastMessageAt} AS c, g {.slug, .name} AS g,
                       coalesce(r.readSeq, 0) AS readSeq, coalesce(r.muted, false) AS muted,
                       last {.text, .deletedAt, .moderation} AS last, la.displayName AS lastAuthor,
                       [(last)-[:HAS_IMAGE]->(li:Image) | li.alt][0] AS lastImage,
                       la IS NOT NULL AND la <> me AND c.kind <> 'direct' AND EXISTS { (me)-[:BLOCKS]-(la) } AS lastHidden,
                       o {.handle, .displayName} AS other,
                       [(m:Member)-[:IN_CONVERSATION]->(c) WHERE m <> me | m.displayName][..4] AS others
                ORDER BY coalesce(c.lastMessageAt, c.createdAt) DESC""", Map.of("viewer", viewer), r -> {
            var c = r.get("c");
            String kind = c.get("kind").asString();
            String title = switch (kind) {
                case "group" -> r.get("g").get("name").asString(null);
                case "adhoc" -> {
                    String t = c.get("title").asString("");
                    yield t.isBlank() ? String.join(", ", r.get("others").asList(Value::asString)) : t;
                }
                default -> null;
            };
            var last = r.get("last");
            String excerpt = null;
            String lastAuthor = null;
            String lastImage = null;
            if (!last.isNull() && !r.get("lastHidden").asBoolean()) {
                lastAuthor = r.get("lastAuthor").asString(null);
                boolean shown = last.get("deletedAt").isNull() && last.get("moderation").isNull();
                excerpt = shown ? excerpt(last.get("text").asString("")) : "";
                lastImage = shown ? r.get("lastImage").asString(null) : null;
            }
            long lastSeq = c.get("lastSeq").asLong(0);
            long readSeq = r.get("readSeq").asLong();
            var other = r.get("other");
            return new ConversationSummary(c.get("id").asString(), kind, title,
                    other.isNull() ? null : other.get("handle").asString(),
                    other.isNull() ? null : other.get("displayName").asString(),
                    r.get("g").isNull() ? null : r.get("g").get("slug").asString(),
                    lastAuthor, excerpt, instant(c.get("lastMessageAt")), lastSeq, Math.max(0, lastSeq - readSeq),
                    r.get("muted").asBoolean(), lastImage == null ? null : excerpt(lastImage));
        });
    }

    /** At most 120 characters of the text, on one line. */
    static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        if (PostText.length(line) <= 120) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, 119)) + "…";
    }

    boolean isParticipant(String viewer, String conversation) {
        var rows = graph.query(IS_PARTICIPANT, Map.of("viewer", viewer, "conversation", conversation),
                r -> r.get("ok").asBoolean());
        return !rows.isEmpty() && rows.getFirst();
    }

    Optional<ConversationView> open(String viewer, String conversation) {
        return graph.inRead(tx -> {
            var rows = tx.run("""
                    MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
                    WHERE %s
                    OPTIONAL MATCH (g:Group)-[:HAS_CHAT]->(c)
                    OPTIONAL MATCH (me)-[r:IN_CONVERSATION]->(c)
                    RETURN c {.id, .kind, .title, .createdAt, .lastSeq} AS c, g {.id, .slug, .name} AS g,
                           coalesce(r.readSeq, 0) AS readSeq, coalesce(r.muted, false) AS muted,
                           c.kind = 'direct' AND EXISTS { (me)-[:BLOCKS]-(o:Member) WHERE o.id IN split(c.pairKey, ':') } AS blocked,
                           c.kind = 'group' AND EXISTS { (me)-[s:MUTED_IN]->(g) WHERE s.until IS NULL OR s.until > datetime() } AS mutedInGroup
                    """.formatted(PARTICIPANT), Map.of("viewer", viewer, "conversation", conversation)).list();
            if (rows.isEmpty()) {
                return Optional.<ConversationView>empty();
            }
            var r = rows.getFirst();
            var c = r.get("c");
            var g = r.get("g");
            String kind = c.get("kind").asString();
            List<ConversationView.Participant> participants = tx.run("""
                    MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
                    CALL (c) {
                        MATCH (m:Member)-[:IN_CONVERSATION]->(c) WHERE c.kind <> 'group' RETURN m
                        UNION
                        MATCH (m:Member)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c) WHERE c.kind = 'group' RETURN m
                    }
                    WITH me, c, m WHERE m = me OR c.kind = 'direct' OR NOT EXISTS { (me)-[:BLOCKS]-(m) }
                    OPTIONAL MATCH (m)-[r:IN_CONVERSATION]->(c)
                    RETURN m.id AS id, m.handle AS handle, m.displayName AS name, coalesce(r.readSeq, 0) AS readSeq,
                           coalesce(m.readReceipts, true) AND (m = me OR NOT EXISTS { (me)-[:BLOCKS]-(m) }) AS receipts
                    ORDER BY toLower(m.displayName)""", Map.of("viewer", viewer, "conversation", conversation))
                    .list(p -> new ConversationView.Participant(p.get("id").asString(), p.get("handle").asString(),
                            p.get("name").asString(), p.get("readSeq").asLong(), p.get("receipts").asBoolean()));
            String refusal = r.get("blocked").asBoolean() ? MessagingRefusal.BLOCKED
                    : r.get("mutedInGroup").asBoolean() ? MessagingRefusal.MUTED_IN_GROUP : null;
            String title = "group".equals(kind) ? g.get("name").asString(null) : c.get("title").asString(null);
            return Optional.of(new ConversationView(c.get("id").asString(), kind, title,
                    g.isNull() ? null : g.get("id").asString(), g.isNull() ? null : g.get("slug").asString(),
                    g.isNull() ? null : g.get("name").asString(), instant(c.get("createdAt")), c.get("lastSeq").asLong(0),
                    r.get("readSeq").asLong(), r.get("muted").asBoolean(), refusal, participants));
        });
    }

    /** Everyone who takes part now (the group's members for a group chat). */
    List<String> participantIds(String conversation) {
        return graph.query("""
                MATCH (c:Conversation {id: $conversation})
                CALL (c) {
                    MATCH (m:Member)-[:IN_CONVERSATION]->(c) WHERE c.kind <> 'group' RETURN m
                    UNION
                    MATCH (m:Member)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c) WHERE c.kind = 'group' RETURN m
                }
                RETURN m.id AS id""", Map.of("conversation", conversation), r -> r.get("id").asString());
    }

    /**
     * Who of the conversation may be told what {@code viewer} does there that is not stored (typing):
     * the participants other than the viewer with no block either way, in every kind of conversation.
     */
    List<String> othersUnblocked(String viewer, String conversation) {
        return graph.query("""
                MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
                CALL (c) {
                    MATCH (m:Member)-[:IN_CONVERSATION]->(c) WHERE c.kind <> 'group' RETURN m
                    UNION
                    MATCH (m:Member)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c) WHERE c.kind = 'group' RETURN m
                }
                WITH me, m WHERE m <> me AND NOT EXISTS { (me)-[:BLOCKS]-(m) }
                RETURN m.id AS id""", Map.of("viewer", viewer, "conversation", conversation), r -> r.get("id").asString());
    }

    /** Leaves a direct or ad-hoc conversation; false if not in it (a group chat is left with the group). */
    boolean leave(String viewer, String conversation) {
        return graph.writeOne("""
                MATCH (:Member {id: $viewer})-[r:IN_CONVERSATION]->(c:Conversation {id: $conversation})
                WHERE c.kind <> 'group'
                DELETE r
                RETURN count(*) AS n""", Map.of("viewer", viewer, "conversation", conversation),
                r -> r.get("n").asLong()).orElseThrow() > 0;
    }

    boolean mute(String viewer, String conversation, boolean muted) {
        return graph.writeOne("""
                MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
                WHERE %s
                MERGE (me)-[r:IN_CONVERSATION]->(c)
                  ON CREATE SET r.joinedAt = datetime(), r.readSeq = 0
                SET r.muted = $muted
                RETURN count(*) AS n""".formatted(PARTICIPANT), Map.of("viewer", viewer, "conversation", conversation,
                "muted", muted), r -> r.get("n").asLong()).orElseThrow() > 0;
    }
}
