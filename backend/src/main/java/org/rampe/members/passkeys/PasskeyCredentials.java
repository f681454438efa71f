package org.rampe.members.passkeys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.rampe.members.MemberId;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Repository;

/**
 * Passkeys in the graph, {@code (:Member)-[:HAS_PASSKEY]->(:Passkey)}, so that every instance
 * knows them: what Spring Security's WebAuthn ceremonies read and write (found by this bean's type),
 * and what the member's passkeys page lists, renames and removes. Byte values are stored as bytes,
 * except the ids that are looked up (credential id, user handle), stored as base64url strings.
 */
@Repository
class PasskeyCredentials implements UserCredentialRepository {

    static final int NAME_MAX = 60;

    private static final String RETURN_RECORD = """
            RETURN p { .credentialId, .credentialType, .publicKey, .signatureCount, .uvInitialized, .transports,
                       .backupEligible, .backupState, .attestationObject, .attestationClientDataJSON, .name,
                       .createdAt, .lastUsedAt } AS p, m.passkeyUserHandle AS handle
            """;

    private final Graph graph;

    PasskeyCredentials(Graph graph) {
        this.graph = graph;
    }

    /**
     * A new passkey (after a registration), or the counters of a known one after a sign-in: then
     * only what a use changes is written, so that a rename made meanwhile is kept.
     */
    @Override
    public void save(CredentialRecord record) {
        var params = Graph.params(
                "handle", record.getUserEntityUserId().toBase64UrlString(),
                "credentialId", record.getCredentialId().toBase64UrlString(),
                "id", PasskeyId.random().value(),
                "credentialType", record.getCredentialType() == null ? null : record.getCredentialType().getValue(),
                "publicKey", record.getPublicKey().getBytes(),
                "signatureCount", record.getSignatureCount(),
                "uvInitialized", record.isUvInitialized(),
                "transports", record.getTransports() == null ? List.of()
                        : record.getTransports().stream().map(AuthenticatorTransport::getValue).sorted().toList(),
                "backupEligible", record.isBackupEligible(),
                "backupState", record.isBackupState(),
                "attestationObject", record.getAttestationObject() == null ? null : record.getAttestationObject().getBytes(),
                "attestationClientDataJSON", record.getAttestationClientDataJSON() == null ? null
                        : record.getAttestationClientDataJSON().getBytes(),
                "name", cleanName(record.getLabel()),
                "createdAt", record.getCreated().atZone(ZoneOffset.UTC),
                "lastUsedAt", record.getLastUsed().atZone(ZoneOffset.UTC));
        // A credential id that another member's passkey has already is refused by its uniqueness constraint.
        graph.write("""
                MATCH (m:Member {passkeyUserHandle: $handle})
                OPTIONAL MATCH (m)-[:HAS_PASSKEY]->(known:Passkey {credentialId: $credentialId})
                FOREACH (_ IN CASE WHEN known IS NULL THEN [1] ELSE [] END |
                    CREATE (m)-[:HAS_PASSKEY]->(:Passkey {id: $id, credentialId: $credentialId, credentialType: $credentialType,
                        publicKey: $publicKey, signatureCount: $signatureCount, uvInitialized: $uvInitialized,
                        transports: $transports, backupEligible: $backupEligible, backupState: $backupState,
                        attestationObject: $attestationObject, attestationClientDataJSON: $attestationClientDataJSON,
                        name: $name, createdAt: $createdAt}))
                FOREACH (p IN CASE WHEN known IS NULL THEN [] ELSE [known] END |
                    SET p.signatureCount = $signatureCount, p.uvInitialized = $uvInitialized,
                        p.backupState = $backupState, p.lastUsedAt = $lastUsedAt)
                """, params);
    }

    @Override
    public CredentialRecord findByCredentialId(Bytes credentialId) {
        return graph.one("MATCH (m:Member)-[:HAS_PASSKEY]->(p:Passkey {credentialId: $credentialId})\n" + RETURN_RECORD,
                Map.of("credentialId", credentialId.toBase64UrlString()), PasskeyCredentials::record).orElse(null);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
        return graph.list("MATCH (m:Member {passkeyUserHandle: $handle})-[:HAS_PASSKEY]->(p:Passkey)\n" + RETURN_RECORD,
                Map.of("handle", userId.toBase64UrlString()), PasskeyCredentials::record);
    }

