package org.rampe.messaging;

import static org.rampe.messaging.MessagingCypher.MESSAGE;
import static org.rampe.messaging.MessagingCypher.PARTICIPANT;
import static org.rampe.messaging.MessagingCypher.RECIPIENT_IDS;
import static org.rampe.messaging.MessagingCypher.SEES_AUTHOR;
import static org.rampe.messaging.MessagingCypher.message;
import static org.rampe.messaging.MessagingCypher.recipients;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Messages: reading a conversation's pages, storing a message (in group commits, see
 * {@link SendBatches}), editing and deleting one's own, and who may see a message's image.
 * Messages are reached through the index {@code message_conversation_seq} (equality on the
 * conversation, range on seq) after the member and the conversation are found by their unique ids.
 */
@Repository
class MessageRepository {

    /** The newest page of messages before {@code $before}, read by {@code $viewer} (a participant). */
    static final String HISTORY = """
            MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
            WHERE %s
            MATCH (x:Message) WHERE x.conversationId = $conversation AND x.seq < $before
            MATCH (a:Member)-[:SENT]->(x)
            WHERE %s
            WITH me, x, a ORDER BY x.seq DESC LIMIT $limit
            RETURN %s ORDER BY x.seq""".formatted(PARTICIPANT, SEES_AUTHOR, MESSAGE);

    /** Catch-up: the oldest messages after {@code $after}. */
    static final String AFTER = """
            MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
            WHERE %s
            MATCH (x:Message) WHERE x.conversationId = $conversation AND x.seq > $after
            MATCH (a:Member)-[:SENT]->(x)
            WHERE %s
            WITH me, x, a ORDER BY x.seq LIMIT $limit
            RETURN %s ORDER BY x.seq""".formatted(PARTICIPANT, SEES_AUTHOR, MESSAGE);

    /**
     * One statement, one round trip: lock the conversation, check the sender may write there and
     * that the client key is new, and only then take the next seq, store the message and read who
     * may see it. The lock (a write on the conversation, first) makes the seq the next one in commit
     * order and makes a concurrent send of the same client key wait and then find the stored one;
     * the constraint on {@code clientKey} catches what slips through (the caller reads the stored
     * message again). Checking before writing in two statements cost a second transaction per
     * message, which the send benchmark showed (see docs/benchmarks.md, live messaging).
     */
    static final String SEND = """
            MATCH (c:Conversation {id: $conversation})
            SET c._lock = true REMOVE c._lock
            WITH c
            MATCH (me:Member {id: $sender})
            OPTIONAL MATCH (a0:Member)-[:SENT]->(x0:Message {clientKey: $clientKey})
            WITH c, me, a0, x0, %s AS participant,
                 c.kind = 'direct' AND EXISTS { (me)-[:BLOCKS]-(o:Member) WHERE o.id IN split(c.pairKey, ':') } AS blocked,
                 c.kind = 'group' AND EXISTS { (me)-[s:MUTED_IN]->(:Group)-[:HAS_CHAT]->(c)
                                               WHERE s.until IS NULL OR s.until > datetime() } AS mutedInGroup
            WITH c, me, a0, x0, participant, blocked, mutedInGroup,
                 x0 IS NULL AND participant AND NOT blocked AND NOT mutedInGroup AS writes
            // Both branches give one row; OPTIONAL CALL with a filtered write inside answered a row
            // with an empty node when nothing was written (Neo4j 2026.08).
            CALL (c, me, writes) {
                WITH c, me WHERE writes
                SET c.lastSeq = coalesce(c.lastSeq, 0) + 1, c.lastMessageAt = datetime()
                CREATE (me)-[:SENT]->(x:Message {id: $id, conversationId: c.id, seq: c.lastSeq, clientKey: $clientKey,
                                                 text: $text, createdAt: c.lastMessageAt})-[:IN]->(c)
                FOREACH (img IN CASE WHEN $image IS NULL THEN [] ELSE [$image] END |
                    CREATE (x)-[:HAS_IMAGE]->(:Image {id: img.id, alt: img.alt, width: img.width, height: img.height,
                                                      createdAt: x.createdAt}))
                MERGE (me)-[r:IN_CONVERSATION]->(c)
                  ON CREATE SET r.joinedAt = datetime(), r.muted = false
                SET r.readSeq = x.seq
                WITH c, x
                CALL (c, x) {
                    UNWIND CASE WHEN c.kind = 'direct' THEN split(c.pairKey, ':') ELSE [] END AS mid
                    MATCH (m:Member {id: mid})
                    MERGE (m)-[p:IN_CONVERSATION]->(c)
                      ON CREATE SET p.joinedAt = datetime(), p.readSeq = x.seq - 1, p.muted = false
                }
                RETURN x AS created
                UNION
                WITH writes WHERE NOT writes
                RETURN null AS created
            }
            WITH c, me, participant, blocked, mutedInGroup, created,
                 CASE WHEN created IS NULL THEN x0 ELSE created END AS x, CASE WHEN created IS NULL THEN a0 ELSE me END AS a
            RETURN participant, blocked, mutedInGroup, created IS NOT NULL AS stored,
                   CASE WHEN created IS NULL THEN [] ELSE %s END AS recipients,
                   %s""".formatted(PARTICIPANT, RECIPIENT_IDS,
            // A map projection of null is a map of nulls here, not null: no message is null itself.
            MESSAGE.replace("x {", "CASE WHEN x IS NULL THEN null ELSE x {").replace("} AS message", "} END AS message"));

