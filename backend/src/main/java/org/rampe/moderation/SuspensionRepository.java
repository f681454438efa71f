package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

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

    /** Whether the member is suspended at this moment: one lookup by id (the {@code :Member(id)} constraint's index). */
    boolean suspendedNow(String memberId) {
        return graph.one("""
                MATCH (m:Member {id: $id}) WHERE m.suspendedUntil > datetime()
                RETURN true AS suspended""", params("id", memberId), r -> true).orElse(false);
    }

    /** The suspension in force for the member (not overturned), newest first. */
    Optional<String> decisionOf(String memberId) {
        return graph.one("""
                MATCH (d:Decision {action: 'suspend'})-[:CONCERNS]->(:Member {id: $id})
                WHERE NOT EXISTS { MATCH (:Member)-[r:REVIEWED]->(d) WHERE r.outcome = 'overturned' }
                RETURN d.id AS id ORDER BY d.at DESC LIMIT 1""", params("id", memberId), r -> r.get("id").asString());
    }
}
