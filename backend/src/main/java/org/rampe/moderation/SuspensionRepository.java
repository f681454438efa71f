package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.time.Instant;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/** Site-wide suspensions: {@code :Member.suspendedUntil} (far future = for good) and the decisions that made them. */
@Repository
class SuspensionRepository {

    private final Graph graph;

    SuspensionRepository(Graph graph) {
        this.graph = graph;
    }

    /** Until when the member is suspended (past or future), if ever: one lookup by id (the {@code :Member(id)} constraint's index). */
    Optional<Instant> suspendedUntil(String memberId) {
        return graph.one("""
                MATCH (m:Member {id: $id}) WHERE m.suspendedUntil IS NOT NULL
                RETURN m.suspendedUntil AS until""", params("id", memberId), r -> r.get("until").asZonedDateTime().toInstant());
    }

    /** The suspension in force for the member (not overturned), newest first. */
    Optional<String> decisionOf(String memberId) {
        return graph.one("""
                MATCH (d:Decision {action: 'suspend'})-[:CONCERNS]->(:Member {id: $id})
                WHERE NOT EXISTS { MATCH (:Member)-[r:REVIEWED]->(d) WHERE r.outcome = 'overturned' }
                RETURN d.id AS id ORDER BY d.at DESC LIMIT 1""", params("id", memberId), r -> r.get("id").asString());
    }
}
