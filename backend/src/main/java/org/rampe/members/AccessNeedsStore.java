package org.rampe.members;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.neo4j.driver.Driver;
import org.rampe.graph.Transactions;
import org.rampe.places.DeclaredNeeds;
import org.rampe.places.NeedProfile;
import org.springframework.stereotype.Component;

/**
 * Access needs in their own node, so that withdrawing consent deletes them entirely and an export
 * finds them in one place: {@code (:Member)-[:HAS_NEEDS]->(:AccessNeeds)}.
 */
@Component
class AccessNeedsStore implements DeclaredNeeds {

    private final Driver driver;

    AccessNeedsStore(Driver driver) {
        this.driver = driver;
    }

    Optional<AccessNeeds> find(MemberId member) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (:Member {id: $id})-[:HAS_NEEDS]->(n:AccessNeeds)
                RETURN n.profiles AS profiles, n.note AS note, n.visibility AS visibility, n.consentAt AS consentAt
                """, Map.of("id", member.value())).stream().findFirst().map(r -> {
            Set<NeedProfile> profiles = EnumSet.noneOf(NeedProfile.class);
            r.get("profiles").asList(v -> v.asString()).forEach(k -> NeedProfile.fromKey(k).ifPresent(profiles::add));
            return new AccessNeeds(profiles, r.get("note").asString(""), r.get("visibility").asString("only_me"),
                    r.get("consentAt").asZonedDateTime().toInstant());
        }));
    }

    void save(MemberId member, Set<NeedProfile> profiles, String note, String visibility) {
        List<String> keys = profiles.stream().map(NeedProfile::key).toList();
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $id})
                MERGE (m)-[:HAS_NEEDS]->(n:AccessNeeds)
                ON CREATE SET n.consentAt = datetime(), n.consentVersion = $version
                SET n.profiles = $profiles, n.note = $note, n.visibility = $visibility, n.updatedAt = datetime()
                """, Map.of("id", member.value(), "profiles", keys, "note", note, "visibility", visibility,
                "version", AccessNeeds.CONSENT_VERSION)).consume());
    }

    /** Consent withdrawn: nothing of the needs is left. */
    void erase(MemberId member) {
        Transactions.write(driver, tx -> tx.run("MATCH (:Member {id: $id})-[:HAS_NEEDS]->(n:AccessNeeds) DETACH DELETE n",
                Map.of("id", member.value())).consume());
    }

    @Override
    public Set<NeedProfile> of(String memberId) {
        return find(new MemberId(memberId)).map(AccessNeeds::profiles).orElse(Set.of());
    }
}
