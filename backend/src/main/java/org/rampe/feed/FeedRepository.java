package org.rampe.feed;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.rampe.social.PostReadability;
import org.springframework.stereotype.Repository;

/**
 * The home feed's graph: each member's inbox {@code (:Member)-[:FEED {at, post}]->(:Post)}, written
 * when a post is published (fan-out on write) and kept to the newest {@link #CAP} entries; and the
 * fallback query (fan-out on read) for pages older than what the inbox keeps.
 *
 * <p>The invariant: a reader's inbox holds every post they may read in their feed whose time is
 * after {@code reader.feedHorizon} (no horizon: every such post). Entries at or before the horizon
 * are ignored; those pages come from the fallback query instead.
 */
@Repository
class FeedRepository {

    /** Entries an inbox keeps after trimming (Mastodon keeps 800 per home timeline). */
    static final int CAP = 800;
    /** Trimming starts above this, so that it runs once per hundred new entries, not for each. */
    static final int HIGH_WATER = 900;

    private static final String READER_CAN_READ = PostReadability.byReader("p", "author", "reader");

    /**
     * The members whose feed shows post {@code p} of {@code author}: the author, and their followers
     * (a post outside groups) or the members of its group (a group post), except across a block or a mute.
     */
    private static final String AUDIENCE = """
            CALL (author, p) {
              RETURN author AS reader
              UNION
              MATCH (reader:Member)-[:FOLLOWS]->(author)
              WHERE p.visibility <> 'group'
                AND NOT EXISTS { (reader)-[:BLOCKS]-(author) } AND NOT EXISTS { (reader)-[:MUTES]->(author) }
              RETURN reader
              UNION
              MATCH (p)-[:IN_GROUP]->(:Group)<-[:MEMBER_OF]-(reader:Member)
              WHERE NOT EXISTS { (reader)-[:BLOCKS]-(author) } AND NOT EXISTS { (reader)-[:MUTES]->(author) }
              RETURN reader
            }
            """;

    /** In {@code r}'s feed, by whom it is and where: their own post, a followed author's post outside groups, or a post of one of their groups (not muted). */
    static final String IN_FEED = """
            (author = r OR (NOT EXISTS { (r)-[:MUTES]->(author) }
                            AND CASE WHEN p.visibility = 'group' THEN EXISTS { (p)-[:IN_GROUP]->(:Group)<-[:MEMBER_OF]-(r) }
                                     ELSE EXISTS { (r)-[:FOLLOWS]->(author) } END))""";

    /**
     * {@link #IN_FEED} and {@link PostReadability#byReader} together, for {@code r} and post {@code p}
     * of {@code author}, with what the first already proves left out of the second: a post in the
     * feed by a followed author or of one of the reader's groups is readable unless moderated or
     * across a block, so the follow and the group are checked once, not twice. The inbox page checks
     * this for each of its 50 entries, where the two checks were about 60 % of the query's time
     * (docs/benchmarks.md, feed run 7). {@code FeedReadabilityTest} keeps it equal to the two
     * rules for every case they tell apart.
     */
    static final String READABLE_IN_FEED = """
            ((p.moderation IS NULL OR (p.moderation = 'hidden' AND author = r))
             AND (author = r
                  OR (NOT EXISTS { (r)-[:MUTES]->(author) } AND NOT EXISTS { (r)-[:BLOCKS]-(author) }
                      AND CASE WHEN p.visibility = 'group' THEN EXISTS { (p)-[:IN_GROUP]->(:Group)<-[:MEMBER_OF]-(r) }
                               ELSE EXISTS { (r)-[:FOLLOWS]->(author) } END)))""";

    /**
     * What the feed reads of post {@code p} by {@code author}: enough to order and page. The page
     * itself draws the shared post card ({@code Posts.cards}), so text, images and reactions are
     * read once, there, and not here too.
     */
    private static final String CARD = """
            p {.id, .createdAt, authorHandle: author.handle}""";

