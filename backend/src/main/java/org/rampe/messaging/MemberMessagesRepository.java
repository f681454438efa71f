package org.rampe.messaging;

import static org.rampe.graph.Graph.params;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * One member's messaging data as a whole, for their archive and their erasure (issue 16): the
 * conversations they are in, the messages they sent and their images. Reads stream
 * ({@link Graph#each}); erasing writes work in batches of at most {@link #BATCH} and say how much
 * they did, so that the caller loops until nothing is left (and a run after a crash finishes).
 */
@Repository
class MemberMessagesRepository {

    static final int BATCH = 1_000;

    private final Graph graph;

    MemberMessagesRepository(Graph graph) {
        this.graph = graph;
    }

    // ---- export --------------------------------------------------------------------------

    /** A conversation as the archive lists it: the other participants by handle only. */
    record ConversationItem(String id, String kind, String title, List<String> otherParticipants, Instant joinedAt) {
    }

    /** A message the member sent; {@code text} null once deleted. */
    record MessageItem(String id, String conversationId, Instant sentAt, Instant editedAt, Instant deletedAt,
                       String text, List<String> imageIds) {
    }

    /** An image of one of their messages still kept. */
    record ImageRef(String id, String alt) {
    }

    void conversations(String member, Consumer<ConversationItem> each) {
        graph.each("""
                MATCH (me:Member {id: $member})
                CALL (me) {
                    MATCH (me)-[r:IN_CONVERSATION]->(c:Conversation) WHERE c.kind <> 'group'
                    RETURN c, r.joinedAt AS joinedAt, null AS g
                    UNION
                    MATCH (me)-[r:MEMBER_OF]->(g:Group)-[:HAS_CHAT]->(c:Conversation)
                    RETURN c, r.since AS joinedAt, g
                }
                RETURN c.id AS id, c.kind AS kind, CASE WHEN g IS NULL THEN c.title ELSE g.name END AS title, joinedAt,
                       CASE WHEN g IS NULL
                            THEN [(o:Member)-[:IN_CONVERSATION]->(c) WHERE o <> me AND o.handle IS NOT NULL | o.handle]
                            ELSE [(o:Member)-[:MEMBER_OF]->(g) WHERE o <> me AND o.handle IS NOT NULL | o.handle] END AS others
                ORDER BY coalesce(c.lastMessageAt, c.createdAt) DESC""", params("member", member),
                r -> each.accept(new ConversationItem(r.get("id").asString(), r.get("kind").asString(),
                        blankToNull(r.get("title").asString(null)), r.get("others").asList(Value::asString),
                        MessagingCypher.instant(r.get("joinedAt")))));
    }

    void messages(String member, Consumer<MessageItem> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[:SENT]->(x:Message)
                RETURN x {.id, .conversationId, .createdAt, .editedAt, .deletedAt, .text} AS x,
                       [(x)-[:HAS_IMAGE]->(i:Image) | i.id] AS images
                ORDER BY x.createdAt""", params("member", member), r -> {
            Value x = r.get("x");
            boolean deleted = !x.get("deletedAt").isNull();
            each.accept(new MessageItem(x.get("id").asString(), x.get("conversationId").asString(),
                    MessagingCypher.instant(x.get("createdAt")), MessagingCypher.instant(x.get("editedAt")),
                    MessagingCypher.instant(x.get("deletedAt")), deleted ? null : x.get("text").asString(""),
                    r.get("images").asList(Value::asString)));
        });
    }

    void images(String member, Consumer<ImageRef> each) {
        graph.each("""
                MATCH (:Member {id: $member})-[:SENT]->(:Message)-[:HAS_IMAGE]->(i:Image)
                RETURN i.id AS id, i.alt AS alt""", params("member", member),
                r -> each.accept(new ImageRef(r.get("id").asString(), r.get("alt").asString(""))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---- erasure -------------------------------------------------------------------------

    /** Messages of a conversation deleted whole, and the image files to remove after it. */
    record Removed(long messages, List<String> imageIds) {
    }

    /** What a batch of the member's messages became: who is told live, and which image files go. */
    record Anonymised(String conversationId, String messageId, long seq, Instant createdAt, List<String> imageIds) {
    }

    /**
     * Deletes up to {@link #BATCH} messages (and their images) of the direct and ad-hoc
     * conversations in which the member is the last participant: nobody is left to read them.
     */
    Removed deleteMessagesOfLonelyConversations(String member) {
        return graph.writeOne("""
                MATCH (me:Member {id: $member})-[:IN_CONVERSATION]->(c:Conversation)
                WHERE c.kind <> 'group' AND NOT EXISTS { (o:Member)-[:IN_CONVERSATION]->(c) WHERE o <> me }
                MATCH (x:Message)-[:IN]->(c)
                WITH x LIMIT $batch
                OPTIONAL MATCH (x)-[:HAS_IMAGE]->(i:Image)
                WITH x, collect(i) AS images
                WITH x, images, [i IN images | i.id] AS ids
                FOREACH (i IN images | DETACH DELETE i)
                DETACH DELETE x
                RETURN count(x) AS n, reduce(all = [], l IN collect(ids) | all + l) AS ids""",
                params("member", member, "batch", BATCH),
                r -> new Removed(r.get("n").asLong(), r.get("ids").asList(Value::asString))).orElseThrow();
    }

    /** Deletes the member's lonely conversations once they hold no message; how many. */
    long deleteLonelyConversations(String member) {
        return graph.writeOne("""
                MATCH (me:Member {id: $member})-[:IN_CONVERSATION]->(c:Conversation)
                WHERE c.kind <> 'group' AND NOT EXISTS { (o:Member)-[:IN_CONVERSATION]->(c) WHERE o <> me }
                  AND NOT EXISTS { (:Message)-[:IN]->(c) }
                WITH c LIMIT $batch
                DETACH DELETE c
                RETURN count(*) AS n""", params("member", member, "batch", BATCH),
                r -> r.get("n").asLong()).orElseThrow();
    }

    /**
     * Up to {@link #BATCH} of the member's messages become deleted messages of the former member:
     * no text, no edit time, no image, a client key that no longer holds their id; each keeps its
     * place ({@code seq}) in its conversation, as when an author deletes a message.
     */
    List<Anonymised> anonymiseSent(String member, String former, Instant at) {
        return graph.writeList("""
                MATCH (f:Member:Former {id: $former})
                MATCH (:Member {id: $member})-[s:SENT]->(x:Message)
                WITH f, s, x LIMIT $batch
                DELETE s
                CREATE (f)-[:SENT]->(x)
                SET x.deletedAt = coalesce(x.deletedAt, $at), x.text = '', x.clientKey = $former + ':' + x.id
                REMOVE x.editedAt
                WITH x
                OPTIONAL MATCH (x)-[:HAS_IMAGE]->(i:Image)
                WITH x, collect(i) AS images
                WITH x, images, [i IN images | i.id] AS ids
                FOREACH (i IN images | DETACH DELETE i)
                RETURN x.conversationId AS conversation, x.id AS id, x.seq AS seq, x.createdAt AS createdAt, ids""",
                params("member", member, "former", former, "batch", BATCH, "at", at.atOffset(ZoneOffset.UTC)),
                MemberMessagesRepository::anonymised);
    }

    private static Anonymised anonymised(Record r) {
        return new Anonymised(r.get("conversation").asString(), r.get("id").asString(), r.get("seq").asLong(),
                MessagingCypher.instant(r.get("createdAt")), r.get("ids").asList(Value::asString));
    }

    /** The one former-member node, made on first use (no handle, no name: pages draw "former member"). */
    void formerMember(String former) {
        graph.write("MERGE (f:Member:Former {id: $former})", params("former", former));
    }

    /**
     * Direct conversations whose pair key names the member (those they left too) lose it: the key
     * would hold their id, and no new message can reach them anyway. Up to {@link #BATCH}; how many.
     */
    long forgetPairKeys(String member) {
        return graph.writeOne("""
                MATCH (c:Conversation)
                WHERE c.pairKey STARTS WITH $member + ':' OR c.pairKey ENDS WITH ':' + $member
                WITH c LIMIT $batch
                REMOVE c.pairKey
                RETURN count(c) AS n""", params("member", member, "batch", BATCH),
                r -> r.get("n").asLong()).orElseThrow();
    }

    /** The member's places in conversations (read marks, mutes), up to {@link #BATCH}; how many. */
    long leaveConversations(String member) {
        return graph.writeOne("""
                MATCH (:Member {id: $member})-[r:IN_CONVERSATION]->(:Conversation)
                WITH r LIMIT $batch
                DELETE r
                RETURN count(r) AS n""", params("member", member, "batch", BATCH),
                r -> r.get("n").asLong()).orElseThrow();
    }

    /** Their messaging settings. */
    void forgetSettings(String member) {
        graph.write("MATCH (m:Member {id: $member}) REMOVE m.readReceipts, m.presenceVisible, m.messagesFrom", params("member", member));
    }
}
