package org.rampe.social;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * What the social feature keeps about one member, read for their archive (streamed, row by row)
 * and removed or anonymised for their erasure (in batches of {@link #BATCH}, each its own
 * transaction, so that an erasure of a member with 10,000 posts never holds one huge transaction
 * and can be run again after a crash: every statement only finds what is left to do).
 */
@Repository
class MemberContentRepository {

    /** Items per erasing transaction. */
    static final int BATCH = 1000;

    private final Graph graph;

    MemberContentRepository(Graph graph) {
        this.graph = graph;
    }

    // ---------------------------------------------------------------- archive

    void posts(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (:Member {id: $member})-[:POSTED]->(p:Post)
                OPTIONAL MATCH (p)-[:IN_GROUP]->(g:Group)
                RETURN p.id AS id, p.createdAt AS createdAt, p.editedAt AS editedAt, p.text AS text,
                       p.contentWarning AS contentWarning, p.language AS language, p.visibility AS visibility,
                       g.id AS groupId, g.name AS groupName,
                       COLLECT { MATCH (p)-[h:HAS_IMAGE]->(i:Image) RETURN {id: i.id, alt: i.alt} ORDER BY h.position } AS images
                ORDER BY p.createdAt, p.id""", Map.of("member", member), row);
    }

    /** The member's post images and avatar: kind ({@code post} or {@code avatar}), id, alt text. */
    void images(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (m:Member {id: $member})
                CALL (m) {
                  MATCH (m)-[:POSTED]->(:Post)-[:HAS_IMAGE]->(i:Image)
                  RETURN 'post' AS kind, i.id AS id, i.alt AS alt
                  UNION ALL
                  MATCH (m)-[:HAS_AVATAR]->(i:Image)
                  RETURN 'avatar' AS kind, i.id AS id, i.alt AS alt
                }
                RETURN kind, id, alt""", Map.of("member", member), row);
    }

    void comments(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (:Member {id: $member})-[:WROTE]->(c:Comment)-[:ON]->(p:Post)
                OPTIONAL MATCH (c)-[:REPLY_TO]->(parent:Comment)
                RETURN c.id AS id, p.id AS postId, parent.id AS replyTo, c.createdAt AS createdAt,
                       c.editedAt AS editedAt, c.text AS text
                ORDER BY c.createdAt, c.id""", Map.of("member", member), row);
    }

    void reactions(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (:Member {id: $member})-[r:REACTED]->(x)
                OPTIONAL MATCH (x)-[:ON]->(p:Post)
                RETURN CASE WHEN x:Comment THEN 'comment' ELSE 'post' END AS targetKind, x.id AS targetId,
                       coalesce(p.id, x.id) AS postId, r.reaction AS reaction, r.at AS at
                ORDER BY r.at""", Map.of("member", member), row);
    }

    /**
     * The member's relations of one type, with the other member's handle: {@code outgoing} the
     * ones they made ({@code (m)-[r]->(o)}), else the ones others made to them.
     */
    void relations(String member, String type, boolean outgoing, Consumer<Record> row) {
        graph.each(switch (type + outgoing) {
            case "FOLLOWStrue" -> "MATCH (:Member {id: $member})-[r:FOLLOWS]->(o:Member) RETURN o.handle AS handle, r.since AS at ORDER BY at";
            case "FOLLOWSfalse" -> "MATCH (:Member {id: $member})<-[r:FOLLOWS]-(o:Member) RETURN o.handle AS handle, r.since AS at ORDER BY at";
            case "REQUESTED_FOLLOWtrue" -> "MATCH (:Member {id: $member})-[r:REQUESTED_FOLLOW]->(o:Member) RETURN o.handle AS handle, r.at AS at ORDER BY at";
            case "REQUESTED_FOLLOWfalse" -> "MATCH (:Member {id: $member})<-[r:REQUESTED_FOLLOW]-(o:Member) RETURN o.handle AS handle, r.at AS at ORDER BY at";
            case "BLOCKStrue" -> "MATCH (:Member {id: $member})-[r:BLOCKS]->(o:Member) RETURN o.handle AS handle, r.since AS at ORDER BY at";
            case "MUTEStrue" -> "MATCH (:Member {id: $member})-[r:MUTES]->(o:Member) RETURN o.handle AS handle, r.since AS at ORDER BY at";
            default -> throw new IllegalArgumentException(type);
        }, Map.of("member", member), row);
    }

    // ---------------------------------------------------------------- erasure

    /** Counts the posts that anonymising would still remove: followers-only posts, and every non-group post of a private account. */
    long audienceBoundPosts(String member) {
        return graph.count("""
                MATCH (m:Member {id: $member})-[:POSTED]->(p:Post)
                WHERE %s
                RETURN count(p) AS n""".formatted(AUDIENCE_BOUND), Map.of("member", member));
    }

    /** A post whose readers depend on the author's followers: keeping it under the former member would show it to nobody or to everyone. */
    private static final String AUDIENCE_BOUND = """
            p.visibility <> 'group' AND (p.visibility <> 'public' OR coalesce(m.privateAccount, false))""";

    /** A batch of removed posts: their ids and the ids of their image files. */
    record Removed(List<String> posts, List<String> images) {
    }

    /**
     * Deletes up to a batch of the member's posts (all of them, or only the audience-bound ones)
     * with their images' nodes, comments (anyone's), reactions and mentions, as deleting a post does.
     */
    Removed removePosts(String member, boolean onlyAudienceBound) {
        return graph.writeOne("""
                MATCH (m:Member {id: $member})-[:POSTED]->(p:Post)
                WHERE NOT $onlyAudienceBound OR (%s)
                WITH p LIMIT $batch
                OPTIONAL MATCH (p)-[:HAS_IMAGE]->(img:Image)
                WITH p, collect(img) AS images
                OPTIONAL MATCH (c:Comment)-[:ON]->(p)
                WITH p, images, collect(c) AS comments
                WITH p, images, comments, [x IN images | x.id] AS imageIds, p.id AS postId
                FOREACH (x IN images | DETACH DELETE x)
                FOREACH (x IN comments | DETACH DELETE x)
                DETACH DELETE p
                RETURN collect(postId) AS posts, reduce(acc = [], ids IN collect(imageIds) | acc + ids) AS images"""
                .formatted(AUDIENCE_BOUND), Graph.params("member", member, "onlyAudienceBound", onlyAudienceBound, "batch", BATCH),
                r -> new Removed(r.get("posts").asList(Value::asString), r.get("images").asList(Value::asString)))
                .orElse(new Removed(List.of(), List.of()));
    }

    /** Removes the images of up to a batch of the member's posts (anonymised posts keep their text, not their photos); returns the image ids. */
    List<String> removePostImages(String member) {
        return graph.writeOne("""
                MATCH (:Member {id: $member})-[:POSTED]->(:Post)-[:HAS_IMAGE]->(img:Image)
                WITH img LIMIT $batch
                WITH collect(img) AS images
                WITH images, [x IN images | x.id] AS ids
                FOREACH (x IN images | DETACH DELETE x)
                RETURN ids""", Map.of("member", member, "batch", BATCH), r -> r.get("ids").asList(Value::asString))
                .orElse(List.of());
    }

    /** Gives up to a batch of the member's posts to the one former-member node; returns how many. */
    long anonymisePosts(String member, String former) {
        return count("""
                MERGE (f:Member:Former {id: $former})
                WITH f
                MATCH (:Member {id: $member})-[r:POSTED]->(p:Post)
                WITH f, r, p LIMIT $batch
                DELETE r
                CREATE (f)-[:POSTED]->(p)
                RETURN count(p) AS n""", Map.of("member", member, "former", former, "batch", BATCH));
    }

    /** The same for comments. */
    long anonymiseComments(String member, String former) {
        return count("""
                MERGE (f:Member:Former {id: $former})
                WITH f
                MATCH (:Member {id: $member})-[w:WROTE]->(c:Comment)
                WITH f, w, c LIMIT $batch
                DELETE w
                CREATE (f)-[:WROTE]->(c)
                RETURN count(c) AS n""", Map.of("member", member, "former", former, "batch", BATCH));
    }

    /**
     * Deletes up to a batch of the member's comments, as deleting a comment does: one with replies
     * keeps its place in the thread, emptied and without author, mentions or reactions.
     */
    long removeComments(String member) {
        return count("""
                MATCH (:Member {id: $member})-[w:WROTE]->(c:Comment)
                WITH w, c LIMIT $batch
                WITH w, c, EXISTS { (:Comment)-[:REPLY_TO]->(c) } AS hasReplies
                CALL (c, w, hasReplies) {
                    WITH c, w WHERE hasReplies
                    DELETE w
                    WITH c
                    CALL (c) { MATCH (c)-[m:MENTIONS]->() DELETE m }
                    CALL (c) { MATCH ()-[r:REACTED]->(c) DELETE r }
                    SET c.text = '', c.deletedAt = coalesce(c.deletedAt, datetime())
                    REMOVE c.editedAt
                }
                CALL (c, hasReplies) {
                    WITH c WHERE NOT hasReplies
                    DETACH DELETE c
                }
                RETURN count(*) AS n""", Map.of("member", member, "batch", BATCH));
    }

    /** Deletes up to a batch of the relationships of these types touching the member (either direction, or from them only). */
    long removeRelationships(String member, String pattern) {
        return count(switch (pattern) {
            case "relations" -> "MATCH (:Member {id: $member})-[r:FOLLOWS|REQUESTED_FOLLOW|BLOCKS|MUTES]-(:Member) WITH r LIMIT $batch DELETE r RETURN count(*) AS n";
            case "reactions" -> "MATCH (:Member {id: $member})-[r:REACTED]->() WITH r LIMIT $batch DELETE r RETURN count(*) AS n";
            case "mentions" -> "MATCH ()-[r:MENTIONS]->(:Member {id: $member}) WITH r LIMIT $batch DELETE r RETURN count(*) AS n";
            default -> throw new IllegalArgumentException(pattern);
        }, Map.of("member", member, "batch", BATCH));
    }

    /** Deletes the avatar's node and the member's pointer to it; returns the image id (to delete the file). */
    List<String> removeAvatar(String member) {
        return graph.writeList("""
                MATCH (m:Member {id: $member})
                OPTIONAL MATCH (m)-[:HAS_AVATAR]->(i:Image)
                WITH m, collect(i) AS images, [x IN collect(i) | x.id] + CASE WHEN m.avatarImage IS NULL THEN [] ELSE [m.avatarImage] END AS ids
                FOREACH (x IN images | DETACH DELETE x)
                REMOVE m.avatarImage
                WITH ids
                UNWIND ids AS id
                RETURN DISTINCT id""", Map.of("member", member), r -> r.get("id").asString());
    }

    private long count(String query, Map<String, Object> params) {
        return graph.writeOne(query, params, r -> r.get("n").asLong()).orElse(0L);
    }
}
