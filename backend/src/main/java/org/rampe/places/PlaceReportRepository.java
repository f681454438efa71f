package org.rampe.places;

import java.util.List;
import java.util.Map;

import org.rampe.graph.Graph;
import org.rampe.places.PlaceReports.OpenReport;
import org.springframework.stereotype.Repository;

/** Members' reports about places, and how administrators resolve them. */
@Repository
class PlaceReportRepository {

    private final Graph graph;

    PlaceReportRepository(Graph graph) {
        this.graph = graph;
    }

    /** A member's report about a place; the same open report is not duplicated. */
    void report(PlaceId place, String memberId, String reason, String text) {
        graph.write("""
                MATCH (m:Member {id: $memberId}), (p:Place {id: $placeId})
                MERGE (m)-[:REPORTED]->(r:PlaceReport {status: 'open', reason: $reason})-[:ABOUT]->(p)
                ON CREATE SET r.id = randomUUID(), r.createdAt = datetime()
                SET r.text = $text, r.updatedAt = datetime()
                """, Map.of("memberId", memberId, "placeId", place.value(), "reason", reason, "text", text));
    }

    /** Open reports, the most reported places first, then the newest. */
    List<OpenReport> open(int limit) {
        return graph.list("""
                MATCH (r:PlaceReport {status: 'open'})-[:ABOUT]->(p:Place)
                // The reporter may have been erased: their report stays, without them.
                OPTIONAL MATCH (m:Member)-[:REPORTED]->(r)
                CALL (p) { MATCH (p)<-[:ABOUT]-(other:PlaceReport {status: 'open'}) RETURN count(other) AS onPlace }
                RETURN r.id AS id, p.id AS placeId, p.name AS placeName, r.reason AS reason, r.text AS text,
                       m.handle AS reporter, r.createdAt AS createdAt, onPlace
                ORDER BY onPlace DESC, r.createdAt DESC
                LIMIT $limit
                """, Map.of("limit", limit), r -> new OpenReport(r.get("id").asString(), r.get("placeId").asString(),
                r.get("placeName").asString(""), r.get("reason").asString(), r.get("text").asString(""),
                r.get("reporter").asString(""), r.get("createdAt").asZonedDateTime().toInstant(), r.get("onPlace").asLong()));
    }

    /**
     * Closes the open report with the outcome, who decided and when; "closed_place" also marks the
     * place closed, which takes its open and fit labels away (searches no longer find it). False
     * when there is no such open report.
     */
    boolean resolve(String reportId, String adminId, String outcome) {
        return graph.writeOne("""
                MATCH (r:PlaceReport {id: $id, status: 'open'})-[:ABOUT]->(p:Place), (a:Member {id: $adminId})
                SET r.status = 'resolved', r.outcome = $outcome, r.resolvedAt = datetime()
                CREATE (a)-[:RESOLVED]->(r)
                // Closing the place is a change of its facts: a revision by the administrator.
                WITH r, p, CASE WHEN $outcome = 'closed_place' AND coalesce(p.closed, false) = false
                    THEN [['closed', 'false', 'true']] ELSE [] END AS changes
                FOREACH (_ IN CASE WHEN $outcome = 'closed_place' THEN [1] ELSE [] END | SET p.closed = true, p.updatedAt = datetime())
                WITH r, p, changes
                """ + RevisionRepository.RECORD + """
                WITH r, p
                """ + StoredSummary.DERIVED + """
                RETURN count(r) AS n
                """, Map.of("id", reportId, "adminId", adminId, "outcome", outcome,
                "author", adminId, "revision", Map.of()), r -> r.get("n").asLong())
                .orElse(0L) > 0;
    }
}