    /**
     * The newest inbox entries before the cursor, with the card of each one the reader may still
     * read (checked again here: an entry left behind by a missed event must not show).
     */
    static final String INBOX_PAGE = """
            MATCH (r:Member {id: $viewer})
            OPTIONAL CALL (r) {
              MATCH (r)-[f:FEED]->(p)
              WHERE (r.feedHorizon IS NULL OR f.at > r.feedHorizon)
                AND ($at IS NULL OR f.at < $at OR (f.at = $at AND f.post < $post))
              RETURN f.at AS at, f.post AS postId, p
              ORDER BY at DESC, postId DESC
              LIMIT $size
            }
            OPTIONAL MATCH (author:Member)-[:POSTED]->(p)
            WITH r, at, postId, p, author,
                 author IS NOT NULL
                 AND %s AS readable
            ORDER BY at DESC, postId DESC
            RETURN r.feedHorizon AS horizon,
                   [e IN collect({at: at, post: postId, card: CASE WHEN readable THEN %s END}) WHERE e.at IS NOT NULL] AS entries
            """.formatted(READABLE_IN_FEED, CARD);

    /**
     * Fan-out on read, for pages older than the inbox: each followed author's (and the reader's
     * own) newest readable posts outside groups before the cursor, and each of the reader's groups'
     * newest readable posts (the reader's own included), at most a page each, merged.
     */
    static final String FALLBACK_PAGE = """
            MATCH (r:Member {id: $viewer})
            CALL (r) {
              CALL (r) {
                RETURN r AS author
                UNION
                MATCH (r)-[:FOLLOWS]->(author:Member)
                WHERE NOT EXISTS { (r)-[:MUTES]->(author) } AND NOT EXISTS { (r)-[:BLOCKS]-(author) }
                RETURN author
              }
              CALL (r, author) {
                // A pattern comprehension always reads from the author: a MATCH may be planned as a
                // seek of all posts before the cursor by time (post_created) or a scan of POSTED.
                UNWIND [(author)-[:POSTED]->(p) WHERE (p.createdAt < $at OR (p.createdAt = $at AND p.id < $post))
                                                      AND (p.visibility <> 'group' OR author = r) | p] AS p
                WITH r, author, p WHERE %s
                RETURN p
                ORDER BY p.createdAt DESC, p.id DESC
                LIMIT $size
              }
              RETURN author, p
              UNION
              MATCH (r)-[:MEMBER_OF]->(g:Group)
              CALL (r, g) {
                UNWIND [(g)<-[:IN_GROUP]-(p) WHERE (p.createdAt < $at OR (p.createdAt = $at AND p.id < $post)) | p] AS p
                MATCH (author:Member)-[:POSTED]->(p)
                WITH r, author, p
                WHERE author <> r AND NOT EXISTS { (r)-[:MUTES]->(author) } AND %s
                RETURN author, p
                ORDER BY p.createdAt DESC, p.id DESC
                LIMIT $size
              }
              RETURN author, p
            }
            WITH author, p
            ORDER BY p.createdAt DESC, p.id DESC
            LIMIT $size
            RETURN %s AS card
            """.formatted(PostReadability.byReader("p", "author", "r"), PostReadability.byReader("p", "author", "r"), CARD);

    private final Graph graph;

    FeedRepository(Graph graph) {
        this.graph = graph;
    }

    /** An inbox entry: its position, and its card if the reader may read it (else null). */
    record Entry(FeedCursor position, FeedPost card) {
    }

    /** The inbox window and the reader's horizon (null while the inbox holds everything). */
    record Window(Instant horizon, List<Entry> entries) {
    }

    Window inbox(String viewer, FeedCursor before, int size) {
        Map<String, Object> params = Graph.params("viewer", viewer,
                "at", before == null ? null : before.at().atOffset(ZoneOffset.UTC),
                "post", before == null ? null : before.post(),
                "size", size);
        // One statement, so an auto-commit read (one round trip; a transaction adds BEGIN and COMMIT).
        var windows = graph.query(INBOX_PAGE, params, row -> {
            Instant horizon = row.get("horizon").isNull() ? null : row.get("horizon").asZonedDateTime().toInstant();
            List<Entry> entries = new ArrayList<>();
            for (Value e : row.get("entries").values()) {
                entries.add(new Entry(new FeedCursor(e.get("at").asZonedDateTime().toInstant(), e.get("post").asString()),
                        e.get("card").isNull() ? null : card(e.get("card"))));
            }
            return new Window(horizon, entries);
        });
        return windows.isEmpty() ? new Window(null, List.of()) : windows.getFirst();
    }

