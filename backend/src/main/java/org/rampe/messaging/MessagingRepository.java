package org.rampe.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Transactions;
import org.rampe.social.PostText;
import org.springframework.stereotype.Repository;

/**
 * The Cypher of messaging: Driver in, records out. Every query starts from the member and the
 * conversation found by their unique ids; messages are reached through the index
 * {@code message_conversation_seq} (equality on the conversation, range on seq).
 */
@Repository
class MessagingRepository {

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
    private static final String SEES_AUTHOR = "(a = me OR c.kind = 'direct' OR NOT EXISTS { (me)-[:BLOCKS]-(a) })";

    static final String IS_PARTICIPANT = """
            MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
            RETURN %s AS ok""".formatted(PARTICIPANT);

    private static final String MESSAGE = """
            x {.id, .conversationId, .seq, .clientKey, .text, .createdAt, .editedAt, .deletedAt, .moderation} AS message,
            a {.id, .handle, .displayName} AS author,
            [(x)-[:HAS_IMAGE]->(img:Image) | img {.id, .alt, .width, .height}] AS images""";

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
     * The ids of the current participants of {@code c} who may read messages of {@code me} (me
     * included), as an expression: the recipients of what the sending statement stores and of an
     * edit, a deletion or a read mark.
     */
    private static final String RECIPIENT_IDS = """
            COLLECT {
                MATCH (m:Member)-[:IN_CONVERSATION]->(c)
                WHERE c.kind <> 'group' AND (m = me OR c.kind = 'direct' OR NOT EXISTS { (me)-[:BLOCKS]-(m) })
                RETURN m.id AS id
                UNION
                MATCH (m:Member)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c)
                WHERE c.kind = 'group' AND (m = me OR NOT EXISTS { (me)-[:BLOCKS]-(m) })
                RETURN m.id AS id
            }""";

    private final Driver driver;
    private final SendBatches batches;

