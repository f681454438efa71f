package org.rampe.members.signinlinks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.rampe.site.Language;
import org.springframework.stereotype.Repository;

/**
 * Sign-in links in the graph, {@code (:Member)-[:HAS_SIGN_IN_LINK]->(:SignInLink {hash, createdAt, expiresAt})},
 * so that a link mailed by one instance opens on any other. Only the SHA-256 hash of a link's
 * token is kept: whoever reads the database cannot sign in with what it holds.
 */
@Repository
class SignInLinkRepository {

    /** Where a link for a member goes: their address, handle and language. */
    record Addressee(String email, String handle, Locale locale) {
    }

    /** A link found by its hash, already deleted: the member's address now, and until when it was valid. */
    record Used(String hash, String email, Instant expiresAt) {
    }

    private final Graph graph;

    SignInLinkRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * Keeps a link for the member with this address, if there is one (empty otherwise: nothing is
     * kept), and sweeps links that expired, whoever they were for.
     */
    Optional<Addressee> store(String email, String hash, Instant expiresAt) {
        return graph.inWrite(tx -> {
            tx.run("""
                    MATCH (l:SignInLink) WHERE l.expiresAt < datetime()
                    WITH l LIMIT 1000
                    DETACH DELETE l
                    """).consume();
            var result = tx.run("""
                    MATCH (m:Member {email: $email})
                    CREATE (m)-[:HAS_SIGN_IN_LINK]->(:SignInLink {hash: $hash, createdAt: datetime(), expiresAt: $expiresAt})
                    RETURN m.email AS email, m.handle AS handle, m.language AS language
                    """, Map.of("email", email, "hash", hash, "expiresAt", expiresAt.atZone(ZoneOffset.UTC)));
            if (!result.hasNext()) {
                return Optional.<Addressee>empty();
            }
            var r = result.next();
            return Optional.of(new Addressee(r.get("email").asString(), r.get("handle").asString(),
                    Language.fromCode(r.get("language").asString(null)).orElse(Language.DEFAULT).locale()));
        });
    }

    /** Finds the link with this hash and deletes it in the same transaction: a link is used once, valid or not. */
    Optional<Used> take(String hash) {
        return graph.writeOne("""
                MATCH (m:Member)-[:HAS_SIGN_IN_LINK]->(l:SignInLink {hash: $hash})
                WITH m, l, l.hash AS hash, l.expiresAt AS expiresAt
                DETACH DELETE l
                RETURN m.email AS email, hash, expiresAt
                """, Map.of("hash", hash), r -> new Used(r.get("hash").asString(), r.get("email").asString(),
                r.get("expiresAt").asZonedDateTime().toInstant()));
    }

    /** The member's erasure: every sign-in link of theirs, used or not. Idempotent. */
    void eraseAll(String memberId) {
        graph.write("MATCH (:Member {id: $member})-[:HAS_SIGN_IN_LINK]->(l:SignInLink) DETACH DELETE l", Map.of("member", memberId));
    }
}
