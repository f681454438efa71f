package org.rampe.social;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Transactions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Comments (threads of replies) and reactions on posts. Everything starts from a post the member
 * may read ({@link Visibility#CAN_READ_POST}); nothing crosses a block.
 */
@Service
public class Conversation {

    /**
     * How an attempt came out: not found covers "may not read" too, so nothing leaks. MUTED and
     * BANNED: refused in a group whose moderators muted or banned the member (they are told why).
     */
    public enum Outcome { DONE, NOT_FOUND, FORBIDDEN, LOCKED, MUTED, BANNED }

    /** The outcome, and the id it concerns once done (the new comment; the post of a comment). */
    public record Result(Outcome outcome, String id) {
    }

    private final Driver driver;
    private final ApplicationEventPublisher events;

    Conversation(Driver driver, ApplicationEventPublisher events) {
        this.driver = driver;
        this.events = events;
    }

    private static Map<String, Object> params(Object... pairs) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put((String) pairs[i], pairs[i + 1]);
        }
        return p;
    }

    /** The thread of a post as a tree, oldest first at each level; empty if the viewer may not read the post. */
    List<CommentView> thread(String post, String viewer) {
        List<Record> rows = Transactions.read(driver, tx -> tx.run("""
                MATCH (author:Member)-[:POSTED]->(p:Post {id: $post})
                WHERE %s
                MATCH (c:Comment)-[:ON]->(p)
                OPTIONAL MATCH (w:Member)-[:WROTE]->(c)
                OPTIONAL MATCH (c)-[:REPLY_TO]->(parent:Comment)
                RETURN c {.id, .text, .createdAt, .editedAt, .moderation} AS c, c.deletedAt IS NOT NULL AS deleted,
                       w {.id, .handle, .displayName} AS w, parent.id AS parent,
                       w IS NOT NULL AND EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(w) } AS hidden,
                       [(:Member)-[r:REACTED]->(c) | r.reaction] AS reactions,
                       [(:Member {id: $viewer})-[r:REACTED]->(c) | r.reaction] AS mine,
                       [(c)-[:MENTIONS]->(m:Member) WHERE NOT EXISTS { (m)-[:BLOCKS]-(w) } | m.handle] AS mentioned
                ORDER BY c.createdAt, c.id""".formatted(PostReadability.byReaderId("p", "author", "viewer")), params("post", post, "viewer", viewer)).list());
        Map<String, Record> byId = new LinkedHashMap<>();
        rows.forEach(r -> byId.put(r.get("c").get("id").asString(), r));
        Map<String, List<String>> children = new HashMap<>();
        List<String> roots = new ArrayList<>();
        for (var e : byId.entrySet()) {
            Value parent = e.getValue().get("parent");
            if (parent.isNull() || !byId.containsKey(parent.asString())) {
                roots.add(e.getKey());
            } else {
                children.computeIfAbsent(parent.asString(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        return roots.stream().map(id -> view(id, byId, children, viewer)).toList();
    }

    private static CommentView view(String id, Map<String, Record> byId, Map<String, List<String>> children, String viewer) {
        Record r = byId.get(id);
        Value c = r.get("c");
        Value w = r.get("w");
        String moderation = c.get("moderation").asString(null);
        // Moderated comments keep their place (replies still read in order): a hidden one is read
        // by its author only, who is told so; a removed one by nobody.
        boolean moderatedAway = moderation != null
                && !("hidden".equals(moderation) && !w.isNull() && w.get("id").asString().equals(viewer));
        boolean deleted = r.get("deleted").asBoolean() || w.isNull() || moderatedAway;
        boolean hidden = r.get("hidden").asBoolean();
        String parentName = null;
        if (!r.get("parent").isNull() && byId.containsKey(r.get("parent").asString())) {
            Record parent = byId.get(r.get("parent").asString());
            Value pw = parent.get("w");
            boolean parentShown = !parent.get("deleted").asBoolean() && !pw.isNull() && !parent.get("hidden").asBoolean()
                    && parent.get("c").get("moderation").isNull();
            parentName = parentShown ? pw.get("displayName").asString(pw.get("handle").asString()) : "";
        }
        boolean visible = !deleted && !hidden;
        String text = visible ? c.get("text").asString("") : "";
        Set<String> mentioned = new HashSet<>(r.get("mentioned").asList(Value::asString));
        String authorId = w.isNull() ? null : w.get("id").asString();
        List<CommentView> replies = children.getOrDefault(id, List.of()).stream()
                .map(child -> view(child, byId, children, viewer)).toList();
        return new CommentView(id, visible ? authorId : null, visible ? w.get("handle").asString() : null,
                visible ? w.get("displayName").asString(w.get("handle").asString()) : null,
                r.get("parent").isNull() ? null : r.get("parent").asString(), parentName,
                Posts.shown(c.get("createdAt")), c.get("editedAt").isNull() ? null : Posts.shown(c.get("editedAt")),
                text, visible ? PostText.html(text, mentioned::contains) : "", deleted, hidden,
                ReactionCount.of(r.get("reactions").asList(Value::asString), r.get("mine").asList(Value::asString)),
                viewer != null && visible && viewer.equals(authorId), viewer != null && visible, replies,
                moderatedAway ? moderation : ("hidden".equals(moderation) ? "hidden_mine" : null));
    }

    /** What a comment's author may edit: its text and the post it belongs to. */
    record OwnComment(String id, String post, String text) {
    }

    /**
     * The comment, if {@code viewer} may read its post: FORBIDDEN when it is someone else's (or
     * deleted), NOT_FOUND when unknown or unreadable.
     */
    Outcome mayChange(String comment, String viewer) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (c:Comment {id: $comment})-[:ON]->(p:Post)<-[:POSTED]-(author:Member)
                WHERE %s
                RETURN EXISTS { MATCH (:Member {id: $viewer})-[:WROTE]->(c) } AND c.deletedAt IS NULL AS own"""
                .formatted(PostReadability.byReaderId("p", "author", "viewer")), params("comment", comment, "viewer", viewer))
                .list(r -> r.get("own").asBoolean() ? Outcome.DONE : Outcome.FORBIDDEN))
                .stream().findFirst().orElse(Outcome.NOT_FOUND);
    }

    Optional<OwnComment> own(String comment, String viewer) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (:Member {id: $viewer})-[:WROTE]->(c:Comment {id: $comment})-[:ON]->(p:Post)
                WHERE c.deletedAt IS NULL
                RETURN c.id AS id, p.id AS post, c.text AS text""", params("comment", comment, "viewer", viewer))
                .list(r -> new OwnComment(r.get("id").asString(), r.get("post").asString(), r.get("text").asString())))
                .stream().findFirst();
    }

    /**
     * Writes a comment on a post the writer may read, as a reply to {@code parent} when given (a
     * comment of the same post whose author does not block the writer, nor is blocked by them).
     */
    public Result comment(String post, String parent, String writer, String text) {
        record Written(Outcome outcome, String postAuthor, String parentAuthor, Set<String> mentioned) {
        }
        String id = UUID.randomUUID().toString();
        Written written = Transactions.write(driver, tx -> {
            var onPost = tx.run("""
                    MATCH (author:Member)-[:POSTED]->(p:Post {id: $post})
                    WHERE %s
                    RETURN author.id AS id, coalesce(p.locked, false) AS locked""".formatted(PostReadability.byReaderId("p", "author", "viewer")),
                    params("post", post, "viewer", writer)).list();
            if (onPost.isEmpty()) {
                return new Written(Outcome.NOT_FOUND, null, null, Set.of());
            }
            if (onPost.getFirst().get("locked").asBoolean()) {
                return new Written(Outcome.LOCKED, null, null, Set.of());
            }
            var postAuthor = List.of(onPost.getFirst().get("id").asString());
            // In a group, only its members comment, and not while muted in it or banned from it.
            var refusedInGroup = tx.run("""
                    MATCH (:Post {id: $post})-[:IN_GROUP]->(g:Group)
                    OPTIONAL MATCH (w:Member {id: $viewer})
                    RETURN CASE
                             WHEN EXISTS { MATCH (w)-[s:BANNED_FROM]->(g) WHERE s.until IS NULL OR s.until > datetime() } THEN 'BANNED'
                             WHEN EXISTS { MATCH (w)-[s:MUTED_IN]->(g) WHERE s.until IS NULL OR s.until > datetime() } THEN 'MUTED'
                             WHEN NOT EXISTS { MATCH (w)-[:MEMBER_OF]->(g) } THEN 'FORBIDDEN'
                           END AS refused""",
                    params("post", post, "viewer", writer)).list(r -> r.get("refused").asString(null)).stream()
                    .filter(Objects::nonNull).findFirst();
            if (refusedInGroup.isPresent()) {
                return new Written(Outcome.valueOf(refusedInGroup.get()), null, null, Set.of());
            }
            String parentAuthor = null;
            if (parent != null) {
                var found = tx.run("""
                        MATCH (parent:Comment {id: $parent})-[:ON]->(:Post {id: $post})
                        OPTIONAL MATCH (pa:Member)-[:WROTE]->(parent)
                        RETURN pa.id AS author, parent.deletedAt IS NULL AND pa IS NOT NULL
                               AND NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(pa) } AS allowed""",
                        params("parent", parent, "post", post, "viewer", writer)).list();
                if (found.isEmpty()) {
                    return new Written(Outcome.NOT_FOUND, null, null, Set.of());
                }
                if (!found.getFirst().get("allowed").asBoolean()) {
                    return new Written(Outcome.FORBIDDEN, null, null, Set.of());
                }
                parentAuthor = found.getFirst().get("author").asString();
            }
            tx.run("""
                    MATCH (w:Member {id: $writer}), (p:Post {id: $post})
                    CREATE (w)-[:WROTE]->(c:Comment {id: $id, text: $text, createdAt: datetime()})-[:ON]->(p)
                    WITH c
                    OPTIONAL MATCH (parent:Comment {id: $parent})
                    FOREACH (x IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END | CREATE (c)-[:REPLY_TO]->(x))""",
                    params("writer", writer, "post", post, "id", id, "text", text, "parent", parent)).consume();
            return new Written(Outcome.DONE, postAuthor.getFirst(), parentAuthor,
                    Mentions.apply(tx, "Comment", id, post, writer, text));
        });
        if (written.outcome() == Outcome.DONE) {
            events.publishEvent(new SocialEvents.CommentWritten(id, post, writer, written.postAuthor(),
                    parent, written.parentAuthor()));
            written.mentioned().forEach(m -> events.publishEvent(new SocialEvents.Mentioned(m, writer, post, id)));
        }
        return new Result(written.outcome(), written.outcome() == Outcome.DONE ? id : null);
    }

    /** Changes the text of the writer's own comment; mentions are worked out again. */
    boolean edit(String comment, String writer, String text) {
        record Edited(String post, Set<String> mentioned) {
        }
        Optional<Edited> edited = Transactions.write(driver, tx -> {
            var post = tx.run("""
                    MATCH (:Member {id: $writer})-[:WROTE]->(c:Comment {id: $comment})-[:ON]->(p:Post)
                    WHERE c.deletedAt IS NULL
                    SET c.text = $text, c.editedAt = datetime()
                    RETURN p.id AS post""", params("writer", writer, "comment", comment, "text", text))
                    .list(r -> r.get("post").asString());
            if (post.isEmpty()) {
                return Optional.<Edited>empty();
            }
            return Optional.of(new Edited(post.getFirst(), Mentions.apply(tx, "Comment", comment, post.getFirst(), writer, text)));
        });
        edited.ifPresent(e -> e.mentioned().forEach(m ->
                events.publishEvent(new SocialEvents.Mentioned(m, writer, e.post(), comment))));
        edited.ifPresent(e -> events.publishEvent(new SocialEvents.ContentEdited("comment", comment, writer)));
        return edited.isPresent();
    }

    /**
     * Deletes the writer's own comment. One with replies keeps its place in the thread, emptied
     * and no longer tied to its author, so the replies still read in order.
     */
    Optional<String> delete(String comment, String writer) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (:Member {id: $writer})-[w:WROTE]->(c:Comment {id: $comment})-[:ON]->(p:Post)
                WHERE c.deletedAt IS NULL
                WITH c, w, p.id AS post, EXISTS { (:Comment)-[:REPLY_TO]->(c) } AS hasReplies
                CALL (c, w, hasReplies) {
                    WITH c, w WHERE hasReplies
                    DELETE w
                    WITH c
                    CALL (c) { MATCH (c)-[m:MENTIONS]->() DELETE m }
                    CALL (c) { MATCH ()-[r:REACTED]->(c) DELETE r }
                    SET c.text = '', c.deletedAt = datetime()
                    REMOVE c.editedAt
                }
                CALL (c, hasReplies) {
                    WITH c WHERE NOT hasReplies
                    DETACH DELETE c
                }
                RETURN post""", params("writer", writer, "comment", comment)).list(r -> r.get("post").asString()))
                .stream().findFirst();
    }

    /** Adds the reaction if the member had not chosen it on the post, removes it otherwise. */
    public Outcome reactToPost(String post, String member, Reaction reaction) {
        record Toggled(Outcome outcome, String owner, boolean added) {
        }
        Toggled t = Transactions.write(driver, tx -> {
            var owner = tx.run("""
                    MATCH (author:Member)-[:POSTED]->(p:Post {id: $post})
                    WHERE %s
                    RETURN author.id AS id""".formatted(PostReadability.byReaderId("p", "author", "viewer")), params("post", post, "viewer", member))
                    .list(r -> r.get("id").asString());
            if (owner.isEmpty()) {
                return new Toggled(Outcome.NOT_FOUND, null, false);
            }
            return new Toggled(Outcome.DONE, owner.getFirst(), toggle(tx, "Post", post, member, reaction));
        });
        if (t.added()) {
            events.publishEvent(new SocialEvents.Reacted("post", post, post, member, t.owner(), reaction.key()));
        }
        return t.outcome();
    }

    /** The same for a comment: its post must be readable, and no block between the member and the comment's author. */
    Result reactToComment(String comment, String member, Reaction reaction) {
        record Toggled(Outcome outcome, String owner, String post, boolean added) {
        }
        Toggled t = Transactions.write(driver, tx -> {
            var found = tx.run("""
                    MATCH (c:Comment {id: $comment})-[:ON]->(p:Post)<-[:POSTED]-(author:Member)
                    WHERE %s
                    OPTIONAL MATCH (w:Member)-[:WROTE]->(c)
                    RETURN p.id AS post, w.id AS owner, c.deletedAt IS NULL AND w IS NOT NULL
                           AND NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(w) } AS allowed"""
                    .formatted(PostReadability.byReaderId("p", "author", "viewer")), params("comment", comment, "viewer", member)).list();
            if (found.isEmpty()) {
                return new Toggled(Outcome.NOT_FOUND, null, null, false);
            }
            Record r = found.getFirst();
            if (!r.get("allowed").asBoolean()) {
                return new Toggled(Outcome.FORBIDDEN, null, r.get("post").asString(), false);
            }
            return new Toggled(Outcome.DONE, r.get("owner").asString(), r.get("post").asString(),
                    toggle(tx, "Comment", comment, member, reaction));
        });
        if (t.added()) {
            events.publishEvent(new SocialEvents.Reacted("comment", comment, t.post(), member, t.owner(), reaction.key()));
        }
        return new Result(t.outcome(), t.post());
    }

    private static boolean toggle(org.neo4j.driver.TransactionContext tx, String label, String id, String member, Reaction reaction) {
        long removed = tx.run("MATCH (:Member {id: $member})-[r:REACTED {reaction: $reaction}]->(:" + label + " {id: $id}) "
                + "DELETE r RETURN count(*) AS n", params("member", member, "reaction", reaction.key(), "id", id))
                .single().get("n").asLong();
        if (removed > 0) {
            return false;
        }
        tx.run("MATCH (m:Member {id: $member}), (x:" + label + " {id: $id}) "
                + "MERGE (m)-[r:REACTED {reaction: $reaction}]->(x) ON CREATE SET r.at = datetime()",
                params("member", member, "reaction", reaction.key(), "id", id)).consume();
        return true;
    }
}