    MessagingRepository(Driver driver,
                        @org.springframework.beans.factory.annotation.Value("${rampe.messaging.writers:2}") int writers,
                        @org.springframework.beans.factory.annotation.Value("${rampe.messaging.max-batch:64}") int maxBatch) {
        this.driver = driver;
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

    // ---- conversations -------------------------------------------------------------------

    record Found(String id, String handle, boolean blocked) {
    }

    /** Members by handle as {@code viewer} may write to them (blocked = a block either way). */
    Map<String, Found> byHandles(String viewer, List<String> handles) {
        Map<String, Found> found = new HashMap<>();
        Transactions.read(driver, tx -> tx.run("""
                MATCH (me:Member {id: $viewer})
                UNWIND $handles AS h
                MATCH (m:Member {handle: h})
                RETURN m.id AS id, m.handle AS handle, EXISTS { (me)-[:BLOCKS]-(m) } AS blocked""",
                Map.of("viewer", viewer, "handles", handles)).list()).forEach(r -> found.put(r.get("handle").asString(),
                new Found(r.get("id").asString(), r.get("handle").asString(), r.get("blocked").asBoolean())));
        return found;
    }

    /**
     * The direct conversation of the pair, created if there is none (MERGE on the unique pair key:
     * two members starting it at once get one), and both back in it if either had left.
     */
    ConversationRef direct(String viewer, String other, String newId) {
        String pairKey = viewer.compareTo(other) < 0 ? viewer + ":" + other : other + ":" + viewer;
        return Transactions.write(driver, tx -> {
            var r = tx.run("""
                    MATCH (me:Member {id: $viewer}), (o:Member {id: $other})
                    MERGE (c:Conversation {pairKey: $pairKey})
                      ON CREATE SET c.id = $id, c.kind = 'direct', c.createdAt = datetime(), c.lastSeq = 0
                    WITH me, o, c
                    UNWIND [me, o] AS m
                    MERGE (m)-[p:IN_CONVERSATION]->(c)
                      ON CREATE SET p.joinedAt = datetime(), p.readSeq = c.lastSeq, p.muted = false
                    RETURN DISTINCT c.id AS id, c.id = $id AS created""",
                    Map.of("viewer", viewer, "other", other, "pairKey", pairKey, "id", newId)).single();
            return new ConversationRef(r.get("id").asString(), "direct", r.get("created").asBoolean());
        });
    }

    ConversationRef adhoc(String viewer, String title, List<String> others, String id) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (me:Member {id: $viewer})
                CREATE (c:Conversation {id: $id, kind: 'adhoc', title: $title, createdAt: datetime(), lastSeq: 0})
                WITH c, me
                UNWIND [$viewer] + $others AS mid
                MATCH (m:Member {id: mid})
                CREATE (m)-[:IN_CONVERSATION {joinedAt: datetime(), readSeq: 0, muted: false}]->(c)""",
                Map.of("viewer", viewer, "id", id, "title", title, "others", others)).consume());
        return new ConversationRef(id, "adhoc", true);
    }

    /**
     * The group's chat, created on first use by a member of the group: the group node is locked
     * first, so two members opening it at once make one chat. Empty when {@code viewer} is not a
     * member.
     */
    Optional<ConversationRef> groupChat(String viewer, String groupId, String newId) {
        return Transactions.write(driver, tx -> {
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
        return Transactions.readQuery(driver, """
                MATCH (:Member {id: $viewer})-[:MEMBER_OF]->(g:Group {slug: $slug})
                RETURN g.id AS id""", Map.of("viewer", viewer, "slug", slug), r -> r.get("id").asString()).stream().findFirst();
    }

    List<ConversationSummary> conversations(String viewer) {
        return Transactions.readQuery(driver, """
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

    /** Unread messages of the conversations not muted (the header's count), for each member of {@code $ids}. */
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

    static final String UNREAD_TOTALS = """
            UNWIND $ids AS id
            MATCH (me:Member {id: id})
            CALL (me) {
            %s
            }
            RETURN id, n""".formatted(UNREAD_OF_ME);

    int unreadTotal(String viewer) {
        return unreadTotals(List.of(viewer)).get(viewer).intValue();
    }

    /** A member with no conversation, or none unread, counts 0. */
    Map<String, Long> unreadTotals(Collection<String> viewers) {
        Map<String, Long> totals = new HashMap<>();
        Transactions.readQuery(driver, UNREAD_TOTALS, Map.of("ids", List.copyOf(viewers)), r -> r)
                .forEach(r -> totals.put(r.get("id").asString(), r.get("n").asLong()));
        viewers.forEach(id -> totals.putIfAbsent(id, 0L));
        return totals;
    }

    boolean isParticipant(String viewer, String conversation) {
        var rows = Transactions.readQuery(driver, IS_PARTICIPANT, Map.of("viewer", viewer, "conversation", conversation),
                r -> r.get("ok").asBoolean());
        return !rows.isEmpty() && rows.getFirst();
    }

    Optional<ConversationView> open(String viewer, String conversation) {
        return Transactions.read(driver, tx -> {
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
                           coalesce(m.readReceipts, true) AS receipts
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

    // ---- messages ------------------------------------------------------------------------

    List<MessageView> history(String viewer, String conversation, long before, int limit) {
        return Transactions.readQuery(driver, HISTORY, Map.of("viewer", viewer, "conversation", conversation,
                "before", before, "limit", limit), r -> message(r, viewer));
    }

    List<MessageView> after(String viewer, String conversation, long after, int limit) {
        return Transactions.readQuery(driver, AFTER, Map.of("viewer", viewer, "conversation", conversation,
                "after", after, "limit", limit), r -> message(r, viewer));
    }

    /** What stopped a send (nothing stored) or the message found under the client key. */
    record SendCheck(boolean participant, boolean blocked, boolean mutedInGroup, MessageView existing) {
    }

    /** A stored message and who may read it; {@code check} says why not when nothing was stored. */
    record Stored(SendCheck check, MessageView message, List<String> recipients) {
    }

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

    /** What a send into a conversation that does not exist gets: not a participant. */
    static final Stored NO_CONVERSATION = new Stored(new SendCheck(false, false, false, null), null, List.of());

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
        return Transactions.write(driver, tx -> {
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

    private static List<String> recipients(TransactionContext tx, String conversation, String author) {
        return tx.run("""
                MATCH (c:Conversation {id: $conversation}), (me:Member {id: $author})
                RETURN %s AS recipients""".formatted(RECIPIENT_IDS), Map.of("conversation", conversation, "author", author))
                .single().get("recipients").asList(Value::asString);
    }

    /** The message stored under a client key (after a constraint said it is there). */
    Optional<MessageView> byClientKey(String viewer, String clientKey) {
        return Transactions.readQuery(driver, """
                MATCH (a:Member)-[:SENT]->(x:Message {clientKey: $clientKey})
                RETURN %s""".formatted(MESSAGE), Map.of("clientKey", clientKey), r -> message(r, viewer)).stream().findFirst();
    }

    /** One's own message, still there (not deleted nor moderated): the edit and delete forms. */
    Optional<MessageView> own(String author, String messageId) {
        return Transactions.readQuery(driver, """
                MATCH (a:Member {id: $author})-[:SENT]->(x:Message {id: $id})
                WHERE x.deletedAt IS NULL AND x.moderation IS NULL
                RETURN %s""".formatted(MESSAGE), Map.of("author", author, "id", messageId), r -> message(r, author))
                .stream().findFirst();
    }

    /** Changes the text of the author's own message (not deleted, not moderated); empty if not theirs. */
    Optional<Stored> edit(String author, String messageId, String text) {
        return Transactions.write(driver, tx -> {
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

    /** A deleted message, who may read it, and the ids of the image files to remove now that it is gone. */
    record Deleted(MessageView message, List<String> recipients, List<String> imageIds) {
    }

    /** Deletes the text and the image node of the author's own message; the message keeps its place. */
    Optional<Deleted> delete(String author, String messageId) {
        return Transactions.write(driver, tx -> {
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

    /**
     * Whether {@code viewer} may see the image {@code imageId} of a message: a current participant
     * of its conversation who sees its author (blocks in ad-hoc and group chats), the message
     * neither deleted nor removed, and a hidden one only to its author (as its text).
     */
    boolean canSeeImage(String viewer, String imageId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (me:Member {id: $viewer})
                MATCH (x:Message)-[:HAS_IMAGE]->(:Image {id: $image})
                MATCH (a:Member)-[:SENT]->(x)-[:IN]->(c:Conversation)
                WHERE x.deletedAt IS NULL AND (x.moderation IS NULL OR (x.moderation = 'hidden' AND a = me))
                  AND %s AND %s
                RETURN count(x) > 0 AS ok""".formatted(PARTICIPANT, SEES_AUTHOR),
                Map.of("viewer", viewer, "image", imageId)).single().get("ok").asBoolean());
    }

    record Read(long before, long after, String handle, boolean receipts, List<String> recipients) {
    }

    /** Moves the reader's mark forward to {@code seq} (never back, never past the last message). */
    Optional<Read> markRead(String viewer, String conversation, long seq) {
        return Transactions.write(driver, tx -> {
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

    /** Leaves a direct or ad-hoc conversation; false if not in it (a group chat is left with the group). */
    boolean leave(String viewer, String conversation) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (:Member {id: $viewer})-[r:IN_CONVERSATION]->(c:Conversation {id: $conversation})
                WHERE c.kind <> 'group'
                DELETE r
                RETURN count(*) AS n""", Map.of("viewer", viewer, "conversation", conversation)).single().get("n").asLong() > 0);
    }

    boolean mute(String viewer, String conversation, boolean muted) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (me:Member {id: $viewer}), (c:Conversation {id: $conversation})
                WHERE %s
                MERGE (me)-[r:IN_CONVERSATION]->(c)
                  ON CREATE SET r.joinedAt = datetime(), r.readSeq = 0
                SET r.muted = $muted
                RETURN count(*) AS n""".formatted(PARTICIPANT), Map.of("viewer", viewer, "conversation", conversation,
                "muted", muted)).single().get("n").asLong() > 0);
    }

    List<String> participantIds(String conversation) {
        return Transactions.readQuery(driver, """
                MATCH (c:Conversation {id: $conversation})
                CALL (c) {
                    MATCH (m:Member)-[:IN_CONVERSATION]->(c) WHERE c.kind <> 'group' RETURN m
                    UNION
                    MATCH (m:Member)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c) WHERE c.kind = 'group' RETURN m
                }
                RETURN m.id AS id""", Map.of("conversation", conversation), r -> r.get("id").asString());
    }

    /** A group member who just joined starts with the chat read: its past is not "unread" to them. */
    void joinedGroup(String groupId, String memberId) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $member})-[:MEMBER_OF]->(g:Group {id: $group})-[:HAS_CHAT]->(c:Conversation)
                MERGE (m)-[r:IN_CONVERSATION]->(c)
                  ON CREATE SET r.joinedAt = datetime(), r.muted = false, r.readSeq = c.lastSeq""",
                Map.of("member", memberId, "group", groupId)).consume());
    }

    MessagingSettings settings(String viewer) {
        return Transactions.readQuery(driver, """
                MATCH (m:Member {id: $viewer})
                RETURN coalesce(m.readReceipts, true) AS receipts, coalesce(m.presenceVisible, true) AS presence""",
                Map.of("viewer", viewer), r -> new MessagingSettings(r.get("receipts").asBoolean(), r.get("presence").asBoolean()))
                .stream().findFirst().orElse(new MessagingSettings(true, true));
    }

    void saveSettings(String viewer, MessagingSettings settings) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $viewer})
                SET m.readReceipts = $receipts, m.presenceVisible = $presence""",
                Map.of("viewer", viewer, "receipts", settings.readReceipts(), "presence", settings.presenceVisible())).consume());
    }

    // ---- mapping -------------------------------------------------------------------------

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
                authorId, a.get("handle").asString(), a.get("displayName").asString(),
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