    /** What stopped a send (nothing stored) or the message found under the client key. */
    record SendCheck(boolean participant, boolean blocked, boolean mutedInGroup, MessageView existing) {
    }

    /** A stored message and who may read it; {@code check} says why not when nothing was stored. */
    record Stored(SendCheck check, MessageView message, List<String> recipients) {
    }

    /** What a send into a conversation that does not exist gets: not a participant. */
    static final Stored NO_CONVERSATION = new Stored(new SendCheck(false, false, false, null), null, List.of());

    /** A deleted message, who may read it, and the ids of the image files to remove now that it is gone. */
    record Deleted(MessageView message, List<String> recipients, List<String> imageIds) {
    }

    private final Graph graph;
    private final SendBatches batches;

    MessageRepository(Graph graph,
                      @org.springframework.beans.factory.annotation.Value("${rampe.messaging.writers:2}") int writers,
                      @org.springframework.beans.factory.annotation.Value("${rampe.messaging.max-batch:64}") int maxBatch) {
        this.graph = graph;
        this.batches = new SendBatches(writers, maxBatch, this::sendBatch);
    }

    /** The group commit of sends (tests look at its batches). */
    SendBatches batches() {
        return batches;
    }

    @PreDestroy
    void stopWriters() {
        batches.close();
    }

    // ---- reading -------------------------------------------------------------------------

    List<MessageView> history(String viewer, String conversation, long before, int limit) {
        return graph.query(HISTORY, Map.of("viewer", viewer, "conversation", conversation,
                "before", before, "limit", limit), r -> message(r, viewer));
    }

    List<MessageView> after(String viewer, String conversation, long after, int limit) {
        return graph.query(AFTER, Map.of("viewer", viewer, "conversation", conversation,
                "after", after, "limit", limit), r -> message(r, viewer));
    }

    /** The message stored under a client key (after a constraint said it is there). */
    Optional<MessageView> byClientKey(String viewer, String clientKey) {
        return graph.query("""
                MATCH (a:Member)-[:SENT]->(x:Message {clientKey: $clientKey})
                RETURN %s""".formatted(MESSAGE), Map.of("clientKey", clientKey), r -> message(r, viewer)).stream().findFirst();
    }

    /** One's own message, still there (not deleted nor moderated): the edit and delete forms. */
    Optional<MessageView> own(String author, String messageId) {
        return graph.query("""
                MATCH (a:Member {id: $author})-[:SENT]->(x:Message {id: $id})
                WHERE x.deletedAt IS NULL AND x.moderation IS NULL
                RETURN %s""".formatted(MESSAGE), Map.of("author", author, "id", messageId), r -> message(r, author))
                .stream().findFirst();
    }

    /**
     * Whether {@code viewer} sees the message {@code messageId} of {@code conversationId}: a current
     * participant who sees its author, the message neither deleted nor removed, and a hidden one only
     * to its author (as {@link #canSeeImage}).
     */
    boolean sees(String viewer, String conversationId, String messageId) {
        return graph.exists("""
                MATCH (me:Member {id: $viewer})
                MATCH (a:Member)-[:SENT]->(x:Message {id: $id})-[:IN]->(c:Conversation {id: $conversation})
                WHERE x.deletedAt IS NULL AND (x.moderation IS NULL OR (x.moderation = 'hidden' AND a = me))
                  AND %s AND %s
                RETURN count(x) > 0 AS ok""".formatted(PARTICIPANT, SEES_AUTHOR),
                Map.of("viewer", viewer, "id", messageId, "conversation", conversationId));
    }