    List<FeedPost> fallback(String viewer, FeedCursor before, int size) {
        return graph.query(FALLBACK_PAGE, Map.of("viewer", viewer,
                "at", before.at().atOffset(ZoneOffset.UTC), "post", before.post(), "size", size), r -> card(r.get("card")));
    }

    private static FeedPost card(Value c) {
        return new FeedPost(c.get("id").asString(), c.get("authorHandle").asString(""),
                c.get("createdAt").asZonedDateTime().toInstant());
    }

    // ---------------------------------------------------------------- writing inboxes

    /**
     * Puts the post in the inbox of its author and of every follower allowed to read it (again
     * from scratch if it was there: a change of visibility changes its audience), then trims the
     * inboxes that grew past the high-water mark.
     */
    void fanOut(String postId, String authorId) {
        graph.inWrite(tx -> {
            var full = tx.run("""
                    MATCH (author:Member {id: $author})-[:POSTED]->(p:Post {id: $post})
                    CALL (p) { MATCH (p)<-[old:FEED]-() DELETE old }
                    """ + AUDIENCE + """
                    WITH p, reader
                    WHERE %s
                    CREATE (reader)-[:FEED {at: p.createdAt, post: p.id}]->(p)
                    WITH reader WHERE COUNT { (reader)-[:FEED]->() } > $high
                    RETURN collect(reader.id) AS full
                    """.formatted(READER_CAN_READ),
                    Map.of("author", authorId, "post", postId, "high", HIGH_WATER)).single().get("full").asList(Value::asString);
            trim(tx, full);
            return null;
        });
    }

    /**
     * The end of a backfill, after a {@code CALL} that returned the newest posts {@code p} for
     * {@code reader} (at most {@link #CAP} + 1): the newest {@link #CAP} join the inbox and, if there
     * were more, the horizon moves up to where the copied posts stop.
     */
    private static final String COPY_INTO_INBOX = """
                    WITH reader, collect(p) AS posts
                    WITH reader, posts[..$cap] AS kept, CASE WHEN size(posts) > $cap THEN posts[$cap].createdAt END AS cut
                    SET reader.feedHorizon = CASE WHEN cut IS NULL THEN reader.feedHorizon
                                                  WHEN reader.feedHorizon IS NULL OR cut > reader.feedHorizon THEN cut
                                                  ELSE reader.feedHorizon END
                    FOREACH (p IN kept | MERGE (reader)-[f:FEED]->(p) ON CREATE SET f.at = p.createdAt, f.post = p.id)
            """;

    /**
     * A new follow: the followee's newest readable posts join the follower's inbox (those after
     * the horizon, at most {@link #CAP}; if the followee has more, the horizon moves up to where
     * the copied posts stop, and older pages come from the fallback query).
     */
    void backfill(String followerId, String followedId) {
        restoreAuthor(followerId, followedId);
    }

    /**
     * The author's newest posts that belong in the reader's feed join the reader's inbox: outside
     * groups if the reader follows them, and in the groups both are members of — the rule of
     * {@link #IN_FEED} for one author, so it serves a new follow and the end of a mute alike (a
     * mute took out both kinds). Those after the horizon, at most {@link #CAP}; if there are more,
     * the horizon moves up to where the copied posts stop. Nothing across a block or a mute.
     */
    void restoreAuthor(String readerId, String authorId) {
        graph.inWrite(tx -> {
            tx.run(("""
                    MATCH (reader:Member {id: $reader}), (author:Member {id: $author})
                    WHERE reader <> author
                      AND NOT EXISTS { (reader)-[:BLOCKS]-(author) } AND NOT EXISTS { (reader)-[:MUTES]->(author) }
                    CALL (reader, author) {
                      MATCH (author)-[:POSTED]->(p)
                      WHERE (reader.feedHorizon IS NULL OR p.createdAt > reader.feedHorizon)
                        AND CASE WHEN p.visibility = 'group' THEN EXISTS { (p)-[:IN_GROUP]->(:Group)<-[:MEMBER_OF]-(reader) }
                                 ELSE EXISTS { (reader)-[:FOLLOWS]->(author) } END
                        AND %s
                      RETURN p
                      ORDER BY p.createdAt DESC, p.id DESC
                      LIMIT $capPlusOne
                    }
                    """ + COPY_INTO_INBOX).formatted(READER_CAN_READ),
                    Map.of("reader", readerId, "author", authorId, "cap", CAP, "capPlusOne", CAP + 1)).consume();
            trim(tx, List.of(readerId));
            return null;
        });
    }

