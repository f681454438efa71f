package org.rampe.members;

import static org.rampe.graph.Graph.params;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * What the erasure itself keeps: the mark on a member being erased ({@code erasingSince},
 * {@code erasureChoice}), the reserved handles ({@code :ReservedHandle {digest, until}}) and the
 * member node's last delete.
 */
@Repository
class ErasureRepository {

    /** A member marked for erasure: what they chose and when (the first mark counts, a second changes nothing). */
    record Marked(MemberId member, Erasure.Choice choice, Instant at) {

        Erasure erasure() {
            return new Erasure(member, choice, at);
        }
    }

    private final Graph graph;

    ErasureRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * Marks the member as being erased, unless they are already (then the first mark stays); empty
     * for no such member (or the former member, who is never erased).
     */
    Optional<Marked> mark(MemberId member, Erasure.Choice choice, Instant at) {
        return graph.writeOne("""
                MATCH (m:Member {id: $id}) WHERE NOT m:Former
                SET m.erasingSince = coalesce(m.erasingSince, $at), m.erasureChoice = coalesce(m.erasureChoice, $choice)
                RETURN m.id AS id, m.erasureChoice AS choice, m.erasingSince AS at
                """, params("id", member.value(), "at", at.atOffset(ZoneOffset.UTC), "choice", choice.name()),
                ErasureRepository::marked);
    }

    Optional<Marked> marked(MemberId member) {
        return graph.one("""
                MATCH (m:Member {id: $id}) WHERE m.erasingSince IS NOT NULL
                RETURN m.id AS id, m.erasureChoice AS choice, m.erasingSince AS at
                """, params("id", member.value()), ErasureRepository::marked);
    }

    /** Every member whose erasure began and did not finish (a seek on {@code member_erasing_since}). */
    List<Marked> interrupted() {
        return graph.list("""
                MATCH (m:Member) WHERE m.erasingSince IS NOT NULL
                RETURN m.id AS id, m.erasureChoice AS choice, m.erasingSince AS at
                ORDER BY m.erasingSince
                """, params(), ErasureRepository::marked);
    }

    /** The handle and address of a member still present (read before the node goes). */
    Optional<String[]> handleAndEmail(MemberId member) {
        return graph.one("MATCH (m:Member {id: $id}) RETURN m.handle AS handle, m.email AS email", params("id", member.value()),
                r -> new String[]{r.get("handle").asString(null), r.get("email").asString(null)});
    }

    /** Reserves a handle by its digest until then (run again, it sets the same end). */
    void reserve(String digest, Instant until) {
        graph.write("MERGE (r:ReservedHandle {digest: $digest}) SET r.until = $until",
                params("digest", digest, "until", until.atOffset(ZoneOffset.UTC)));
    }

    /** Whether a handle with this digest is reserved now. */
    boolean reserved(String digest, Instant now) {
        return graph.exists("""
                MATCH (r:ReservedHandle {digest: $digest})
                RETURN r.until > $now AS reserved
                """, params("digest", digest, "now", now.atOffset(ZoneOffset.UTC)));
    }

    /** Whether a member with this handle is being erased. */
    boolean erasing(String handle) {
        return graph.exists("""
                MATCH (m:Member {handle: $handle})
                RETURN m.erasingSince IS NOT NULL AS erasing
                """, params("handle", handle));
    }

    /** Removes up to {@code limit} reservations whose end has passed; returns how many. */
    long purgeExpired(Instant now, int limit) {
        return graph.writeOne("""
                MATCH (r:ReservedHandle) WHERE r.until <= $now
                WITH r LIMIT $limit
                DELETE r
                RETURN count(*) AS n
                """, params("now", now.atOffset(ZoneOffset.UTC), "limit", limit), r -> r.get("n").asLong()).orElse(0L);
    }

    /** The member node goes last, with whatever still touches it. */
    void deleteMember(MemberId member) {
        graph.write("MATCH (m:Member {id: $id}) WHERE NOT m:Former DETACH DELETE m", params("id", member.value()));
    }

    private static Marked marked(org.neo4j.driver.Record r) {
        return new Marked(new MemberId(r.get("id").asString()), Erasure.Choice.valueOf(r.get("choice").asString()),
                r.get("at").asZonedDateTime().toInstant());
    }
}
