package org.rampe.places.addresses;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.rampe.places.GeoPoint;
import org.springframework.stereotype.Component;

/** The BAN addresses, streets and communes in the graph (V0027): batched writes, and the geocoder's reads. */
@Component
class AddressRepository {

    /** How many candidates each full-text search hands to the ranking. */
    static final int CANDIDATES = 20;

    static final String SAVE_ADDRESSES = """
            UNWIND $rows AS row
            MERGE (a:Address {id: row.id})
            SET a.departement = row.departement, a.number = row.number, a.street = row.street,
                a.postcode = row.postcode, a.insee = row.insee, a.city = row.city, a.label = row.label,
                a.kind = row.kind, a.streetId = row.streetId,
                a.location = point({latitude: row.lat, longitude: row.lon})
            """;

    static final String COMMUNES_NAMED = """
            MATCH (c:Commune {key: $key})
            RETURN c.label AS label, c.location AS location, c.addresses AS size, 0.0 AS score
            ORDER BY CASE WHEN c.postcode = $postcode THEN 0 ELSE 1 END, c.addresses DESC
            LIMIT $limit
            """;

    static final String NUMBERED = """
            UNWIND range(0, size($streets) - 1) AS i
            MATCH (a:Address {streetId: $streets[i], number: $number})
            WITH i, a ORDER BY i, a.id
            WITH i, head(collect(a)) AS a
            RETURN a.label AS label, a.location AS location, 1 AS size, 0.0 AS score
            ORDER BY i
            """;

    private final Graph graph;

    AddressRepository(Graph graph) {
        this.graph = graph;
    }

    /** Writes one batch of addresses in one transaction; answers how many were new. */
    int saveAddresses(List<Map<String, Object>> rows) {
        return graph.inWrite(tx -> tx.run(SAVE_ADDRESSES, Map.of("rows", rows)).consume().counters().nodesCreated());
    }

    void saveStreets(List<Map<String, Object>> rows) {
        graph.write("""
                UNWIND $rows AS row
                MERGE (s:Street {id: row.id})
                SET s.name = row.name, s.key = row.key, s.city = row.city, s.cityKey = row.cityKey, s.postcode = row.postcode, s.insee = row.insee,
                    s.departement = row.departement, s.addresses = row.addresses, s.label = row.label,
                    s.location = point({latitude: row.lat, longitude: row.lon})
                """, Map.of("rows", rows));
    }

    void saveCommunes(List<Map<String, Object>> rows) {
        graph.write("""
                UNWIND $rows AS row
                MERGE (c:Commune {insee: row.insee})
                SET c.name = row.name, c.key = row.key, c.postcode = row.postcode, c.departement = row.departement,
                    c.addresses = row.addresses, c.label = row.label,
                    c.location = point({latitude: row.lat, longitude: row.lon})
                """, Map.of("rows", rows));
    }

    /** Communes named exactly so (folded), the largest first; those of {@code postcode} first when one is given. */
    List<Found> communesNamed(String key, String postcode) {
        return graph.query(COMMUNES_NAMED, Graph.params("key", key, "postcode", postcode == null ? "" : postcode, "limit", CANDIDATES),
                AddressRepository::found);
    }

    /** Communes whose name has every word (prefix or one mistake), best match first. */
    List<Found> communesMatching(String luceneQuery) {
        return graph.query("""
                CALL db.index.fulltext.queryNodes('commune_text', $q, {limit: $limit}) YIELD node, score
                RETURN node.label AS label, node.location AS location, node.addresses AS size, score
                ORDER BY score DESC, size DESC
                """, Map.of("q", luceneQuery, "limit", CANDIDATES), AddressRepository::found);
    }

    /** Streets with every word in their name or commune (or as the query's fields say), best match first. */
    List<FoundStreet> streetsMatching(String luceneQuery) {
        return graph.query("""
                CALL db.index.fulltext.queryNodes('street_text', $q, {limit: $limit}) YIELD node, score
                RETURN node.id AS id, node.label AS label, node.location AS location, node.addresses AS size, score
                ORDER BY score DESC, size DESC
                """, Map.of("q", luceneQuery, "limit", CANDIDATES),
                r -> new FoundStreet(r.get("id").asString(), found(r)));
    }

    /** The address with this number on each of these streets, in the streets' order. */
    List<Found> numbered(List<String> streetIds, String number) {
        return graph.query(NUMBERED, Map.of("streets", streetIds, "number", number), AddressRepository::found);
    }

    private static Found found(Record r) {
        var p = r.get("location").asPoint();
        return new Found(r.get("label").asString(), new GeoPoint(p.y(), p.x()), r.get("size").asLong(0), r.get("score").asDouble());
    }

    record Found(String label, GeoPoint location, long size, double score) {
    }

    record FoundStreet(String id, Found found) {
    }
}
