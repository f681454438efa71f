package org.rampe.members;

import java.util.Map;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.rampe.site.Language;
import org.springframework.stereotype.Repository;

/** What the account's lifecycle changes on a {@code :Member}: the password, the address and whether it is verified. */
@Repository
class AccountRepository {

    private final Graph graph;

    AccountRepository(Graph graph) {
        this.graph = graph;
    }

    /** Whether the member's current address has been proven theirs. */
    boolean emailVerified(MemberId member) {
        return graph.exists("MATCH (m:Member {id: $id}) RETURN m.emailVerifiedAt IS NOT NULL AS verified",
                Map.of("id", member.value()));
    }

    /** Where to mail the member: nothing unless their address is verified. */
    Optional<Recipient> verifiedRecipient(MemberId member) {
        return graph.one("""
                MATCH (m:Member {id: $id}) WHERE m.emailVerifiedAt IS NOT NULL
                RETURN m.email AS email, m.handle AS handle, m.language AS language
                """, Map.of("id", member.value()), r -> new Recipient(member, r.get("email").asString(), r.get("handle").asString(),
                Language.fromCode(r.get("language").asString(null)).orElse(Language.DEFAULT).locale()));
    }

    /**
     * Marks the address verified, if it is still the member's address (a link sent to an address
     * they have since left verifies nothing). Returns whether it is verified now.
     */
    boolean markVerified(MemberId member, String email) {
        return graph.writeOne("""
                MATCH (m:Member {id: $id}) WHERE m.email = $email
                SET m.emailVerifiedAt = coalesce(m.emailVerifiedAt, datetime())
                RETURN true AS done
                """, Map.of("id", member.value(), "email", email), r -> r.get("done").asBoolean()).orElse(false);
    }

    void setPasswordHash(MemberId member, String hash) {
        graph.write("MATCH (m:Member {id: $id}) SET m.passwordHash = $hash", Map.of("id", member.value(), "hash", hash));
    }

    /**
     * The member's new address, verified by the link that brought it. The uniqueness constraint on
     * {@code email} refuses it if another account took the address meanwhile (thrown).
     */
    void changeEmail(MemberId member, String email) {
        graph.write("MATCH (m:Member {id: $id}) SET m.email = $email, m.emailVerifiedAt = datetime()",
                Map.of("id", member.value(), "email", email));
    }
}
