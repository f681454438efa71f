package org.rampe.social;

import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Posts in the graph: {@code (:Member)-[:POSTED]->(:Post)}, its images
 * {@code -[:HAS_IMAGE {position}]->(:Image)}, {@code -[:IN_GROUP]->(:Group)} for a group post, and
 * its mentions (through {@link MentionRepository}, in the same transaction). Every read goes
 * through {@link PostReadability}.
 */
@Repository
class PostRepository {

    /** Appended to a match of {@code author}, {@code p} and an ordering key {@code i}. */
    private static final String CARD = """
            OPTIONAL MATCH (p)-[h:HAS_IMAGE]->(img:Image)
            WITH author, p, i, h, img ORDER BY h.position
            WITH author, p, i, collect(img {.id, .alt, .width, .height}) AS images
            RETURN p {.id, .text, .contentWarning, .language, .visibility, .createdAt, .editedAt, .moderation, .locked} AS post,
                   author {.id, .handle, .displayName} AS author, images,
                   [(:Member)-[r:REACTED]->(p) | r.reaction] AS reactions,
                   [(:Member {id: $viewer})-[r:REACTED]->(p) | r.reaction] AS mine,
                   COUNT { (c:Comment)-[:ON]->(p) WHERE c.deletedAt IS NULL } AS comments,
                   [(p)-[:MENTIONS]->(m:Member) WHERE NOT EXISTS { (m)-[:BLOCKS]-(author) } | m.handle] AS mentioned
            ORDER BY i""";

    private static final String CARDS = """
            OPTIONAL MATCH (viewer:Member {id: $viewer})
            UNWIND range(0, size($ids) - 1) AS i
            MATCH (author:Member)-[:POSTED]->(p:Post {id: $ids[i]})
            WHERE %s
            """.formatted(PostReadability.byReader("p", "author", "viewer")) + CARD;

    private final Graph graph;
    private final MentionRepository mentions;

    PostRepository(Graph graph, MentionRepository mentions) {
        this.graph = graph;
        this.mentions = mentions;
    }

    /**
     * Creates the post with its images (already kept in the store, given as maps of id, alt,
     * position, width and height) and its mentions; returns the members newly mentioned.
     */
    Set<String> create(String id, String author, Posts.Draft draft, List<Map<String, Object>> images) {
        return graph.inWrite(tx -> {
            tx.run("""
                    MATCH (m:Member {id: $author})
                    CREATE (m)-[:POSTED]->(p:Post {id: $id, text: $text, contentWarning: $cw, language: $language,
                                                  visibility: $visibility, createdAt: datetime()})
                    FOREACH (img IN $images |
                        CREATE (p)-[:HAS_IMAGE {position: img.position}]->(:Image {id: img.id, alt: img.alt,
                                width: img.width, height: img.height, createdAt: datetime()}))""",
                    Map.of("author", author, "id", id, "text", draft.text(), "cw", draft.contentWarning(),
                            "language", draft.language(), "visibility", draft.visibility(), "images", images)).consume();
            return mentions.replace(tx, Content.POST, id, id, author, draft.text());
        });
    }

    /**
     * Creates a group post if the author is a member of the group, neither muted in it nor banned
     * from it, and the group is not archived (checked in the same transaction); returns the members newly mentioned, or empty
     * when the post was refused.
     */
    Optional<Set<String>> createInGroup(String id, String author, String groupId, String text, String contentWarning,
                                        String language) {
        return graph.inWrite(tx -> {
            long created = tx.run("""
                    MATCH (m:Member {id: $author})-[:MEMBER_OF]->(g:Group {id: $group})
                    WHERE g.archivedAt IS NULL
                      AND NOT EXISTS { MATCH (m)-[s:MUTED_IN|BANNED_FROM]->(g) WHERE s.until IS NULL OR s.until > datetime() }
                    CREATE (m)-[:POSTED]->(p:Post {id: $id, text: $text, contentWarning: $cw, language: $language,
                                                  visibility: 'group', createdAt: datetime()})-[:IN_GROUP]->(g)
                    RETURN count(p) AS n""", Map.of("author", author, "group", groupId, "id", id, "text", text,
                    "cw", contentWarning, "language", language))
                    .single().get("n").asLong();
            return created == 0 ? Optional.<Set<String>>empty() : Optional.of(mentions.replace(tx, Content.POST, id, id, author, text));
        });
    }

    /** What an edit did: whether the post was the author's, whether its audience changed, who is newly mentioned. */
    record Edited(boolean found, boolean visibilityChanged, Set<String> mentioned) {
    }

    /**
     * Changes the text, warning, language, visibility (never a group post's) and image
     * descriptions of the author's post, and works out the mentions of the post and of its
     * comments again, in one transaction.
     */
    Edited edit(String id, String author, Posts.Draft draft, List<String> alts) {
        return graph.inWrite(tx -> {
            var before = tx.run("""
                    MATCH (:Member {id: $author})-[:POSTED]->(p:Post {id: $id})
                    WITH p, p.visibility AS before
                    SET p.text = $text, p.contentWarning = $cw, p.language = $language,
                        p.visibility = CASE WHEN p.visibility = 'group' THEN 'group' ELSE $visibility END,
                        p.editedAt = datetime()
                    RETURN before""", Map.of("author", author, "id", id, "text", draft.text(), "cw", draft.contentWarning(),
                    "language", draft.language(), "visibility", draft.visibility())).list(r -> r.get("before").asString());
            if (before.isEmpty()) {
                return new Edited(false, false, Set.of());
            }
            tx.run("""
                    UNWIND range(0, size($alts) - 1) AS i
                    MATCH (:Post {id: $id})-[:HAS_IMAGE {position: i}]->(img:Image)
                    SET img.alt = $alts[i]""", Map.of("id", id, "alts", alts)).consume();
            Set<String> mentioned = mentions.replace(tx, Content.POST, id, id, author, draft.text());
            // Narrower visibility may have cut the post off from members its comments mention.
            for (var c : tx.run("MATCH (c:Comment)-[:ON]->(:Post {id: $id}) MATCH (w:Member)-[:WROTE]->(c) "
                    + "RETURN c.id AS id, w.id AS writer, c.text AS text", Map.of("id", id)).list()) {
                mentions.replace(tx, Content.COMMENT, c.get("id").asString(), id, c.get("writer").asString(), c.get("text").asString());
            }
            boolean groupPost = before.getFirst().equals("group");
            return new Edited(true, !groupPost && !before.getFirst().equals(draft.visibility()), mentioned);
        });
    }

