package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.util.Optional;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.rampe.social.PostReadability;
import org.springframework.stereotype.Repository;

/**
 * Finds what a member reports, only when they may see it (a post or comment they may read, a
 * group that is not hidden from them, any member but themselves, a place). Nothing else is
 * reportable: unknown and unreadable are the same "not found".
 */
@Repository
class TargetRepository {

    private static final String GROUP_OF_POST = """
            OPTIONAL MATCH (p)-[:IN_GROUP]->(g:Group)
            """;

    private final Graph graph;

    TargetRepository(Graph graph) {
        this.graph = graph;
    }

    /** The target as {@code viewer} may report it, or empty (unknown, unreadable, or oneself). */
    Optional<Target> find(TargetKind kind, String id, String viewer) {
        String query = switch (kind) {
            case POST -> """
                    MATCH (author:Member)-[:POSTED]->(p:Post {id: $id})
                    WHERE %s
                    """.formatted(PostReadability.byReaderId("p", "author", "viewer")) + GROUP_OF_POST + """
                    RETURN author.id AS cid, author.handle AS ch, author.displayName AS cn, p.text AS text, p.id AS post,
                           g.id AS gid, g.name AS gname, g.rules AS rules""";
            case COMMENT -> """
                    MATCH (w:Member)-[:WROTE]->(c:Comment {id: $id})-[:ON]->(p:Post)<-[:POSTED]-(author:Member)
                    WHERE c.deletedAt IS NULL AND c.moderation IS NULL
                      AND NOT EXISTS { MATCH (:Member {id: $viewer})-[:BLOCKS]-(w) } AND %s
                    """.formatted(PostReadability.byReaderId("p", "author", "viewer")) + GROUP_OF_POST + """
                    RETURN w.id AS cid, w.handle AS ch, w.displayName AS cn, c.text AS text, p.id AS post,
                           g.id AS gid, g.name AS gname, g.rules AS rules""";
            case MEMBER -> """
                    MATCH (m:Member {id: $id}) WHERE m.id <> $viewer
                    RETURN m.id AS cid, m.handle AS ch, m.displayName AS cn,
                           m.displayName + CASE WHEN coalesce(m.bio, '') = '' THEN '' ELSE ' — ' + m.bio END AS text,
                           null AS post, null AS gid, null AS gname, null AS rules""";
            case GROUP -> """
                    MATCH (g:Group {id: $id})
                    WHERE g.kind <> 'hidden' OR EXISTS { MATCH (:Member {id: $viewer})-[:MEMBER_OF]->(g) }
                    OPTIONAL MATCH (o:Member)-[:OWNS_GROUP]->(g)
                    RETURN o.id AS cid, o.handle AS ch, o.displayName AS cn,
                           g.name + CASE WHEN coalesce(g.description, '') = '' THEN '' ELSE ' — ' + g.description END AS text,
                           null AS post, null AS gid, g.name AS gname, g.rules AS rules""";
            // A message is reported by a participant of its conversation only (the members of the
            // group for a group chat), who sees it (not deleted, not moderated, not across a block
            // outside a direct conversation), and not by its author. A group chat's message goes to
            // the group's queue; other conversations' to the site-wide one.
            case MESSAGE -> """
                    MATCH (me:Member {id: $viewer}), (s:Member)-[:SENT]->(x:Message {id: $id})-[:IN]->(c:Conversation)
                    WHERE s <> me AND x.deletedAt IS NULL AND x.moderation IS NULL
                      AND CASE WHEN c.kind = 'group'
                               THEN EXISTS { (me)-[:MEMBER_OF]->(:Group)-[:HAS_CHAT]->(c) }
                               ELSE EXISTS { (me)-[:IN_CONVERSATION]->(c) } END
                      AND (c.kind = 'direct' OR NOT EXISTS { (me)-[:BLOCKS]-(s) })
                    OPTIONAL MATCH (g:Group)-[:HAS_CHAT]->(c)
                    RETURN s.id AS cid, s.handle AS ch, s.displayName AS cn, x.text AS text,
                           null AS post, g.id AS gid, g.name AS gname, g.rules AS rules""";
            case PLACE -> """
                    MATCH (pl:Place {id: $id})
                    RETURN null AS cid, null AS ch, null AS cn, pl.name AS text,
                           null AS post, null AS gid, null AS gname, null AS rules""";
        };
        return graph.one(query, params("id", id, "viewer", viewer), r -> map(kind, id, r))
                // A group is judged site-wide (its own moderators do not judge it), but its rules show.
                .map(t -> kind == TargetKind.GROUP ? new Target(t.type(), t.id(), t.concernedId(), t.concernedHandle(),
                        t.concernedName(), t.text(), null, null, t.groupName(), t.groupRules()) : t);
    }

    private static Target map(TargetKind kind, String id, Record r) {
        return new Target(kind, id, r.get("cid").asString(null), r.get("ch").asString(null), r.get("cn").asString(null),
                r.get("text").asString(""), r.get("post").asString(null), r.get("gid").asString(null),
                r.get("gname").asString(null), r.get("rules").asString(null));
    }
}
