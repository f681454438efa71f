package org.rampe.groups;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * One member's groups, read for their archive, and what their erasure does to them: the fate of
 * each group they own ({@link GroupFate}), then their memberships, invitations and requests removed
 * in batches of {@link #BATCH}.
 */
@Repository
class MemberGroupsRepository {

    static final int BATCH = 1000;

    private final Graph graph;

    MemberGroupsRepository(Graph graph) {
        this.graph = graph;
    }

    // ---------------------------------------------------------------- archive

    void memberships(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (:Member {id: $member})-[r:MEMBER_OF]->(g:Group)
                RETURN g.id AS id, g.name AS name, g.slug AS slug, g.kind AS kind, r.role AS role, r.since AS since
                ORDER BY r.since""", Map.of("member", member), row);
    }

    void invitations(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (:Member {id: $member})-[i:INVITED_TO]->(g:Group)
                OPTIONAL MATCH (by:Member {id: i.by})
                RETURN g.id AS id, g.name AS name, by.handle AS by, i.at AS at
                ORDER BY i.at""", Map.of("member", member), row);
    }

    void invitationsSent(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (m:Member)-[i:INVITED_TO {by: $member}]->(g:Group)
                RETURN g.id AS id, g.name AS name, m.handle AS handle, i.at AS at
                ORDER BY i.at""", Map.of("member", member), row);
    }

    void joinRequests(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (:Member {id: $member})-[q:REQUESTED_JOIN]->(g:Group)
                RETURN g.id AS id, g.name AS name, q.at AS at
                ORDER BY q.at""", Map.of("member", member), row);
    }

    void owned(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (:Member {id: $member})-[:OWNS_GROUP]->(g:Group)
                RETURN g.id AS id, g.name AS name, g.slug AS slug, g.kind AS kind, g.createdAt AS createdAt
                ORDER BY g.createdAt""", Map.of("member", member), row);
    }

    // ---------------------------------------------------------------- erasure

    /**
     * The groups the member is an owner of, each with what the erasure will do to it: kept by its
     * other owners; given to its longest-standing moderator; given to the longest-standing
     * representative of the association that owns it; archived (other members remain); deleted
     * (nobody else is in it).
     */
    List<GroupFate> fates(String member) {
        return graph.list("""
                MATCH (m:Member {id: $member})-[:MEMBER_OF {role: 'owner'}]->(g:Group)
                OPTIONAL CALL (m, g) {
                  MATCH (o:Member)-[r:MEMBER_OF {role: 'owner'}]->(g) WHERE o <> m
                  RETURN o ORDER BY r.since, o.id LIMIT 1
                }
                OPTIONAL CALL (m, g) {
                  MATCH (x:Member)-[r:MEMBER_OF {role: 'moderator'}]->(g) WHERE x <> m
                  RETURN x ORDER BY r.since, x.id LIMIT 1
                }
                OPTIONAL MATCH (a:Association)-[:OWNS_GROUP]->(g)
                OPTIONAL CALL (m, a) {
                  MATCH (rep:Member)-[r:REPRESENTS]->(a) WHERE rep <> m
                  RETURN rep ORDER BY r.since, rep.id LIMIT 1
                }
                RETURN g.id AS id, g.name AS name, o.id AS ownerId, o.handle AS ownerHandle,
                       x.id AS moderatorId, x.handle AS moderatorHandle, a.name AS association,
                       rep.id AS representativeId, rep.handle AS representativeHandle,
                       COUNT { (other:Member)-[:MEMBER_OF]->(g) WHERE other <> m } AS others
                ORDER BY toLower(g.name), g.id""", Map.of("member", member), MemberGroupsRepository::fate);
    }

    private static GroupFate fate(Record r) {
        String id = r.get("id").asString();
        String name = r.get("name").asString("");
        if (!r.get("ownerId").isNull()) {
            return new GroupFate(id, name, GroupFate.Kind.OWNERS, r.get("ownerId").asString(), r.get("ownerHandle").asString(null), null);
        }
        if (!r.get("moderatorId").isNull()) {
            return new GroupFate(id, name, GroupFate.Kind.MODERATOR, r.get("moderatorId").asString(),
                    r.get("moderatorHandle").asString(null), null);
        }
        if (!r.get("representativeId").isNull()) {
            return new GroupFate(id, name, GroupFate.Kind.ASSOCIATION, r.get("representativeId").asString(),
                    r.get("representativeHandle").asString(null), r.get("association").asString(""));
        }
        return new GroupFate(id, name, r.get("others").asLong() > 0 ? GroupFate.Kind.ARCHIVED : GroupFate.Kind.DELETED,
                null, null, null);
    }

    /**
     * Makes {@code heir} an owner of the group (joining it if needed: an association's
     * representative), and gives them the member's {@code OWNS_GROUP} if the member held it.
     * Returns whether the heir joined the group now.
     */
    boolean handOver(String member, String groupId, String heir) {
        return graph.writeOne("""
                MATCH (g:Group {id: $group}), (heir:Member {id: $heir})
                OPTIONAL MATCH (heir)-[old:MEMBER_OF]->(g)
                WITH g, heir, old IS NULL AS joins
                MERGE (heir)-[r:MEMBER_OF]->(g) ON CREATE SET r.since = datetime()
                SET r.role = 'owner'
                WITH g, heir, joins
                CALL (g, heir) { MATCH (heir)-[x:INVITED_TO|REQUESTED_JOIN]->(g) DELETE x }
                CALL (g, heir) {
                  MATCH (:Member {id: $member})-[o:OWNS_GROUP]->(g)
                  DELETE o
                  MERGE (heir)-[:OWNS_GROUP]->(g)
                }
                RETURN joins""", Map.of("group", groupId, "heir", heir, "member", member),
                r -> r.get("joins").asBoolean()).orElse(false);
    }

    /** Archives the group: readable, no new posts or members; the member no longer owns it. */
    void archive(String member, String groupId) {
        graph.write("""
                MATCH (g:Group {id: $group})
                SET g.archivedAt = coalesce(g.archivedAt, datetime())
                WITH g
                OPTIONAL MATCH (:Member {id: $member})-[o:OWNS_GROUP]->(g)
                DELETE o""", Map.of("group", groupId, "member", member));
    }

    /** Deletes up to a batch of the group's posts with their comments and images' nodes; returns the posts' ids and authors, and the image ids. */
    Record removeGroupPosts(String groupId) {
        return graph.writeOne("""
                MATCH (g:Group {id: $group})<-[:IN_GROUP]-(p:Post)
                WITH p LIMIT $batch
                OPTIONAL MATCH (author:Member)-[:POSTED]->(p)
                OPTIONAL MATCH (p)-[:HAS_IMAGE]->(img:Image)
                WITH p, author, collect(img) AS images
                OPTIONAL MATCH (c:Comment)-[:ON]->(p)
                WITH p, author, images, collect(c) AS comments
                WITH p, images, comments, [x IN images | x.id] AS imageIds, p.id AS postId, author.id AS authorId
                FOREACH (x IN images | DETACH DELETE x)
                FOREACH (x IN comments | DETACH DELETE x)
                DETACH DELETE p
                RETURN collect([postId, authorId]) AS posts, reduce(acc = [], ids IN collect(imageIds) | acc + ids) AS images""",
                Map.of("group", groupId, "batch", BATCH), r -> r).orElseThrow();
    }

    /** Deletes the group itself (its posts are gone). */
    void deleteGroup(String groupId) {
        graph.write("MATCH (g:Group {id: $group}) DETACH DELETE g", Map.of("group", groupId));
    }

    /** Removes up to a batch of the member's memberships, invitations, requests and ownerships, and their name from invitations they sent. */
    long removeRelationships(String member) {
        long removed = graph.writeOne("""
                MATCH (:Member {id: $member})-[r:MEMBER_OF|INVITED_TO|REQUESTED_JOIN|OWNS_GROUP]->(:Group)
                WITH r LIMIT $batch
                DELETE r
                RETURN count(*) AS n""", Map.of("member", member, "batch", BATCH), r -> r.get("n").asLong()).orElse(0L);
        return removed + graph.writeOne("""
                MATCH (:Member)-[i:INVITED_TO {by: $member}]->(:Group)
                WITH i LIMIT $batch
                REMOVE i.by
                RETURN count(*) AS n""", Map.of("member", member, "batch", BATCH), r -> r.get("n").asLong()).orElse(0L);
    }

    static List<String[]> pairs(Value list) {
        return list.asList(v -> new String[] {v.get(0).asString(), v.get(1).asString(null)});
    }
}
