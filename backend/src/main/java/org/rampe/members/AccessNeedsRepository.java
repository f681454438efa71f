package org.rampe.members;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Access needs in their own node, so that withdrawing consent deletes them entirely and an export
 * finds them in one place: {@code (:Member)-[:HAS_NEEDS]->(:AccessNeeds)}.
 */
@Repository
class AccessNeedsRepository {

    private final Graph graph;

    AccessNeedsRepository(Graph graph) {
        this.graph = graph;
    }

    Optional<AccessNeeds> find(MemberId member) {
        return graph.one("""
                MATCH (:Member {id: $id})-[:HAS_NEEDS]->(n:AccessNeeds)
                RETURN n.profiles AS profiles, n.note AS note, n.visibility AS visibility, n.consentAt AS consentAt
                """, Map.of("id", member.value()), r -> {
            Set<NeedProfile> profiles = EnumSet.noneOf(NeedProfile.class);
            r.get("profiles").asList(v -> v.asString()).forEach(k -> NeedProfile.fromKey(k).ifPresent(profiles::add));
            return new AccessNeeds(profiles, r.get("note").asString(""), r.get("visibility").asString("only_me"),
                    r.get("consentAt").asZonedDateTime().toInstant());
        });
    }

    void save(MemberId member, Set<NeedProfile> profiles, String note, String visibility) {
        List<String> keys = profiles.stream().map(NeedProfile::key).toList();
        graph.write("""
                MATCH (m:Member {id: $id})
                MERGE (m)-[:HAS_NEEDS]->(n:AccessNeeds)
                ON CREATE SET n.consentAt = datetime(), n.consentVersion = $version
                SET n.profiles = $profiles, n.note = $note, n.visibility = $visibility, n.updatedAt = datetime()
                """, Map.of("id", member.value(), "profiles", keys, "note", note, "visibility", visibility,
                "version", AccessNeeds.CONSENT_VERSION));
    }

    /**
     * The member's erasure: the needs and every consent event of theirs ({@code :ConsentEvent}
     * reached by {@code CONSENTED} from the member or from the needs), so that nothing of their health
     * data is left, not even when they consented.
     */
    void eraseWithConsentHistory(MemberId member) {
        var id = Map.<String, Object>of("id", member.value());
        graph.write("""
                MATCH (:Member {id: $id})-[:HAS_NEEDS]->(:AccessNeeds)-[:CONSENTED]-(e:ConsentEvent)
                DETACH DELETE e""", id);
        graph.write("MATCH (:Member {id: $id})-[:CONSENTED]-(e:ConsentEvent) DETACH DELETE e", id);
        erase(member);
    }

    /** Consent withdrawn: nothing of the needs is left. */
    void erase(MemberId member) {
        graph.write("MATCH (:Member {id: $id})-[:HAS_NEEDS]->(n:AccessNeeds) DETACH DELETE n", Map.of("id", member.value()));
    }
}
