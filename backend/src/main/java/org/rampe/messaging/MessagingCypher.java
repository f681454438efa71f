package org.rampe.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.social.PostText;

/**
 * The Cypher the messaging repositories share: who takes part in a conversation, who sees whose
 * messages, who receives what a member does in it, and how a message row reads. The rules are
 * written once here and spliced into the statements of {@link ConversationRepository},
 * {@link MessageRepository} and {@link ReadMarkRepository}, each with the variable names
 * {@code me}, {@code c}, {@code a} and {@code x} that these fragments expect.
 */
final class MessagingCypher {

    private MessagingCypher() {
    }

    /**
     * {@code me} takes part in {@code c}: a relationship {@code IN_CONVERSATION} for direct and
     * ad-hoc conversations, membership of the group for a group chat (so that joining the group
     * gives access and leaving or a ban takes it away, with nothing to keep in step).
     */
    static final String PARTICIPANT = """
            CASE WHEN c.kind = 'group'
                 THEN EXISTS { (me)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c) }
                 ELSE EXISTS { (me)-[:IN_CONVERSATION]->(c) } END""";

    /**
     * {@code me} sees the messages of author {@code a} in {@code c}: always their own and all of a
     * direct conversation (where a block stops the conversation instead); in ad-hoc and group
     * chats not those of a member they block or who blocks them, as for group posts.
     */
    static final String SEES_AUTHOR = "(a = me OR c.kind = 'direct' OR NOT EXISTS { (me)-[:BLOCKS]-(a) })";

    /**
     * {@code me} may start a conversation with {@code m} (a first message, or putting them in an
     * ad-hoc chat): no block either way, and {@code m}'s choice of who may message them
     * ({@link MessagesFrom}; absent = members they follow and members of their groups) lets {@code me} in.
     */
    static final String MAY_START = """
            (NOT EXISTS { (me)-[:BLOCKS]-(m) } AND CASE coalesce(m.messagesFrom, 'contacts')
                WHEN 'everyone' THEN true
                WHEN 'followed' THEN EXISTS { (m)-[:FOLLOWS]->(me) }
                WHEN 'nobody' THEN false
                ELSE EXISTS { (m)-[:FOLLOWS]->(me) } OR EXISTS { (m)-[:MEMBER_OF]->(:Group)<-[:MEMBER_OF]-(me) } END)""";

    /** A message {@code x} of author {@code a}, as {@link #message} reads it. */
    static final String MESSAGE = """
            x {.id, .conversationId, .seq, .clientKey, .text, .createdAt, .editedAt, .deletedAt, .moderation} AS message,
            a {.id, .handle, .displayName} AS author,
            [(x)-[:HAS_IMAGE]->(img:Image) | img {.id, .alt, .width, .height}] AS images""";

    /**
     * The ids of the current participants of {@code c} who may read messages of {@code me} (me
     * included), as an expression: the recipients of what the sending statement stores and of an
     * edit, a deletion or a read mark. A block either way leaves the other out in every kind of
     * conversation, a direct one included (issue 17: a read mark of the blocker must not reach the
     * member they blocked; sending there is refused anyway).
     */
    static final String RECIPIENT_IDS = """
            COLLECT {
                MATCH (m:Member)-[:IN_CONVERSATION]->(c)
                WHERE c.kind <> 'group' AND (m = me OR NOT EXISTS { (me)-[:BLOCKS]-(m) })
                RETURN m.id AS id
                UNION
                MATCH (m:Member)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c)
                WHERE c.kind = 'group' AND (m = me OR NOT EXISTS { (me)-[:BLOCKS]-(m) })
                RETURN m.id AS id
            }""";

    /** {@link #RECIPIENT_IDS} of what {@code author} did in the conversation, inside the caller's transaction. */
    static List<String> recipients(TransactionContext tx, String conversation, String author) {
        return tx.run("""
                MATCH (c:Conversation {id: $conversation}), (me:Member {id: $author})
                RETURN %s AS recipients""".formatted(RECIPIENT_IDS), Map.of("conversation", conversation, "author", author))
                .single().get("recipients").asList(Value::asString);
    }

    /**
     * A message as {@code viewer} reads it: a deleted one without text; one hidden by moderators
     * is read by its author only, a removed one by nobody (as posts).
     */
    static MessageView message(Record r, String viewer) {
        var x = r.get("message");
        var a = r.get("author");
        String authorId = a.get("id").asString();
        String moderation = x.get("moderation").asString(null);
        boolean deleted = !x.get("deletedAt").isNull() || "removed".equals(moderation)
                || ("hidden".equals(moderation) && !authorId.equals(viewer));
        String text = deleted ? "" : x.get("text").asString("");
        String clientKey = x.get("clientKey").asString("");
        String clientId = clientKey.startsWith(authorId + ":") ? clientKey.substring(authorId.length() + 1) : clientKey;
        return new MessageView(x.get("id").asString(), x.get("conversationId").asString(), x.get("seq").asLong(), clientId,
                authorId, a.get("handle").asString(null), a.get("displayName").asString(null),
                deleted ? "" : PostText.html(text, h -> false), text, instant(x.get("createdAt")), instant(x.get("editedAt")),
                deleted, deleted || !r.containsKey("images") ? null : image(r.get("images")));
    }

    /** The image of a message (one at most). */
    private static MessageImage image(Value images) {
        if (images.isNull() || images.size() == 0) {
            return null;
        }
        Value i = images.get(0);
        return new MessageImage(i.get("id").asString(), i.get("alt").asString(""), i.get("width").asInt(0), i.get("height").asInt(0));
    }

    static Instant instant(Value v) {
        return v == null || v.isNull() ? null : v.asZonedDateTime().toInstant();
    }
}
