package org.rampe.members;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * A member's archives: {@code (:Member)-[:ASKED_FOR]->(:Archive {id, status, requestedAt, partsDone,
 * partsTotal, readyAt, expiresAt, bytes})}. The file itself is on disk, named by the id.
 */
@Repository
class ArchiveRepository {

    private static final String FIELDS = """
            a.id AS id, a.status AS status, a.requestedAt AS requestedAt, a.partsDone AS partsDone,
            a.partsTotal AS partsTotal, a.readyAt AS readyAt, a.expiresAt AS expiresAt, a.bytes AS bytes""";

    private final Graph graph;

    ArchiveRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * A new archive in preparation, unless the member has one in preparation already (then empty).
     * The first statement locks the member (a property set and removed), so that two requests at
     * once are taken one after the other, and the second one's check sees the first one's archive.
     */
    Optional<MemberArchives.Status> create(MemberId member, String id, int partsTotal) {
        return graph.inWrite(tx -> {
            var found = tx.run("MATCH (m:Member {id: $member}) SET m.archiveLock = true REMOVE m.archiveLock RETURN count(m) AS n",
                    Map.of("member", member.value())).single().get("n").asLong();
            if (found == 0) {
                return Optional.<MemberArchives.Status>empty();
            }
            var created = tx.run("""
                    MATCH (m:Member {id: $member})
                    WHERE NOT EXISTS { (m)-[:ASKED_FOR]->(:Archive {status: 'preparing'}) }
                    CREATE (m)-[:ASKED_FOR]->(a:Archive {id: $id, status: 'preparing', requestedAt: datetime(),
                                                       partsDone: 0, partsTotal: $total})
                    RETURN %s""".formatted(FIELDS), Map.of("member", member.value(), "id", id, "total", partsTotal)).list();
            return created.stream().findFirst().map(ArchiveRepository::status);
        });
    }

    /** The member's archives, newest first. */
    List<MemberArchives.Status> of(MemberId member) {
        return graph.list("""
                MATCH (:Member {id: $member})-[:ASKED_FOR]->(a:Archive)
                RETURN %s ORDER BY a.requestedAt DESC""".formatted(FIELDS), Map.of("member", member.value()), ArchiveRepository::status);
    }

    /** One of the member's archives (empty when it is not theirs, or unknown). */
    Optional<MemberArchives.Status> find(MemberId member, String id) {
        return graph.one("""
                MATCH (:Member {id: $member})-[:ASKED_FOR]->(a:Archive {id: $id})
                RETURN %s""".formatted(FIELDS), Map.of("member", member.value(), "id", id), ArchiveRepository::status);
    }

    void partDone(String id, int done) {
        graph.write("MATCH (a:Archive {id: $id, status: 'preparing'}) SET a.partsDone = $done", Map.of("id", id, "done", done));
    }

    /** Marks the archive ready; false when it is gone (its member was erased meanwhile). */
    boolean ready(String id, Instant readyAt, Instant expiresAt, long bytes) {
        return graph.writeOne("""
                MATCH (a:Archive {id: $id}) SET a.status = 'ready', a.partsDone = a.partsTotal,
                    a.readyAt = $readyAt, a.expiresAt = $expiresAt, a.bytes = $bytes
                RETURN a.id AS id""",
                Map.of("id", id, "readyAt", readyAt.atZone(ZoneOffset.UTC), "expiresAt", expiresAt.atZone(ZoneOffset.UTC), "bytes", bytes), r -> r).isPresent();
    }

    void failed(String id) {
        graph.write("MATCH (a:Archive {id: $id}) SET a.status = 'failed', a.failedAt = datetime()", Map.of("id", id));
    }

    /** Archives left in preparation by an instance that stopped: their job is gone. */
    List<String> markInterruptedFailed() {
        return graph.writeList("""
                MATCH (a:Archive {status: 'preparing'})
                SET a.status = 'failed', a.failedAt = datetime()
                RETURN a.id AS id""", Map.of(), r -> r.get("id").asString());
    }

    /**
     * Archives to delete, at most {@code limit}: ready ones whose days are over, and failed ones
     * asked for before {@code failedBefore} (nothing to download, only a line on the page).
     */
    List<String> expired(Instant now, Instant failedBefore, int limit) {
        return graph.list("""
                MATCH (a:Archive)
                WHERE (a.status = 'ready' AND a.expiresAt <= $now) OR (a.status = 'failed' AND a.requestedAt <= $failedBefore)
                RETURN a.id AS id LIMIT $limit""",
                Map.of("now", now.atZone(ZoneOffset.UTC), "failedBefore", failedBefore.atZone(ZoneOffset.UTC), "limit", limit),
                r -> r.get("id").asString());
    }

    void delete(String id) {
        graph.write("MATCH (a:Archive {id: $id}) DETACH DELETE a", Map.of("id", id));
    }

    private static MemberArchives.Status status(Record r) {
        return new MemberArchives.Status(r.get("id").asString(), r.get("status").asString(), instant(r.get("requestedAt")),
                r.get("partsDone").asInt(0), r.get("partsTotal").asInt(0), instant(r.get("readyAt")), instant(r.get("expiresAt")),
                r.get("bytes").asLong(0));
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }
}
