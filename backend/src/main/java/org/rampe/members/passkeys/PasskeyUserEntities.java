package org.rampe.members.passkeys;

import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Repository;

/**
 * The member as WebAuthn knows them: a random user handle of their own ({@code :Member.passkeyUserHandle},
 * base64url of 32 bytes, made the first time a member adds a passkey and never changed), their
 * address as the account's name and their display name. The address and name are read from the
 * member each time, so a changed address is what the next sign-in sees. Spring Security's WebAuthn
 * support finds this bean by its type.
 */
@Repository
class PasskeyUserEntities implements PublicKeyCredentialUserEntityRepository {

    private static final String RETURN_ENTITY = """
            RETURN m.passkeyUserHandle AS handle, m.email AS email, m.displayName AS displayName
            """;

    private final Graph graph;

    PasskeyUserEntities(Graph graph) {
        this.graph = graph;
    }

    @Override
    public PublicKeyCredentialUserEntity findById(Bytes id) {
        return graph.one("MATCH (m:Member {passkeyUserHandle: $handle})\n" + RETURN_ENTITY,
                Map.of("handle", id.toBase64UrlString()), PasskeyUserEntities::map).orElse(null);
    }

    /**
     * The signed-in member's entity, asked for by their address before a passkey is added: a member
     * without a handle gets one here, so that every passkey of a member carries the same handle
     * (Spring would otherwise make one per attempt and {@link #save} it).
     */
    @Override
    public PublicKeyCredentialUserEntity findByUsername(String email) {
        Optional<PublicKeyCredentialUserEntity> found = graph.one("MATCH (m:Member {email: $email})\n" + RETURN_ENTITY,
                Map.of("email", email), r -> r.get("handle").isNull() ? null : map(r));
        if (found.isPresent()) {
            return found.get();
        }
        return graph.writeOne("""
                MATCH (m:Member {email: $email})
                SET m.passkeyUserHandle = coalesce(m.passkeyUserHandle, $fresh)
                """ + RETURN_ENTITY, Map.of("email", email, "fresh", Bytes.random().toBase64UrlString()),
                PasskeyUserEntities::map).orElse(null);
    }

    /** Only for a member who has no handle yet (see {@link #findByUsername}). */
    @Override
    public void save(PublicKeyCredentialUserEntity entity) {
        graph.write("""
                MATCH (m:Member {email: $email}) WHERE m.passkeyUserHandle IS NULL
                SET m.passkeyUserHandle = $handle
                """, Map.of("email", entity.getName(), "handle", entity.getId().toBase64UrlString()));
    }

    /** Forgets the handle, and with it every passkey made for it. */
    @Override
    public void delete(Bytes id) {
        graph.write("""
                MATCH (m:Member {passkeyUserHandle: $handle})
                OPTIONAL MATCH (m)-[:HAS_PASSKEY]->(p:Passkey)
                DETACH DELETE p
                WITH DISTINCT m
                REMOVE m.passkeyUserHandle
                """, Map.of("handle", id.toBase64UrlString()));
    }

    private static PublicKeyCredentialUserEntity map(Record r) {
        return ImmutablePublicKeyCredentialUserEntity.builder()
                .id(Bytes.fromBase64(r.get("handle").asString()))
                .name(r.get("email").asString())
                .displayName(r.get("displayName").asString())
                .build();
    }
}
