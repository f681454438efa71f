package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/** Site-wide suspensions: {@code :Member.suspendedUntil} (far future = for good) and the decisions that made them. */
@Repository
class SuspensionRepository {

    /** A member suspended until then. */
    record Suspension(String memberId, Instant until) {
    }

    private final Graph graph;

    SuspensionRepository(Graph graph) {
        this.graph = graph;
    }

    /** The members suspended now. */
    List<Suspension> inForce() {
        return graph.list("""
                MATCH (m:Member) WHERE m.suspendedUntil > datetime()
                RETURN m.id AS id, m.suspendedUntil AS until""",
                r -> new Suspension(r.get("id").asString(), r.get("until").asZonedDateTime().toInstant()));
    }

    /** The suspension in force for the member (not overturned), newest first. */
    Optional<String> decisionOf(String memberId) {
        return graph.one("""
                MATCH (d:Decision {action: 'suspend'})-[:CONCERNS]->(:Member {id: $id})
                WHERE NOT EXISTS { MATCH (:Member)-[r:REVIEWED]->(d) WHERE r.outcome = 'overturned' }
                RETURN d.id AS id ORDER BY d.at DESC LIMIT 1""", params("id", memberId), r -> r.get("id").asString());
    }
}
