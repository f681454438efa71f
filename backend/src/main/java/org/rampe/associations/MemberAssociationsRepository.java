package org.rampe.associations;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/** One member's ties to associations, read for their archive and removed for their erasure (the associations stay). */
@Repository
class MemberAssociationsRepository {

    private final Graph graph;

    MemberAssociationsRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * The member's ties of one kind ({@code REPRESENTS}, {@code CREATED}, {@code VERIFIED}, {@code INVITED}:
     * invitations to represent waiting for their answer, {@code INVITED_BY}: invitations they made
     * that wait for an answer) with the association and the tie's date.
     */
    void ties(String member, String type, Consumer<Record> row) {
        graph.each(switch (type) {
            case "REPRESENTS" -> """
                    MATCH (:Member {id: $member})-[r:REPRESENTS]->(a:Association)
                    RETURN a.id AS id, a.slug AS slug, a.name AS name, r.since AS at ORDER BY at""";
            case "CREATED" -> """
                    MATCH (:Member {id: $member})-[:CREATED]->(a:Association)
                    RETURN a.id AS id, a.slug AS slug, a.name AS name, a.createdAt AS at ORDER BY at""";
            case "VERIFIED" -> """
                    MATCH (:Member {id: $member})-[r:VERIFIED]->(a:Association)
                    RETURN a.id AS id, a.slug AS slug, a.name AS name, r.at AS at ORDER BY at""";
            case "INVITED" -> """
                    MATCH (:Member {id: $member})-[i:INVITED_TO_REPRESENT]->(a:Association)
                    RETURN a.id AS id, a.slug AS slug, a.name AS name, i.at AS at ORDER BY at""";
            case "INVITED_BY" -> """
                    MATCH (:Member)-[i:INVITED_TO_REPRESENT {by: $member}]->(a:Association)
                    RETURN a.id AS id, a.slug AS slug, a.name AS name, i.at AS at ORDER BY at""";
            default -> throw new IllegalArgumentException(type);
        }, Map.of("member", member), row);
    }

    /** The associations the member is the only representative of (they stay, with nobody to run them). */
    List<String> representedAlone(String member) {
        return graph.list("""
                MATCH (m:Member {id: $member})-[:REPRESENTS]->(a:Association)
                WHERE NOT EXISTS { (o:Member)-[:REPRESENTS]->(a) WHERE o <> m }
                RETURN a.name AS name ORDER BY toLower(a.name)""", Map.of("member", member), r -> r.get("name").asString(""));
    }

    /** Removes up to 1,000 pending invitations to represent made by the member (found by the {@code by} index); returns how many. */
    long removeInvitationsBy(String member) {
        return graph.writeOne("""
                MATCH (:Member)-[i:INVITED_TO_REPRESENT {by: $member}]->(:Association)
                WITH i LIMIT 1000
                DELETE i
                RETURN count(*) AS n""", Map.of("member", member), r -> r.get("n").asLong()).orElse(0L);
    }

    /** Removes up to 1,000 of the member's ties to associations (invitations to them included); returns how many. */
    long removeTies(String member) {
        return graph.writeOne("""
                MATCH (:Member {id: $member})-[r:REPRESENTS|CREATED|VERIFIED|INVITED_TO_REPRESENT]->(:Association)
                WITH r LIMIT 1000
                DELETE r
                RETURN count(*) AS n""", Map.of("member", member), r -> r.get("n").asLong()).orElse(0L);
    }
}