    /**
     * Whether {@code viewer} may see the image {@code imageId} of a message: a current participant
     * of its conversation who sees its author (blocks in ad-hoc and group chats), the message
     * neither deleted nor removed, and a hidden one only to its author (as its text).
     */
    boolean canSeeImage(String viewer, String imageId) {
        return graph.exists("""
                MATCH (me:Member {id: $viewer})
                MATCH (x:Message)-[:HAS_IMAGE]->(:Image {id: $image})
                MATCH (a:Member)-[:SENT]->(x)-[:IN]->(c:Conversation)
                WHERE x.deletedAt IS NULL AND (x.moderation IS NULL OR (x.moderation = 'hidden' AND a = me))
                  AND %s AND %s
                RETURN count(x) > 0 AS ok""".formatted(PARTICIPANT, SEES_AUTHOR),
                Map.of("viewer", viewer, "image", imageId));
    }

    // ---- sending -------------------------------------------------------------------------

    /**
     * Stores the message unless the client key is already there or the sender may not write in
     * the conversation; nothing is written then, and {@code check} says which. Sends arriving
     * together are stored together ({@link SendBatches}); each still gets its own answer.
     */
    Stored send(String sender, String conversation, String clientKey, String id, String text, NewImage image) {
        return batches.send(sender, conversation, sendParameters(sender, conversation, clientKey, id, text, image));
    }

    /**
     * Several sends in one write transaction, each its own {@link #SEND} statement in arrival order
     * (a later one sees what an earlier one stored: the same client id twice is stored once), one
     * answer per send. One statement for all of them ({@code UNWIND} over the sends around SEND's
     * body) failed on Neo4j 2026.08 with "Expected to find a relationship at ref slot 0 but found
     * Map" (slot allocation of the nested subqueries), in the slotted and the interpreted runtime.
     */
    List<Stored> sendBatch(List<SendBatches.Request> requests) {
        return graph.inWrite(tx -> {
            List<Stored> answers = new ArrayList<>(requests.size());
            for (var request : requests) {
                var rows = tx.run(SEND, request.parameters()).list();
                answers.add(rows.isEmpty() ? NO_CONVERSATION : stored(request.sender(), rows.getFirst()));
            }
            return answers;
        });
    }

    private static Stored stored(String sender, Record r) {
        MessageView message = r.get("message").isNull() ? null : message(r, sender);
        if (r.get("stored").asBoolean()) {
            return new Stored(null, message, r.get("recipients").asList(Value::asString));
        }
        return new Stored(new SendCheck(r.get("participant").asBoolean(), r.get("blocked").asBoolean(),
                r.get("mutedInGroup").asBoolean(), message), null, List.of());
    }

    private static Map<String, Object> sendParameters(String sender, String conversation, String clientKey, String id,
                                                      String text, NewImage image) {
        Map<String, Object> params = new HashMap<>(Map.of("conversation", conversation, "sender", sender, "id", id,
                "clientKey", clientKey, "text", text));
        params.put("image", image == null ? null : image.properties());
        return params;
    }

    // ---- editing and deleting ------------------------------------------------------------

    /** Changes the text of the author's own message (not deleted, not moderated); empty if not theirs. */
    Optional<Stored> edit(String author, String messageId, String text) {
        return graph.inWrite(tx -> {
            var rows = tx.run("""
                    MATCH (a:Member {id: $author})-[:SENT]->(x:Message {id: $id})-[:IN]->(c:Conversation)
                    WHERE x.deletedAt IS NULL AND x.moderation IS NULL
                    SET x.text = $text, x.editedAt = datetime()
                    RETURN %s""".formatted(MESSAGE), Map.of("author", author, "id", messageId, "text", text)).list();
            if (rows.isEmpty()) {
                return Optional.<Stored>empty();
            }
            MessageView m = message(rows.getFirst(), author);
            return Optional.of(new Stored(null, m, recipients(tx, m.conversationId(), author)));
        });
    }

    /** Deletes the text and the image node of the author's own message; the message keeps its place. */
    Optional<Deleted> delete(String author, String messageId) {
        return graph.inWrite(tx -> {
            var rows = tx.run("""
                    MATCH (a:Member {id: $author})-[:SENT]->(x:Message {id: $id})-[:IN]->(c:Conversation)
                    WHERE x.deletedAt IS NULL
                    SET x.deletedAt = datetime(), x.text = ''
                    RETURN %s""".formatted(MESSAGE), Map.of("author", author, "id", messageId)).list();
            if (rows.isEmpty()) {
                return Optional.<Deleted>empty();
            }
            List<String> imageIds = tx.run("""
                    MATCH (:Message {id: $id})-[:HAS_IMAGE]->(img:Image)
                    WITH img, img.id AS imageId
                    DETACH DELETE img
                    RETURN imageId""", Map.of("id", messageId)).list(r -> r.get("imageId").asString());
            MessageView m = message(rows.getFirst(), author);
            return Optional.of(new Deleted(m, recipients(tx, m.conversationId(), author), imageIds));
        });
    }
}
