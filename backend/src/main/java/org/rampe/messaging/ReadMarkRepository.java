package org.rampe.messaging;

import static org.rampe.messaging.MessagingCypher.PARTICIPANT;
import static org.rampe.messaging.MessagingCypher.recipients;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Read marks: how far each participant has read a conversation ({@code IN_CONVERSATION.readSeq}
 * against {@code Conversation.lastSeq}), moving a mark forward, and the unread counts of the header
 * that follow from them.
 */
@Repository
class ReadMarkRepository {

    /**
     * Unread messages of {@code me} over the conversations it is in and the chats of its groups,
     * muted ones left out (see {@link org.rampe.site.UnreadMessages#countOfMe}): one row, {@code n}.
     */
    static final String UNREAD_OF_ME = """
            CALL (me) {
                MATCH (me)-[:IN_CONVERSATION]->(c:Conversation) WHERE c.kind <> 'group' RETURN c
                UNION
                MATCH (me)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c:Conversation) RETURN c
            }
            OPTIONAL MATCH (me)-[r:IN_CONVERSATION]->(c)
            WITH c, r WHERE NOT coalesce(r.muted, false)
            RETURN sum(CASE WHEN c.lastSeq > coalesce(r.readSeq, 0) THEN c.lastSeq - coalesce(r.readSeq, 0) ELSE 0 END) AS n""";

    /** Unread messages of the conversations not muted (the header's count), for each member of {@code $ids}. */
    static final String UNREAD_TOTALS = """
            UNWIND $ids AS id
            MATCH (me:Member {id: id})
            CALL (me) {
            %s
            }
            RETURN id, n""".formatted(UNREAD_OF_ME);

    private final Graph graph;

    ReadMarkRepository(Graph graph) {
        this.graph = graph;
    }

    int unreadTotal(String viewer) {
        return unreadTotals(List.of(viewer)).get(viewer).intValue();
    }

    /** A member with no conversation, or none unread, counts 0. */
    Map<String, Long> unreadTotals(Collection<String> viewers) {
        Map<String, Long> totals = new HashMap<>();
        graph.query(UNREAD_TOTALS, Map.of("ids", List.copyOf(viewers)), r -> r)
                .forEach(r -> totals.put(r.get("id").asString(), r.get("n").asLong()));
        viewers.forEach(id -> totals.putIfAbsent(id, 0L));
        return totals;
    }

    /** A mark that moved (or not: {@code after == before}), the reader's handle and choice, and who to tell. */
    record Read(long before, long after, String handle, boolean receipts, List<String> recipients) {
    }

    /** Moves the reader's mark forward to {@code seq} (never back, never past the last message). */
    Optional<Read> markRead(String viewer, String conversation, long seq) {
        return graph.inWrite(tx -> {
            var rows = tx.run("""
                    MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
                    WHERE %s
                    MERGE (me)-[r:IN_CONVERSATION]->(c)
                      ON CREATE SET r.joinedAt = datetime(), r.readSeq = 0, r.muted = false
                    WITH me, c, r, r.readSeq AS before
                    SET r.readSeq = CASE WHEN $seq > before THEN CASE WHEN $seq > c.lastSeq THEN c.lastSeq ELSE $seq END ELSE before END
                    RETURN before, r.readSeq AS after, me.handle AS handle, coalesce(me.readReceipts, true) AS receipts"""
                    .formatted(PARTICIPANT), Map.of("viewer", viewer, "conversation", conversation, "seq", seq)).list();
            if (rows.isEmpty()) {
                return Optional.<Read>empty();
            }
            var r = rows.getFirst();
            long before = r.get("before").asLong();
            long after = r.get("after").asLong();
            return Optional.of(new Read(before, after, r.get("handle").asString(), r.get("receipts").asBoolean(),
                    after > before ? recipients(tx, conversation, viewer) : List.of()));
        });
    }

    /** A group member who just joined starts with the chat read: its past is not "unread" to them. */
    void joinedGroup(String groupId, String memberId) {
        graph.write("""
                MATCH (m:Member {id: $member})-[:MEMBER_OF]->(g:Group {id: $group})-[:HAS_CHAT]->(c:Conversation)
                MERGE (m)-[r:IN_CONVERSATION]->(c)
                  ON CREATE SET r.joinedAt = datetime(), r.muted = false, r.readSeq = c.lastSeq""",
                Map.of("member", memberId, "group", groupId));
    }
}
