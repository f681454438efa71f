package org.rampe.places;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.rampe.graph.Transactions;
import org.springframework.stereotype.Component;

/**
 * The simple moderation queue of place reports, for administrators: open reports, the most
 * reported places first, then the newest. (The moderation feature will grow this into queues per
 * group, sanctions and appeals.)
 */
@Component
class PlaceReports {

    record OpenReport(String id, String placeId, String placeName, String reason, String text, String reporterHandle,
                      Instant createdAt, long reportsOnPlace) {
    }

    static final List<String> OUTCOMES = List.of("dismissed", "fixed", "closed_place");

    private final Driver driver;

    PlaceReports(Driver driver) {
        this.driver = driver;
    }

    List<OpenReport> open(int limit) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (m:Member)-[:REPORTED]->(r:PlaceReport {status: 'open'})-[:ABOUT]->(p:Place)
                CALL (p) { MATCH (p)<-[:ABOUT]-(other:PlaceReport {status: 'open'}) RETURN count(other) AS onPlace }
                RETURN r.id AS id, p.id AS placeId, p.name AS placeName, r.reason AS reason, r.text AS text,
                       m.handle AS reporter, r.createdAt AS createdAt, onPlace
                ORDER BY onPlace DESC, r.createdAt DESC
                LIMIT $limit
                """, Map.of("limit", limit)).list(r -> new OpenReport(r.get("id").asString(), r.get("placeId").asString(),
                r.get("placeName").asString(""), r.get("reason").asString(), r.get("text").asString(""),
                r.get("reporter").asString(""), r.get("createdAt").asZonedDateTime().toInstant(), r.get("onPlace").asLong())));
    }

    /**
     * Closes the report with the outcome, who decided and when; "closed_place" also marks the place
     * closed, which takes its open and fit labels away (searches no longer find it).
     */
    boolean resolve(String reportId, String adminId, String outcome) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (r:PlaceReport {id: $id, status: 'open'})-[:ABOUT]->(p:Place), (a:Member {id: $adminId})
                SET r.status = 'resolved', r.outcome = $outcome, r.resolvedAt = datetime()
                CREATE (a)-[:RESOLVED]->(r)
                FOREACH (_ IN CASE WHEN $outcome = 'closed_place' THEN [1] ELSE [] END | SET p.closed = true, p.updatedAt = datetime())
                WITH r, p
                """ + PlaceRepository.DERIVED + """
                RETURN count(r) AS n
                """, Map.of("id", reportId, "adminId", adminId, "outcome", outcome)).single().get("n").asLong() > 0);
    }
}
