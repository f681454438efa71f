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

    /**
     * Keeps the needs, after the consent the page asked for. A consent is recorded in the history
     * when none was in force, or when it now covers other needs than before.
     */
    void save(MemberId member, Set<NeedProfile> profiles, String note, String visibility) {
        List<String> keys = profiles.stream().map(NeedProfile::key).toList();
        Map<String, Object> params = Map.of("id", member.value(), "profiles", keys, "note", note, "visibility", visibility,
                "version", AccessNeeds.CONSENT_VERSION, "purpose", AccessNeeds.CONSENT_PURPOSE);
        graph.inWrite(tx -> {
            var before = tx.run("""
                    MATCH (m:Member {id: $id})
                    OPTIONAL MATCH (m)-[:HAS_NEEDS]->(n:AccessNeeds)
                    RETURN n IS NOT NULL AS held, coalesce(n.profiles, []) AS profiles""", params).list();
            if (before.isEmpty()) {
                return null;
            }
            boolean held = before.getFirst().get("held").asBoolean();
            var previous = Set.copyOf(before.getFirst().get("profiles").asList(v -> v.asString()));
            tx.run("""
                    MATCH (m:Member {id: $id})
                    MERGE (m)-[:HAS_NEEDS]->(n:AccessNeeds)
                    ON CREATE SET n.consentAt = datetime(), n.consentVersion = $version
                    SET n.profiles = $profiles, n.note = $note, n.visibility = $visibility, n.updatedAt = datetime()
                    """, params).consume();
            if (!held || !previous.equals(Set.copyOf(keys))) {
                tx.run("""
                        MATCH (m:Member {id: $id})
                        CREATE (m)-[:CONSENTED]->(:ConsentEvent {purpose: $purpose, given: true, at: datetime(),
                                                                 version: $version, needs: $profiles})
                        """, params).consume();
            }
            return null;
        });
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
        // Not erase(member): withdrawing consent records a withdrawal, which an erasure must not leave.
        graph.write("MATCH (:Member {id: $id})-[:HAS_NEEDS]->(n:AccessNeeds) DETACH DELETE n", id);
    }

    /**
     * Consent withdrawn: nothing of the needs is left, not even in the consent history, which
     * keeps only that consent was given and withdrawn, and when.
     */
    void erase(MemberId member) {
        graph.write("""
                MATCH (m:Member {id: $id})-[:HAS_NEEDS]->(n:AccessNeeds)
                DETACH DELETE n
                WITH DISTINCT m
                CREATE (m)-[:CONSENTED]->(:ConsentEvent {purpose: $purpose, given: false, at: datetime(), version: $version, needs: []})
                WITH m
                MATCH (m)-[:CONSENTED]->(c:ConsentEvent {purpose: $purpose})
                SET c.needs = []
                """, Map.of("id", member.value(), "purpose", AccessNeeds.CONSENT_PURPOSE, "version", AccessNeeds.CONSENT_VERSION));
    }

    /** The member's consent history, oldest first (a handful of rows). */
    List<AccessNeeds.ConsentEvent> history(MemberId member) {
        var events = new java.util.ArrayList<AccessNeeds.ConsentEvent>();
        eachConsent(member, events::add);
        return events;
    }

    /** The consent history as it is read, oldest first. */
    void eachConsent(MemberId member, java.util.function.Consumer<AccessNeeds.ConsentEvent> consumer) {
        graph.each("""
                MATCH (:Member {id: $id})-[:CONSENTED]->(c:ConsentEvent)
                RETURN c.purpose AS purpose, c.given AS given, c.at AS at, c.version AS version, c.needs AS needs
                ORDER BY c.at""", Map.of("id", member.value()), r -> consumer.accept(new AccessNeeds.ConsentEvent(
                r.get("purpose").asString(), r.get("given").asBoolean(), r.get("at").asZonedDateTime().toInstant(),
                r.get("version").asInt(0), r.get("needs").asList(v -> v.asString()))));
    }

    /** The stored needs as they are, for the archive: every property of the node, by name. */
    Optional<Map<String, Object>> stored(MemberId member) {
        return graph.one("MATCH (:Member {id: $id})-[:HAS_NEEDS]->(n:AccessNeeds) RETURN properties(n) AS n",
                Map.of("id", member.value()), r -> new java.util.TreeMap<>(r.get("n").asMap(MemberProperties::plain)));
    }
}