    /**
     * A member joined a group: the group's newest posts they may read join their inbox (after the
     * horizon, at most {@link #CAP}; the horizon moves up as for a new follow), except posts of
     * members they mute or block.
     */
    void joinGroup(String memberId, String groupId) {
        graph.inWrite(tx -> {
            tx.run(("""
                    MATCH (reader:Member {id: $member})-[:MEMBER_OF]->(g:Group {id: $group})
                    CALL (reader, g) {
                      MATCH (g)<-[:IN_GROUP]-(p:Post)<-[:POSTED]-(author:Member)
                      WHERE (reader.feedHorizon IS NULL OR p.createdAt > reader.feedHorizon)
                        AND NOT EXISTS { (reader)-[:MUTES]->(author) } AND %s
                      RETURN p
                      ORDER BY p.createdAt DESC, p.id DESC
                      LIMIT $capPlusOne
                    }
                    """ + COPY_INTO_INBOX).formatted(READER_CAN_READ),
                    Map.of("member", memberId, "group", groupId, "cap", CAP, "capPlusOne", CAP + 1)).consume();
            trim(tx, List.of(memberId));
            return null;
        });
    }

    /** A member left a group (or was removed from it): its posts leave their inbox, except their own. */
    void leaveGroup(String memberId, String groupId) {
        graph.write("""
                MATCH (reader:Member {id: $member})-[f:FEED]->(p:Post)-[:IN_GROUP]->(:Group {id: $group})
                WHERE NOT EXISTS { (reader)-[:POSTED]->(p) }
                DELETE f
                """, Map.of("member", memberId, "group", groupId));
    }

    /** The author's posts leave the reader's inbox (unfollow, block, mute). */
    void removeAuthor(String readerId, String authorId) {
        graph.write("""
                MATCH (:Member {id: $reader})-[f:FEED]->(:Post)<-[:POSTED]-(:Member {id: $author})
                DELETE f
                """, Map.of("reader", readerId, "author", authorId));
    }

    /** A deleted post leaves every inbox (a DETACH DELETE of the post does it too). */
    void removePost(String postId) {
        graph.write("MATCH (:Post {id: $post})<-[f:FEED]-() DELETE f", Map.of("post", postId));
    }

    /** Empties up to 1,000 entries of a member's inbox (their erasure); returns how many went. */
    long clearInbox(String memberId) {
        return graph.writeOne("""
                MATCH (:Member {id: $member})-[f:FEED]->()
                WITH f LIMIT 1000
                DELETE f
                RETURN count(*) AS n""", Map.of("member", memberId), r -> r.get("n").asLong()).orElse(0L);
    }

    /** Forgets a member's horizon (their erasure, once the inbox is empty). */
    void forgetHorizon(String memberId) {
        graph.write("MATCH (m:Member {id: $member}) REMOVE m.feedHorizon", Map.of("member", memberId));
    }

    /** Inboxes over the high-water mark keep their newest {@link #CAP} entries; the horizon moves up to the newest entry dropped. */
    private static void trim(TransactionContext tx, List<String> readers) {
        if (readers.isEmpty()) {
            return;
        }
        tx.run("""
                UNWIND $readers AS id
                MATCH (r:Member {id: id})
                WHERE COUNT { (r)-[:FEED]->() } > $cap
                CALL (r) {
                  MATCH (r)-[f:FEED]->()
                  WITH f ORDER BY f.at DESC, f.post DESC SKIP $cap
                  RETURN max(f.at) AS cut
                }
                SET r.feedHorizon = CASE WHEN r.feedHorizon IS NULL OR cut > r.feedHorizon THEN cut ELSE r.feedHorizon END
                WITH r
                MATCH (r)-[f:FEED]->()
                WHERE f.at <= r.feedHorizon
                DELETE f
                """, Map.of("readers", readers, "cap", CAP)).consume();
    }
}
