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

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.rampe.social.Conversation.Outcome;
import org.springframework.stereotype.Repository;

/**
 * Comments in the graph: {@code (:Member)-[:WROTE]->(:Comment)-[:ON]->(:Post)}, a reply
 * {@code -[:REPLY_TO]->(:Comment)}, and their mentions (through {@link MentionRepository}, in the
 * same transaction). Everything starts from a post the member may read ({@link PostReadability});
 * nothing crosses a block.
 */
@Repository
class CommentRepository {

    private final Graph graph;
    private final MentionRepository mentions;

    CommentRepository(Graph graph, MentionRepository mentions) {
        this.graph = graph;
        this.mentions = mentions;
    }

    /** The thread of a post as a tree, oldest first at each level; empty if the viewer may not read the post. */
    List<CommentView> thread(String post, String viewer) {
        List<Record> rows = graph.list("""
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
                ORDER BY c.createdAt, c.id""".formatted(PostReadability.byReaderId("p", "author", "viewer")),
                Graph.params("post", post, "viewer", viewer), r -> r);
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
            // A reply to the former member's comment names nobody ("" = the unknown-parent wording).
            parentName = parentShown ? pw.get("displayName").asString(pw.get("handle").asString("")) : "";
        }
        boolean visible = !deleted && !hidden;
        String text = visible ? c.get("text").asString("") : "";
        Set<String> mentioned = new HashSet<>(r.get("mentioned").asList(Value::asString));
        String authorId = w.isNull() ? null : w.get("id").asString();
        List<CommentView> replies = children.getOrDefault(id, List.of()).stream()
                .map(child -> view(child, byId, children, viewer)).toList();
        // The former member has no handle: authorHandle null, drawn as such by the page.
        String handle = visible ? w.get("handle").asString(null) : null;
        return new CommentView(id, visible ? authorId : null, handle,
                visible ? w.get("displayName").asString(handle) : null,
                r.get("parent").isNull() ? null : r.get("parent").asString(), parentName,
                Times.shown(c.get("createdAt")), c.get("editedAt").isNull() ? null : Times.shown(c.get("editedAt")),
                text, visible ? PostText.html(text, mentioned::contains) : "", deleted, hidden,
                ReactionCount.of(r.get("reactions").asList(Value::asString), r.get("mine").asList(Value::asString)),
                viewer != null && visible && viewer.equals(authorId), viewer != null && visible, replies,
                moderatedAway ? moderation : ("hidden".equals(moderation) ? "hidden_mine" : null));
    }

    /**
     * Whether {@code viewer} may change the comment: DONE when it is theirs, FORBIDDEN when it is
     * someone else's (or deleted), NOT_FOUND when unknown or on a post they may not read.
     */
    Outcome mayChange(String comment, String viewer) {
        return graph.one("""
                MATCH (c:Comment {id: $comment})-[:ON]->(p:Post)<-[:POSTED]-(author:Member)
                WHERE %s
                RETURN EXISTS { MATCH (:Member {id: $viewer})-[:WROTE]->(c) } AND c.deletedAt IS NULL AS own"""
                .formatted(PostReadability.byReaderId("p", "author", "viewer")), Graph.params("comment", comment, "viewer", viewer),
                r -> r.get("own").asBoolean() ? Outcome.DONE : Outcome.FORBIDDEN)
                .orElse(Outcome.NOT_FOUND);
    }

    Optional<Conversation.OwnComment> own(String comment, String viewer) {
        return graph.one("""
                MATCH (:Member {id: $viewer})-[:WROTE]->(c:Comment {id: $comment})-[:ON]->(p:Post)
                WHERE c.deletedAt IS NULL
                RETURN c.id AS id, p.id AS post, c.text AS text""", Graph.params("comment", comment, "viewer", viewer),
                r -> new Conversation.OwnComment(r.get("id").asString(), r.get("post").asString(), r.get("text").asString()));
    }

    /** How a comment came out, with what its events need: the authors of the post and of the parent, who is newly mentioned. */
    record Written(Outcome outcome, String postAuthor, String parentAuthor, Set<String> mentioned) {

        static Written refused(Outcome outcome) {
            return new Written(outcome, null, null, Set.of());
        }
    }

    /**
     * Writes comment {@code id} on a post the writer may read, as a reply to {@code parent} when
     * given (a comment of the same post whose author does not block the writer, nor is blocked by
     * them); in a group, only its members comment, and not while muted in it or banned from it.
     * The checks and the write are one transaction.
     */
    Written create(String id, String post, String parent, String writer, String text) {
        return graph.inWrite(tx -> {
            var onPost = tx.run("""
                    MATCH (author:Member)-[:POSTED]->(p:Post {id: $post})
                    WHERE %s
                    RETURN author.id AS id, coalesce(p.locked, false) AS locked""".formatted(PostReadability.byReaderId("p", "author", "viewer")),
                    Graph.params("post", post, "viewer", writer)).list();
            if (onPost.isEmpty()) {
                return Written.refused(Outcome.NOT_FOUND);
            }
            if (onPost.getFirst().get("locked").asBoolean()) {
                return Written.refused(Outcome.LOCKED);
            }
            String postAuthor = onPost.getFirst().get("id").asString();
            var refusedInGroup = tx.run("""
                    MATCH (:Post {id: $post})-[:IN_GROUP]->(g:Group)
                    OPTIONAL MATCH (w:Member {id: $viewer})
                    RETURN CASE
                             WHEN EXISTS { MATCH (w)-[s:BANNED_FROM]->(g) WHERE s.until IS NULL OR s.until > datetime() } THEN 'BANNED'
                             WHEN EXISTS { MATCH (w)-[s:MUTED_IN]->(g) WHERE s.until IS NULL OR s.until > datetime() } THEN 'MUTED'
                             WHEN NOT EXISTS { MATCH (w)-[:MEMBER_OF]->(g) } THEN 'FORBIDDEN'
                           END AS refused""",
                    Graph.params("post", post, "viewer", writer)).list(r -> r.get("refused").asString(null)).stream()
                    .filter(Objects::nonNull).findFirst();
            if (refusedInGroup.isPresent()) {
                return Written.refused(Outcome.valueOf(refusedInGroup.get()));
            }
            String parentAuthor = null;
            if (parent != null) {
                var found = tx.run("""
                        MATCH (parent:Comment {id: $parent})-[:ON]->(:Post {id: $post})
                        OPTIONAL MATCH (pa:Member)-[:WROTE]->(parent)
                        WITH parent, pa
                        // across a block the comment is not found, as an unknown one: a block is invisible
                        WHERE pa IS NULL OR NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(pa) }
                        RETURN pa.id AS author, parent.deletedAt IS NULL AND pa IS NOT NULL AS allowed""",
                        Graph.params("parent", parent, "post", post, "viewer", writer)).list();
                if (found.isEmpty()) {
                    return Written.refused(Outcome.NOT_FOUND);
                }
                if (!found.getFirst().get("allowed").asBoolean()) {
                    return Written.refused(Outcome.FORBIDDEN);
                }
                parentAuthor = found.getFirst().get("author").asString();
            }
            tx.run("""
                    MATCH (w:Member {id: $writer}), (p:Post {id: $post})
                    CREATE (w)-[:WROTE]->(c:Comment {id: $id, text: $text, createdAt: datetime()})-[:ON]->(p)
                    WITH c
                    OPTIONAL MATCH (parent:Comment {id: $parent})
                    FOREACH (x IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END | CREATE (c)-[:REPLY_TO]->(x))""",
                    Graph.params("writer", writer, "post", post, "id", id, "text", text, "parent", parent)).consume();
            return new Written(Outcome.DONE, postAuthor, parentAuthor, mentions.replace(tx, Content.COMMENT, id, post, writer, text));
        });
    }

    /** An edited comment: its post, and who is newly mentioned. */
    record Edited(String post, Set<String> mentioned) {
    }

    /** Changes the text of the writer's own comment and works out its mentions again; empty when it is not theirs. */
    Optional<Edited> edit(String comment, String writer, String text) {
        return graph.inWrite(tx -> {
            var post = tx.run("""
                    MATCH (:Member {id: $writer})-[:WROTE]->(c:Comment {id: $comment})-[:ON]->(p:Post)
                    WHERE c.deletedAt IS NULL
                    SET c.text = $text, c.editedAt = datetime()
                    RETURN p.id AS post""", Graph.params("writer", writer, "comment", comment, "text", text))
                    .list(r -> r.get("post").asString());
            if (post.isEmpty()) {
                return Optional.<Edited>empty();
            }
            return Optional.of(new Edited(post.getFirst(), mentions.replace(tx, Content.COMMENT, comment, post.getFirst(), writer, text)));
        });
    }

    /**
     * Deletes the writer's own comment; returns its post. One with replies keeps its place in the
     * thread, emptied and no longer tied to its author, so the replies still read in order.
     */
    Optional<String> delete(String comment, String writer) {
        return graph.writeOne("""
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
                RETURN post""", Graph.params("writer", writer, "comment", comment), r -> r.get("post").asString());
    }
}