    @Override
    public void delete(Bytes credentialId) {
        graph.write("MATCH (p:Passkey {credentialId: $credentialId}) DETACH DELETE p",
                Map.of("credentialId", credentialId.toBase64UrlString()));
    }

    /** The member's erasure: every passkey of theirs, and their WebAuthn user handle. Idempotent. */
    void eraseAll(String memberId) {
        graph.write("""
                MATCH (m:Member {id: $member})
                OPTIONAL MATCH (m)-[:HAS_PASSKEY]->(p:Passkey)
                DETACH DELETE p
                WITH DISTINCT m
                REMOVE m.passkeyUserHandle
                """, Map.of("member", memberId));
    }

    /** The member's passkeys, oldest first. */
    List<Passkey> of(MemberId member) {
        return graph.list("""
                MATCH (:Member {id: $member})-[:HAS_PASSKEY]->(p:Passkey)
                RETURN p.id AS id, p.name AS name, p.createdAt AS createdAt, p.lastUsedAt AS lastUsedAt
                ORDER BY p.createdAt, p.id
                """, Map.of("member", member.value()), r -> new Passkey(new PasskeyId(r.get("id").asString()),
                r.get("name").asString(""), instant(r.get("createdAt")), instant(r.get("lastUsedAt"))));
    }

    /** Renames one of the member's passkeys; false when the member has no passkey of that id. */
    boolean rename(MemberId member, PasskeyId id, String name) {
        return graph.writeOne("""
                MATCH (:Member {id: $member})-[:HAS_PASSKEY]->(p:Passkey {id: $id})
                SET p.name = $name
                RETURN true AS done
                """, Map.of("member", member.value(), "id", id.value(), "name", cleanName(name)), r -> true).orElse(false);
    }

    /** Removes one of the member's passkeys; false when the member has no passkey of that id. */
    boolean remove(MemberId member, PasskeyId id) {
        return graph.writeOne("""
                MATCH (:Member {id: $member})-[:HAS_PASSKEY]->(p:Passkey {id: $id})
                DETACH DELETE p
                RETURN true AS done
                """, Map.of("member", member.value(), "id", id.value()), r -> true).orElse(false);
    }

    /** A name on one line, at most {@link #NAME_MAX} characters (the page checks it first; Spring's registration does not). */
    static String cleanName(String name) {
        String oneLine = name == null ? "" : name.replaceAll("\\p{Cntrl}+", " ").strip();
        return oneLine.codePointCount(0, oneLine.length()) <= NAME_MAX ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, NAME_MAX)).strip();
    }

    private static CredentialRecord record(Record r) {
        Value p = r.get("p");
        Set<AuthenticatorTransport> transports = new HashSet<>();
        p.get("transports").asList(Value::asString, List.of()).forEach(t -> transports.add(AuthenticatorTransport.valueOf(t)));
        Instant created = instant(p.get("createdAt"));
        Instant lastUsed = instant(p.get("lastUsedAt"));
        return ImmutableCredentialRecord.builder()
                .credentialId(Bytes.fromBase64(p.get("credentialId").asString()))
                .userEntityUserId(Bytes.fromBase64(r.get("handle").asString()))
                .credentialType(p.get("credentialType").isNull() ? null : PublicKeyCredentialType.valueOf(p.get("credentialType").asString()))
                .publicKey(new ImmutablePublicKeyCose(p.get("publicKey").asByteArray()))
                .signatureCount(p.get("signatureCount").asLong(0))
                .uvInitialized(p.get("uvInitialized").asBoolean(false))
                .transports(transports)
                .backupEligible(p.get("backupEligible").asBoolean(false))
                .backupState(p.get("backupState").asBoolean(false))
                .attestationObject(p.get("attestationObject").isNull() ? null : new Bytes(p.get("attestationObject").asByteArray()))
                .attestationClientDataJSON(p.get("attestationClientDataJSON").isNull() ? null
                        : new Bytes(p.get("attestationClientDataJSON").asByteArray()))
                .label(p.get("name").asString(""))
                .created(created)
                .lastUsed(lastUsed == null ? created : lastUsed)
                .build();
    }

    private static Instant instant(Value value) {
        return value.isNull() ? null : value.asZonedDateTime().toInstant();
    }
}