    /** Removes the author's post with its comments, reactions, mentions and images; returns the image ids, empty when not theirs. */
    Optional<List<String>> delete(String id, String author) {
        return graph.writeOne("""
                MATCH (:Member {id: $author})-[:POSTED]->(p:Post {id: $id})
                OPTIONAL MATCH (p)-[:HAS_IMAGE]->(img:Image)
                WITH p, collect(img) AS images
                OPTIONAL MATCH (c:Comment)-[:ON]->(p)
                WITH p, images, collect(c) AS comments
                WITH p, images, comments, [x IN images | x.id] AS imageIds
                FOREACH (x IN images | DETACH DELETE x)
                FOREACH (x IN comments | DETACH DELETE x)
                DETACH DELETE p
                RETURN imageIds""", Map.of("author", author, "id", id), r -> r.get("imageIds").asList(Value::asString));
    }

    /**
     * The cards of the given posts that {@code viewer} (null for a visitor) may read, in the order
     * of {@code ids}; unknown and unreadable posts are left out. One round trip.
     */
    List<PostCard> cards(List<String> ids, String viewer) {
        // The reader is bound once (null for a visitor), so the rule checks follows and blocks
        // between two known members, not through all the followers of a popular author.
        // One statement, so an auto-commit read: no BEGIN and COMMIT round trips around it on
        // every page that shows posts.
        return graph.query(CARDS, Graph.params("ids", ids, "viewer", viewer), r -> card(r, viewer));
    }

    /** A member whose timeline is read, and the ids of one page of their posts (one more than asked, to know if there are older ones). */
    record Timeline(String authorId, String authorName, List<String> ids) {
    }

    /**
     * The member with {@code handle} and the ids of their newest posts that {@code viewer} may
     * read before the cursor ({@code at} and {@code after} null for the newest); empty when there
     * is no such member.
     */
    Optional<Timeline> timeline(String handle, String viewer, ZonedDateTime at, String after, int limit) {
        Map<String, Object> params = Graph.params("handle", handle, "viewer", viewer, "at", at, "after", after, "limit", limit);
        return graph.inRead(tx -> {
            var member = tx.run("MATCH (m:Member {handle: $handle}) RETURN m.id AS id, m.displayName AS name",
                    Map.of("handle", handle)).list();
            if (member.isEmpty()) {
                return Optional.<Timeline>empty();
            }
            List<String> ids = tx.run("""
                    MATCH (author:Member {handle: $handle})-[:POSTED]->(p:Post)
                    WHERE ($at IS NULL OR p.createdAt < $at OR (p.createdAt = $at AND p.id < $after))
                      AND %s
                    RETURN p.id AS id
                    ORDER BY p.createdAt DESC, p.id DESC
                    LIMIT $limit""".formatted(PostReadability.byReaderId("p", "author", "viewer")), params).list(r -> r.get("id").asString());
            return Optional.of(new Timeline(member.getFirst().get("id").asString(), member.getFirst().get("name").asString(handle), ids));
        });
    }

    /** Whether {@code viewer} (null for a visitor) may read the post the image belongs to. */
    boolean imageReadable(String imageId, String viewer) {
        return graph.exists("""
                MATCH (author:Member)-[:POSTED]->(p:Post)-[:HAS_IMAGE]->(:Image {id: $image})
                WHERE %s
                RETURN count(p) > 0 AS ok""".formatted(PostReadability.byReaderId("p", "author", "viewer")),
                Graph.params("image", imageId, "viewer", viewer));
    }

    private static PostCard card(Record r, String viewer) {
        Value p = r.get("post");
        Value a = r.get("author");
        Set<String> mentioned = new HashSet<>(r.get("mentioned").asList(Value::asString));
        String text = p.get("text").asString();
        List<PostImage> images = r.get("images").asList(i -> new PostImage(i.get("id").asString(), i.get("alt").asString(),
                i.get("width").asInt(0), i.get("height").asInt(0)));
        // The former member (an erased member's kept posts) has neither handle nor name: drawn as such by the page.
        String handle = a.get("handle").asString(null);
        return new PostCard(p.get("id").asString(), a.get("id").asString(), handle,
                a.get("displayName").asString(handle),
                Times.shown(p.get("createdAt")), p.get("editedAt").isNull() ? null : Times.shown(p.get("editedAt")),
                text, PostText.html(text, mentioned::contains), p.get("contentWarning").asString(""),
                p.get("language").asString(""), p.get("visibility").asString("public"), images,
                ReactionCount.of(r.get("reactions").asList(Value::asString), r.get("mine").asList(Value::asString)),
                r.get("comments").asLong(), viewer != null && viewer.equals(a.get("id").asString()), viewer != null,
                p.get("moderation").asString(null), p.get("locked").asBoolean(false));
    }
}
