package org.rampe.social;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Transactions;
import org.rampe.images.ImageStore;
import org.rampe.images.Images;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Posts: writing, editing and deleting them (author only), and reading them as cards, always
 * through {@link Visibility#CAN_READ_POST}. The feed reuses {@link #cards}.
 */
@Service
public class Posts {

    /** Dates are stored in UTC and shown in the time of the site's community. */
    static final ZoneId SHOWN_IN = ZoneId.of("Europe/Paris");
    public static final int TIMELINE_PAGE = 20;

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

    private final Driver driver;
    private final ImageStore store;
    private final ApplicationEventPublisher events;

    Posts(Driver driver, ImageStore store, ApplicationEventPublisher events) {
        this.driver = driver;
        this.store = store;
        this.events = events;
    }

    /** A cleaned image with its text alternative, ready to keep. */
    public record NewImage(Images.Cleaned image, String alt) {
    }

    /** A valid post as the form sends it (text normalised, limits checked). */
    public record Draft(String text, String contentWarning, String language, String visibility) {
    }

    /** Keeps the images, then the post with its mentions; tells the feed and the mentioned members. */
    public String write(String author, Draft draft, List<NewImage> images) {
        String id = UUID.randomUUID().toString();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String imageId = UUID.randomUUID().toString();
            NewImage image = images.get(i);
            store.put(imageId, image.image().jpeg());
            kept.add(Map.of("id", imageId, "alt", image.alt(), "position", i,
                    "width", image.image().width(), "height", image.image().height()));
        }
        Set<String> mentioned;
        try {
            mentioned = Transactions.write(driver, tx -> {
                tx.run("""
                        MATCH (m:Member {id: $author})
                        CREATE (m)-[:POSTED]->(p:Post {id: $id, text: $text, contentWarning: $cw, language: $language,
                                                      visibility: $visibility, createdAt: datetime()})
                        FOREACH (img IN $images |
                            CREATE (p)-[:HAS_IMAGE {position: img.position}]->(:Image {id: img.id, alt: img.alt,
                                    width: img.width, height: img.height, createdAt: datetime()}))""",
                        Map.of("author", author, "id", id, "text", draft.text(), "cw", draft.contentWarning(),
                                "language", draft.language(), "visibility", draft.visibility(), "images", kept)).consume();
                return Mentions.apply(tx, "Post", id, id, author, draft.text());
            });
        } catch (RuntimeException e) {
            kept.forEach(k -> store.delete((String) k.get("id")));
            throw e;
        }
        events.publishEvent(new SocialEvents.PostPublished(id, author));
        mentioned.forEach(m -> events.publishEvent(new SocialEvents.Mentioned(m, author, id, null)));
        return id;
    }

    /**
     * Writes a post in a group ({@code visibility = 'group'}, {@code IN_GROUP}), as {@link #write}
     * does otherwise (mentions, events). The group feature has checked the author may post there;
     * the write checks it again in the same transaction (a member of the group, neither muted in
     * it nor banned from it) and returns empty if not.
     */
    public Optional<String> writeInGroup(String author, String groupId, String text, String contentWarning, String language) {
        String id = UUID.randomUUID().toString();
        String normalised = PostText.normalise(text);
        Optional<Set<String>> mentioned = Transactions.write(driver, tx -> {
            long created = tx.run("""
                    MATCH (m:Member {id: $author})-[:MEMBER_OF]->(g:Group {id: $group})
                    WHERE NOT EXISTS { MATCH (m)-[s:MUTED_IN|BANNED_FROM]->(g) WHERE s.until IS NULL OR s.until > datetime() }
                    CREATE (m)-[:POSTED]->(p:Post {id: $id, text: $text, contentWarning: $cw, language: $language,
                                                  visibility: 'group', createdAt: datetime()})-[:IN_GROUP]->(g)
                    RETURN count(p) AS n""", Map.of("author", author, "group", groupId, "id", id, "text", normalised,
                    "cw", PostText.normalise(contentWarning).replaceAll("\\s+", " "), "language", language))
                    .single().get("n").asLong();
            return created == 0 ? Optional.<Set<String>>empty() : Optional.of(Mentions.apply(tx, "Post", id, id, author, normalised));
        });
        if (mentioned.isEmpty()) {
            return Optional.empty();
        }
        events.publishEvent(new SocialEvents.PostPublished(id, author));
        mentioned.get().forEach(m -> events.publishEvent(new SocialEvents.Mentioned(m, author, id, null)));
        return Optional.of(id);
    }

    /** Changes the text, warning, language, visibility and image descriptions of the author's post. */
    boolean edit(String id, String author, Draft draft, List<String> alts) {
        record Result(boolean found, boolean visibilityChanged, Set<String> mentioned) {
        }
        Result result = Transactions.write(driver, tx -> {
            var before = tx.run("""
                    MATCH (:Member {id: $author})-[:POSTED]->(p:Post {id: $id})
                    WITH p, p.visibility AS before
                    SET p.text = $text, p.contentWarning = $cw, p.language = $language,
                        p.visibility = CASE WHEN p.visibility = 'group' THEN 'group' ELSE $visibility END,
                        p.editedAt = datetime()
                    RETURN before""", Map.of("author", author, "id", id, "text", draft.text(), "cw", draft.contentWarning(),
                    "language", draft.language(), "visibility", draft.visibility())).list(r -> r.get("before").asString());
            if (before.isEmpty()) {
                return new Result(false, false, Set.of());
            }
            tx.run("""
                    UNWIND range(0, size($alts) - 1) AS i
                    MATCH (:Post {id: $id})-[:HAS_IMAGE {position: i}]->(img:Image)
                    SET img.alt = $alts[i]""", Map.of("id", id, "alts", alts)).consume();
            Set<String> mentioned = Mentions.apply(tx, "Post", id, id, author, draft.text());
            // Narrower visibility may have cut the post off from members its comments mention.
            for (var c : tx.run("MATCH (c:Comment)-[:ON]->(:Post {id: $id}) MATCH (w:Member)-[:WROTE]->(c) "
                    + "RETURN c.id AS id, w.id AS writer, c.text AS text", Map.of("id", id)).list()) {
                Mentions.apply(tx, "Comment", c.get("id").asString(), id, c.get("writer").asString(), c.get("text").asString());
            }
            boolean groupPost = before.getFirst().equals("group");
            return new Result(true, !groupPost && !before.getFirst().equals(draft.visibility()), mentioned);
        });
        if (!result.found()) {
            return false;
        }
        if (result.visibilityChanged()) {
            events.publishEvent(new SocialEvents.PostPublished(id, author));
        }
        events.publishEvent(new SocialEvents.ContentEdited("post", id, author));
        result.mentioned().forEach(m -> events.publishEvent(new SocialEvents.Mentioned(m, author, id, null)));
        return true;
    }

    /** Removes the author's post with its comments, reactions, mentions and images. */
    boolean delete(String id, String author) {
        var imageIds = Transactions.write(driver, tx -> tx.run("""
                MATCH (:Member {id: $author})-[:POSTED]->(p:Post {id: $id})
                OPTIONAL MATCH (p)-[:HAS_IMAGE]->(img:Image)
                WITH p, collect(img) AS images
                OPTIONAL MATCH (c:Comment)-[:ON]->(p)
                WITH p, images, collect(c) AS comments
                WITH p, images, comments, [x IN images | x.id] AS imageIds
                FOREACH (x IN images | DETACH DELETE x)
                FOREACH (x IN comments | DETACH DELETE x)
                DETACH DELETE p
                RETURN imageIds""", Map.of("author", author, "id", id)).list(r -> r.get("imageIds").asList(Value::asString)));
        if (imageIds.isEmpty()) {
            return false;
        }
        imageIds.getFirst().forEach(store::delete);
        events.publishEvent(new SocialEvents.PostDeleted(id, author));
        return true;
    }

    /** The post as {@code viewer} (null for a visitor) sees it, if they may read it. */
    public Optional<PostCard> find(String id, String viewer) {
        return cards(List.of(id), viewer).stream().findFirst();
    }

    /**
     * The cards of the given posts that {@code viewer} (null for a visitor) may read, in the order
     * of {@code ids}; unknown and unreadable posts are left out. One round trip.
     */
    public List<PostCard> cards(List<String> ids, String viewer) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("ids", ids);
        params.put("viewer", viewer);
        // The reader is bound once (null for a visitor), so the rule checks follows and blocks
        // between two known members, not through all the followers of a popular author.
        // One statement, so an auto-commit read: no BEGIN and COMMIT round trips around it on
        // every page that shows posts.
        return Transactions.readQuery(driver, CARDS, params, r -> card(r, viewer));
    }

    private static final String CARDS = """
            OPTIONAL MATCH (viewer:Member {id: $viewer})
            UNWIND range(0, size($ids) - 1) AS i
            MATCH (author:Member)-[:POSTED]->(p:Post {id: $ids[i]})
            WHERE %s
            """.formatted(PostReadability.byReader("p", "author", "viewer")) + CARD;

    /** One page of a member's posts that the viewer may read, newest first. */
    public record Timeline(String authorId, String authorHandle, String authorName, List<PostCard> posts, String older) {
    }

    /** The timeline of {@code handle}, from just before {@code cursor} (null for the newest). */
    public Optional<Timeline> timeline(String handle, String viewer, String cursor) {
        Map<String, Object> params = new HashMap<>();
        params.put("handle", handle);
        params.put("viewer", viewer);
        params.put("at", null);
        params.put("after", null);
        params.put("limit", TIMELINE_PAGE + 1);
        Cursor.parse(cursor).ifPresent(c -> {
            params.put("at", c.at());
            params.put("after", c.id());
        });
        record Found(String id, String handle, String name, List<String> ids) {
        }
        Optional<Found> found = Transactions.read(driver, tx -> {
            var member = tx.run("MATCH (m:Member {handle: $handle}) RETURN m.id AS id, m.displayName AS name",
                    Map.of("handle", handle)).list();
            if (member.isEmpty()) {
                return Optional.<Found>empty();
            }
            List<String> ids = tx.run("""
                    MATCH (author:Member {handle: $handle})-[:POSTED]->(p:Post)
                    WHERE ($at IS NULL OR p.createdAt < $at OR (p.createdAt = $at AND p.id < $after))
                      AND %s
                    RETURN p.id AS id
                    ORDER BY p.createdAt DESC, p.id DESC
                    LIMIT $limit""".formatted(PostReadability.byReaderId("p", "author", "viewer")), params).list(r -> r.get("id").asString());
            return Optional.of(new Found(member.getFirst().get("id").asString(), handle,
                    member.getFirst().get("name").asString(handle), ids));
        });
        return found.map(f -> {
            List<String> page = f.ids().size() > TIMELINE_PAGE ? f.ids().subList(0, TIMELINE_PAGE) : f.ids();
            List<PostCard> cards = cards(page, viewer);
            String older = f.ids().size() > TIMELINE_PAGE && !cards.isEmpty() ? Cursor.of(cards.getLast()) : null;
            return new Timeline(f.id(), f.handle(), f.name(), cards, older);
        });
    }

    /** The JPEG of a post image, only for a viewer who may read its post. */
    Optional<byte[]> image(String imageId, String viewer) {
        Map<String, Object> params = new HashMap<>();
        params.put("image", imageId);
        params.put("viewer", viewer);
        boolean readable = Transactions.read(driver, tx -> tx.run("""
                MATCH (author:Member)-[:POSTED]->(p:Post)-[:HAS_IMAGE]->(:Image {id: $image})
                WHERE %s
                RETURN count(p) > 0 AS ok""".formatted(PostReadability.byReaderId("p", "author", "viewer")), params).single().get("ok").asBoolean());
        return readable ? store.get(imageId) : Optional.empty();
    }

    /** Keyset position in a timeline: the creation time and id of the last post shown. */
    record Cursor(ZonedDateTime at, String id) {

        static String of(PostCard last) {
            return last.createdAt().withZoneSameInstant(ZoneId.of("UTC")).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    + "_" + last.id();
        }

        static Optional<Cursor> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.empty();
            }
            int cut = text.lastIndexOf('_');
            if (cut < 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Cursor(ZonedDateTime.parse(text.substring(0, cut), DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                        UUID.fromString(text.substring(cut + 1)).toString()));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private static PostCard card(Record r, String viewer) {
        Value p = r.get("post");
        Value a = r.get("author");
        Set<String> mentioned = new HashSet<>(r.get("mentioned").asList(Value::asString));
        String text = p.get("text").asString();
        List<PostImage> images = r.get("images").asList(i -> new PostImage(i.get("id").asString(), i.get("alt").asString(),
                i.get("width").asInt(0), i.get("height").asInt(0)));
        return new PostCard(p.get("id").asString(), a.get("id").asString(), a.get("handle").asString(),
                a.get("displayName").asString(a.get("handle").asString()),
                shown(p.get("createdAt")), p.get("editedAt").isNull() ? null : shown(p.get("editedAt")),
                text, PostText.html(text, mentioned::contains), p.get("contentWarning").asString(""),
                p.get("language").asString(""), p.get("visibility").asString("public"), images,
                ReactionCount.of(r.get("reactions").asList(Value::asString), r.get("mine").asList(Value::asString)),
                r.get("comments").asLong(), viewer != null && viewer.equals(a.get("id").asString()), viewer != null,
                p.get("moderation").asString(null), p.get("locked").asBoolean(false));
    }

    static ZonedDateTime shown(Value datetime) {
        return datetime.asZonedDateTime().withZoneSameInstant(SHOWN_IN);
    }
}
