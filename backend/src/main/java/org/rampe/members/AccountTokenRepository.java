package org.rampe.members;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/** The {@code :AccountToken} nodes: only hashes, each linked to its member. */
@Repository
class AccountTokenRepository {

    /** A token found by its hash and taken out of the graph: whose it was, for which address, whether it was still alive. */
    record Used(MemberId member, String email, String hash, boolean alive) {
    }

    private final Graph graph;

    AccountTokenRepository(Graph graph) {
        this.graph = graph;
    }

    void create(MemberId member, TokenPurpose purpose, String hash, String email, Instant expiresAt) {
        graph.write("""
                MATCH (m:Member {id: $member})
                CREATE (m)-[:HAS_TOKEN]->(:AccountToken {hash: $hash, purpose: $purpose, email: $email,
                                                       createdAt: datetime(), expiresAt: $expiresAt})
                """, Map.of("member", member.value(), "hash", hash, "purpose", purpose.code, "email", email,
                "expiresAt", expiresAt.atZone(ZoneOffset.UTC)));
    }

    /** The token, if it exists for this purpose and has not expired, without using it (a page that shows a form). */
    Optional<Used> find(TokenPurpose purpose, String hash) {
        return graph.one("""
                MATCH (m:Member)-[:HAS_TOKEN]->(t:AccountToken {hash: $hash})
                WHERE t.purpose = $purpose AND t.expiresAt > datetime()
                RETURN m.id AS member, t.email AS email, t.hash AS hash, true AS alive
                """, Map.of("hash", hash, "purpose", purpose.code), AccountTokenRepository::used);
    }

    /**
     * Deletes the token and says whose it was: a token is used once, whatever happens next. An
     * expired one is deleted too, and answered as not alive. Two uses at the same moment: the first
     * statement locks the member (a property set and removed), so the second use waits, and its
     * second statement, which reads what is committed by then, no longer finds the token. Without
     * the lock both would delete the node (the second delete does nothing) and both would succeed.
     */
    Optional<Used> take(TokenPurpose purpose, String hash) {
        var params = Map.<String, Object>of("hash", hash, "purpose", purpose.code);
        return graph.inWrite(tx -> {
            var owner = tx.run("""
                    MATCH (m:Member)-[:HAS_TOKEN]->(:AccountToken {hash: $hash})
                    SET m.tokenLock = true REMOVE m.tokenLock
                    RETURN m.id AS member
                    """, params).list(r -> r.get("member").asString());
            if (owner.isEmpty()) {
                return Optional.<Used>empty();
            }
            var result = tx.run("""
                    MATCH (m:Member {id: $member})-[:HAS_TOKEN]->(t:AccountToken {hash: $hash})
                    WHERE t.purpose = $purpose
                    WITH m, t, t.expiresAt > datetime() AS alive, t.email AS email, t.hash AS hash
                    DETACH DELETE t
                    RETURN m.id AS member, email, hash, alive
                    """, Map.of("member", owner.getFirst(), "hash", hash, "purpose", purpose.code));
            return result.hasNext() ? Optional.of(used(result.next())) : Optional.<Used>empty();
        });
    }

    /** Every token of these purposes of the member goes: after a password or address change the old links must not work. */
    void deleteAll(MemberId member, List<TokenPurpose> purposes) {
        graph.write("""
                MATCH (:Member {id: $member})-[:HAS_TOKEN]->(t:AccountToken)
                WHERE t.purpose IN $purposes
                DETACH DELETE t
                """, Map.of("member", member.value(), "purposes", purposes.stream().map(p -> p.code).toList()));
    }

    /** Removes up to {@code limit} expired tokens (a range seek on the expiry index); returns how many. */
    long deleteExpired(int limit) {
        return graph.writeOne("""
                MATCH (t:AccountToken) WHERE t.expiresAt < datetime()
                WITH t LIMIT $limit
                DETACH DELETE t
                RETURN count(*) AS n
                """, Map.of("limit", limit), r -> r.get("n").asLong()).orElse(0L);
    }

    private static Used used(org.neo4j.driver.Record r) {
        return new Used(new MemberId(r.get("member").asString()), r.get("email").asString(null), r.get("hash").asString(),
                r.get("alive").asBoolean());
    }
}
