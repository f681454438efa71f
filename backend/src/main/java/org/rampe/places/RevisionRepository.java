package org.rampe.places;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Revisions of places' facts: the Cypher that records one in the statement that changes the place
 * ({@link #changes}, {@link #RECORD}), and the reads of a place's history.
 *
 * <p>A revision stores its changes as three parallel lists of strings: {@code fields} (keys of
 * {@link Revision#FIELDS}), {@code before} and {@code after} (the values as text; "" for nothing).
 */
@Repository
class RevisionRepository {

    /** A point of {@code p} (or a parameter) as the text a revision keeps: "lat,lon". */
    private static String locationText(String point) {
        return "CASE WHEN " + point + " IS NULL THEN '' ELSE toString(" + point + ".latitude) + ',' + toString("
                + point + ".longitude) END";
    }

    /** The facts of the place bound to {@code p}, as text, by field. */
    static final String FACTS_NOW = "{name: coalesce(p.name, ''), category: coalesce(p.category, ''),"
            + " street: coalesce(p.street, ''), postcode: coalesce(p.postcode, ''), city: coalesce(p.city, ''),"
            + " location: " + locationText("p.location") + ", closed: toString(coalesce(p.closed, false))}";

    /**
     * A Cypher expression: the facts of {@code p} that the parameters {@code $name, $category, $street,
     * $postcode, $city, $location} (and {@code $closed} when asked) change, as [field, before, after]
     * lists. Evaluate it before the SET.
     */
    static String changes(boolean withClosed) {
        return changes(withClosed, "$");
    }

    /**
     * As {@link #changes(boolean)}, with the new facts read from {@code from}: {@code "$"} for the
     * parameters, {@code "row."} for the rows of an {@code UNWIND $rows AS row} (a batched import).
     */
    static String changes(boolean withClosed, String from) {
        return "[f IN [['name', coalesce(p.name, ''), " + from + "name], ['category', coalesce(p.category, ''), " + from + "category],"
                + " ['street', coalesce(p.street, ''), " + from + "street], ['postcode', coalesce(p.postcode, ''), " + from + "postcode],"
                + " ['city', coalesce(p.city, ''), " + from + "city],"
                + " ['location', " + locationText("p.location") + ", " + locationText(from + "location") + "]"
                + (withClosed ? ", ['closed', toString(coalesce(p.closed, false)), toString(" + from + "closed)]" : "")
                + "] WHERE f[1] <> f[2]]";
    }

    /**
     * Cypher that records the {@code changes} (from {@link #changes}) of the place bound to
     * {@code p} as a revision, unless nothing changed: made by the member {@code $author} (null for an
     * import), with the extra properties {@code $revision} ({@code source}, {@code created},
     * {@code reverts}, {@code revertsAt}). Keeps {@code p} bound.
     */
    static final String RECORD = """
            CALL (p, changes) {
              WITH * WHERE size(changes) > 0
              CREATE (p)-[:REVISED]->(r:Revision {id: randomUUID(), at: datetime(), fields: [c IN changes | c[0]],
                      before: [c IN changes | c[1]], after: [c IN changes | c[2]]})
              SET r += $revision
              WITH r
              OPTIONAL MATCH (m:Member {id: $author})
              FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | CREATE (m)-[:MADE]->(r))
            }
            """;

    private final Graph graph;

    RevisionRepository(Graph graph) {
        this.graph = graph;
    }

    /** A page of a place's revisions, newest first; one more than asked tells there is a next page. */
    List<Revision> history(PlaceId place, int skip, int limit) {
        return graph.list(HISTORY, Map.of("place", place.value(), "skip", skip, "limit", limit), RevisionRepository::revision);
    }

    /** A page of a place's history: from the place by its key, its revisions sorted (a place has few). */
    static final String HISTORY = """
            MATCH (p:Place {id: $place})-[:REVISED]->(r:Revision)
            WITH r ORDER BY r.at DESC, r.id SKIP $skip LIMIT $limit
            OPTIONAL MATCH (m:Member)-[:MADE]->(r)
            RETURN r { .* } AS r, $place AS placeId, m.handle AS handle
            ORDER BY r.at DESC, r.id
            """;

    /** A revision, with the current facts of its place (as text, by field). */
    Optional<Revised> find(RevisionId id) {
        return graph.one("""
                MATCH (p:Place)-[:REVISED]->(r:Revision {id: $id})
                OPTIONAL MATCH (m:Member)-[:MADE]->(r)
                RETURN r { .* } AS r, p.id AS placeId, m.handle AS handle, p.name AS placeName,
                """ + FACTS_NOW + " AS now", Map.of("id", id.value()),
                rec -> new Revised(revision(rec), rec.get("placeName").asString(""),
                        rec.get("now").asMap(Value::asString)));
    }

    /** A revision and the facts of its place now. */
    record Revised(Revision revision, String placeName, Map<String, String> now) {
    }

    private static Revision revision(Record rec) {
        Value r = rec.get("r");
        List<String> fields = r.get("fields").asList(Value::asString);
        List<String> before = r.get("before").asList(Value::asString);
        List<String> after = r.get("after").asList(Value::asString);
        List<Revision.Change> changes = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            changes.add(new Revision.Change(fields.get(i), before.get(i), after.get(i)));
        }
        return new Revision(new RevisionId(r.get("id").asString()), new PlaceId(rec.get("placeId").asString()),
                instant(r.get("at")), rec.get("handle").asString(null), r.get("source").asString(null),
                r.get("created").asBoolean(false), instant(r.get("revertsAt")), changes);
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }
}
