package org.rampe.notifications;

import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * One member's notifications, read for their archive and removed for their erasure, with what
 * they caused for others ({@code BY} them): batches of {@link #BATCH}, each its own transaction.
 */
@Repository
class MemberNotificationsRepository {

    static final int BATCH = 1000;

    private final Graph graph;

    MemberNotificationsRepository(Graph graph) {
        this.graph = graph;
    }

    /** Every notification of the member, oldest first, with who did it (handles) and what it is about (ids and names). */
    void each(String member, Consumer<Record> row) {
        graph.each("""
                MATCH (:Member {id: $member})-[s:UNREAD|SEEN]->(n:Notification)
                RETURN n.id AS id, n.kind AS kind, n.at AS at, type(s) = 'SEEN' AS read,
                       [(n)-[b:BY]->(by:Member) WHERE by.handle IS NOT NULL | by.handle] AS by,
                       coalesce([(n)-[:ABOUT_POST]->(p:Post) | p.id][0], n.post) AS postId,
                       [(n)-[:ABOUT_COMMENT]->(c:Comment) | c.id][0] AS commentId,
                       [(n)-[:ABOUT_GROUP]->(g:Group) | g {.id, .name}][0] AS grp,
                       [(n)-[:ABOUT_ASSOCIATION]->(a:Association) | a {.id, .name}][0] AS association,
                       [(n)-[:ABOUT_DECISION]->(d:Decision) | d.id][0] AS decisionId
                ORDER BY n.at, n.id""", Map.of("member", member), row);
    }

    /** Deletes up to a batch of the member's own notifications; returns how many. */
    long removeReceived(String member) {
        return graph.writeOne("""
                MATCH (:Member {id: $member})-[:UNREAD|SEEN]->(n:Notification)
                WITH DISTINCT n LIMIT $batch
                DETACH DELETE n
                RETURN count(*) AS n""", Map.of("member", member, "batch", BATCH), r -> r.get("n").asLong()).orElse(0L);
    }

    /**
     * Takes the member out of up to a batch of notifications they caused for others; one nobody
     * else caused goes (a grouped reaction keeps its other actors). Returns how many were touched.
     */
    long removeCaused(String member) {
        return graph.writeOne("""
                MATCH (n:Notification)-[b:BY]->(:Member {id: $member})
                WITH n, b LIMIT $batch
                DELETE b
                WITH DISTINCT n
                CALL (n) {
                  WITH n WHERE NOT EXISTS { (n)-[:BY]->() }
                  DETACH DELETE n
                }
                RETURN count(*) AS n""", Map.of("member", member, "batch", BATCH), r -> r.get("n").asLong()).orElse(0L);
    }
}
