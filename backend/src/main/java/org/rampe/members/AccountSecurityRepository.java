package org.rampe.members;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * How a member's account is signed in to, as the archive's {@code account-security.json} lists it:
 * passkeys ({@code members.passkeys}), pending sign-in links ({@code members.signinlinks}) and
 * pending account links. Only what a person may see: never a key, a token or its hash.
 */
@Repository
class AccountSecurityRepository {

    record PasskeyItem(String id, String name, Instant createdAt, Instant lastUsedAt, List<String> transports) {
    }

    record SignInLinkItem(Instant createdAt, Instant expiresAt) {
    }

    record AccountLinkItem(String purpose, String email, Instant createdAt, Instant expiresAt) {
    }

    private final Graph graph;

    AccountSecurityRepository(Graph graph) {
        this.graph = graph;
    }

    void eachPasskey(MemberId member, Consumer<PasskeyItem> consumer) {
        graph.each("""
                MATCH (:Member {id: $id})-[:HAS_PASSKEY]->(p:Passkey)
                RETURN p.id AS id, p.name AS name, p.createdAt AS createdAt, p.lastUsedAt AS lastUsedAt, p.transports AS transports
                ORDER BY p.createdAt""", Map.of("id", member.value()), r -> consumer.accept(new PasskeyItem(
                r.get("id").asString(), r.get("name").asString(null), instant(r.get("createdAt")), instant(r.get("lastUsedAt")),
                r.get("transports").isNull() ? List.of() : r.get("transports").asList(Value::asString))));
    }

    void eachSignInLink(MemberId member, Consumer<SignInLinkItem> consumer) {
        graph.each("""
                MATCH (:Member {id: $id})-[:HAS_SIGN_IN_LINK]->(l:SignInLink)
                RETURN l.createdAt AS createdAt, l.expiresAt AS expiresAt ORDER BY l.createdAt""",
                Map.of("id", member.value()), r -> consumer.accept(new SignInLinkItem(instant(r.get("createdAt")), instant(r.get("expiresAt")))));
    }

    void eachAccountLink(MemberId member, Consumer<AccountLinkItem> consumer) {
        graph.each("""
                MATCH (:Member {id: $id})-[:HAS_TOKEN]->(t:AccountToken)
                RETURN t.purpose AS purpose, t.email AS email, t.createdAt AS createdAt, t.expiresAt AS expiresAt
                ORDER BY t.createdAt""", Map.of("id", member.value()), r -> consumer.accept(new AccountLinkItem(
                r.get("purpose").asString(), r.get("email").asString(null), instant(r.get("createdAt")), instant(r.get("expiresAt")))));
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }
}
