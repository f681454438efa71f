package org.rampe.places;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.rampe.graph.Graph;
import org.rampe.members.NeedProfile;
import org.rampe.places.Verdict.Level;
import org.springframework.stereotype.Repository;

/**
 * Places, their answers and their stored summaries, in the graph: writing a place (added by a
 * member, edited, imported), members' answers, and a place's details. Every write that changes
 * what a search shows ends with {@link StoredSummary#DERIVED}; the searches are in
 * {@link PlaceSearchRepository}.
 */
@Repository
class PlaceRepository {

    /** Every property of a place, for its page (search results read the stored summary instead). */
    static final String ALL_PROPERTIES = "p { .* } AS p";

    private final Graph graph;

    PlaceRepository(Graph graph) {
        this.graph = graph;
    }

    static Value point(GeoPoint g) {
        return Values.point(4326, g.longitude(), g.latitude());
    }

    PlaceId create(String name, String category, Address address, GeoPoint location, String memberId) {
        var id = PlaceId.random();
        var source = PlaceSource.member();
        // The facts are set after the place exists, so that its creation is recorded as a revision
        // from nothing to them, like any other change.
        graph.write("""
                MATCH (m:Member {id: $author})
                CREATE (m)-[:ADDED]->(p:Place {id: $id, source: $source, sourceId: '',
                        licence: $licence, attribution: $attribution, closed: false,
                        createdAt: datetime(), updatedAt: datetime()})
                WITH p, """ + RevisionRepository.changes(false) + """
                 AS changes
                SET p.name = $name, p.category = $category, p.street = $street, p.postcode = $postcode,
                    p.city = $city, p.location = $location
                WITH p, changes
                """ + RevisionRepository.RECORD + StoredSummary.DERIVED, Map.ofEntries(Map.entry("author", memberId),
                Map.entry("id", id.value()),
                Map.entry("name", name), Map.entry("category", category), Map.entry("street", address.street()),
                Map.entry("postcode", address.postcode()), Map.entry("city", address.city()),
                Map.entry("location", point(location)), Map.entry("source", source.kind()),
                Map.entry("licence", source.licence()), Map.entry("attribution", source.attribution()),
                Map.entry("revision", Map.of("created", true))));
        return id;
    }

    /**
     * Changes a place's facts and records what changed as a revision made by {@code authorId}, in the
     * same statement; {@code revision} adds properties to the revision (what it reverts). Nothing
     * changed, no revision.
     */
    void updateFacts(PlaceId id, String name, String category, Address address, GeoPoint location, boolean closed,
                     String authorId, Map<String, Object> revision) {
        graph.write("""
                MATCH (p:Place {id: $id})
                WITH p, """ + RevisionRepository.changes(true) + """
                 AS changes
                SET p.name = $name, p.category = $category, p.street = $street, p.postcode = $postcode,
                    p.city = $city, p.location = $location, p.closed = $closed, p.updatedAt = datetime()
                WITH p, changes
                """ + RevisionRepository.RECORD + StoredSummary.DERIVED, Map.ofEntries(Map.entry("id", id.value()),
                Map.entry("name", name), Map.entry("category", category),
                Map.entry("street", address.street()), Map.entry("postcode", address.postcode()),
                Map.entry("city", address.city()), Map.entry("location", point(location)), Map.entry("closed", closed),
                Map.entry("author", authorId), Map.entry("revision", revision)));
    }

    enum Upsert { CREATED, UPDATED }

    /** The consensus and verdicts a place's summary is written from. */
    record Summary(Map<Criterion, CriterionConsensus> consensus, Map<NeedProfile, Verdict> verdicts) {
    }

    /**
     * Creates or updates the places of a batch of imported rows, keyed by their source keys (distinct
     * within the batch), in one transaction: each row's facts (a change recorded as a revision of the
     * source), the source's answers made current (an answer whose value did not change keeps its
     * date, one that changed or disappeared stays as history), and the summary computed from all
     * current answers, members' included. Marks each place as seen in its source now, which clears a
     * "maybe closed" mark. Returns whether each row created its place, in the rows' order.
     *
     * <p>Two statements: the current answers of the batch's places that exist are read first, the
     * summaries after the import are computed from them and the rows ({@link #afterImport}), and one
     * statement writes everything, summary included (issue 18: reading the places back after writing
     * them, then writing their summaries, took half of an import's time).
     */
    List<Upsert> upsertImported(List<ImportedPlace> batch, BiFunction<List<Answer>, String, Summary> summarise) {
        List<String> keys = batch.stream().map(row -> row.source().key()).toList();
        return graph.inWrite(tx -> {
            Map<String, List<Answer>> existing = new HashMap<>();
            tx.run(CURRENT_ANSWERS_BY_KEY, Map.of("keys", keys)).forEachRemaining(r ->
                    existing.put(r.get("key").asString(), answers(r.get("answers"))));
            List<Map<String, Object>> rows = new ArrayList<>(batch.size());
            for (ImportedPlace row : batch) {
                var after = afterImport(existing.getOrDefault(row.source().key(), List.of()), row);
                var summary = summarise.apply(after, row.sourceWheelchair());
                rows.add(importParams(row, summaryProps(summary.consensus(), summary.verdicts())));
            }
            Map<String, Boolean> created = new HashMap<>();
            tx.run(UPSERT_IMPORTED, Map.of("rows", rows)).forEachRemaining(r ->
                    created.put(r.get("key").asString(), r.get("created").asBoolean()));
            return batch.stream().map(row -> Boolean.TRUE.equals(created.get(row.source().key())) ? Upsert.CREATED
                    : Upsert.UPDATED).toList();
        });
    }

    /**
     * The current answers of a place once {@code row} is imported, as {@link #UPSERT_IMPORTED} leaves
     * them: every answer of other sources (members) as it is; of the row's source, an answer whose
     * value did not change keeps its date, the others are the row's values dated by the import.
     */
    static List<Answer> afterImport(List<Answer> current, ImportedPlace row) {
        String source = row.source().kind();
        List<Answer> after = new ArrayList<>();
        Map<Criterion, Answer> sourceAnswers = new EnumMap<>(Criterion.class);
        for (Answer a : current) {
            if (a.source().equals(source)) {
                sourceAnswers.put(a.criterion(), a);
            } else {
                after.add(a);
            }
        }
        row.values().forEach((criterion, value) -> {
            Answer same = sourceAnswers.get(criterion);
            after.add(same != null && same.value().equals(value) ? same
                    : new Answer(criterion, value, source, true, row.importedAt(), ""));
        });
        return after;
    }

    private static Map<String, Object> importParams(ImportedPlace row, Map<String, Object> summary) {
        Map<String, Object> values = new HashMap<>();
        row.values().forEach((c, v) -> values.put(c.key(), v));
        var r = new HashMap<String, Object>();
        r.put("key", row.source().key());
        r.put("newId", PlaceId.random().value());
        r.put("name", row.name());
        r.put("category", row.category());
        r.put("street", row.address().street());
        r.put("postcode", row.address().postcode());
        r.put("city", row.address().city());
        r.put("location", point(row.location()));
        r.put("source", row.source().kind());
        r.put("sourceId", row.source().sourceId());
        r.put("licence", row.source().licence());
        r.put("attribution", row.source().attribution());
        r.put("sourceWheelchair", row.sourceWheelchair());
        r.put("at", row.importedAt().atOffset(ZoneOffset.UTC));
        r.put("values", values);
        r.put("summary", summary);
        return r;
    }

    /** An answer bound to {@code a} as {@link #answers} reads it. */
    private static final String ANSWER = "a {.criterion, .value, .source, .imported, .at, .comment}";

    /** The current answers of the places of {@code $keys} that exist. */
    private static final String CURRENT_ANSWERS_BY_KEY = """
            UNWIND $keys AS key
            MATCH (p:Place {sourceKey: key})
            OPTIONAL MATCH (p)<-[:ABOUT]-(a:Answer {current: true})
            RETURN key, collect(""" + ANSWER + """
            ) AS answers
            """;

    /** One row of {@code $rows} a place: see {@link #upsertImported}. */
    private static final String UPSERT_IMPORTED = """
            UNWIND $rows AS row
            MERGE (p:Place {sourceKey: row.key})
            ON CREATE SET p.id = row.newId, p.createdAt = row.at, p.closed = false, p._new = true
            // What the row changes is recorded as a revision of the source (its creation too).
            WITH p, row, coalesce(p._new, false) AS created, """ + RevisionRepository.changes(false, "row.") + """
             AS changes
            SET p.name = row.name, p.category = row.category, p.street = row.street, p.postcode = row.postcode,
                p.city = row.city, p.location = row.location, p.source = row.source, p.sourceId = row.sourceId,
                p.licence = row.licence, p.attribution = row.attribution, p.sourceWheelchair = row.sourceWheelchair,
                p.seenInSourceAt = row.at, p += row.summary, p.updatedAt = datetime()
            REMOVE p._new, p.maybeClosedSince
            """ + StoredSummary.DERIVED + """
            WITH p, row, created, changes
            FOREACH (_ IN CASE WHEN size(changes) > 0 THEN [1] ELSE [] END |
              CREATE (p)-[:REVISED]->(:Revision {id: randomUUID(), at: datetime(), source: row.source,
                      created: created, fields: [c IN changes | c[0]], before: [c IN changes | c[1]],
                      after: [c IN changes | c[2]]}))
            WITH p, row, created
            // Retire this source's answers that changed or disappeared; keep them as history.
            CALL (p, row) {
              OPTIONAL MATCH (p)<-[:ABOUT]-(old:Answer {source: row.source, current: true})
              WHERE NOT old.criterion IN keys(row.values) OR row.values[old.criterion] <> old.value
              SET old.current = false
            }
            CALL (p, row) {
              UNWIND keys(row.values) AS criterion
              OPTIONAL MATCH (p)<-[:ABOUT]-(same:Answer {source: row.source, current: true, criterion: criterion})
              WITH p, row, criterion, same WHERE same IS NULL
              CREATE (:Answer {id: randomUUID(), criterion: criterion, value: row.values[criterion],
                      source: row.source, imported: true, at: row.at, current: true})-[:ABOUT]->(p)
            }
            RETURN row.key AS key, created
            """;

    /** Replaces the member's current answer about one criterion; the old one stays as history. */
    void answer(PlaceId place, String memberId, Criterion criterion, String value, String comment) {
        graph.write("""
                MATCH (m:Member {id: $memberId}), (p:Place {id: $placeId})
                OPTIONAL MATCH (m)-[:GAVE]->(old:Answer {criterion: $criterion, current: true})-[:ABOUT]->(p)
                SET old.current = false
                WITH DISTINCT m, p
                CREATE (m)-[:GAVE]->(:Answer {id: randomUUID(), criterion: $criterion, value: $value, comment: $comment,
                        source: $memberId, imported: false, at: datetime(), current: true})-[:ABOUT]->(p)
                """, Map.of("memberId", memberId, "placeId", place.value(), "criterion", criterion.key(),
                "value", value, "comment", comment == null ? "" : comment));
    }

    /** Withdraws the member's current answer (back to "I don't know"). */
    void withdraw(PlaceId place, String memberId, Criterion criterion) {
        graph.write("""
                MATCH (:Member {id: $memberId})-[:GAVE]->(a:Answer {criterion: $criterion, current: true})-[:ABOUT]->(:Place {id: $placeId})
                SET a.current = false
                """, Map.of("memberId", memberId, "placeId", place.value(), "criterion", criterion.key()));
    }

    private static final String BY_ID = "MATCH (p:Place {id: $value})\n";

    /** A place found by {@link #BY_ID}, with its current answers. */
    private static final String DETAILS = "OPTIONAL MATCH (p)<-[:ABOUT]-(a:Answer {current: true})\n"
            + "WITH p, collect(" + ANSWER + ") AS answers\n"
            + "RETURN " + ALL_PROPERTIES + ", answers";


    Optional<PlaceDetails> details(PlaceId id) {
        return graph.one(BY_ID + DETAILS, Map.of("value", id.value()), PlaceRepository::details);
    }

    private static PlaceDetails details(Record r) {
        Value p = r.get("p");
        List<Answer> answers = answers(r.get("answers"));
        return new PlaceDetails(summary(p, -1), instant(p.get("createdAt")), instant(p.get("updatedAt")),
                p.get("sourceWheelchair").asString(null), answers, instant(p.get("maybeClosedSince")));
    }

    /** Answers as {@link #DETAILS} returns them. */
    private static List<Answer> answers(Value list) {
        List<Answer> answers = new ArrayList<>();
        for (Value a : list.values()) {
            Criterion.fromKey(a.get("criterion").asString()).ifPresent(c -> answers.add(new Answer(c,
                    a.get("value").asString(), a.get("source").asString(), a.get("imported").asBoolean(false),
                    instant(a.get("at")), a.get("comment").asString(""))));
        }
        return answers;
    }

    /** The member's own current answers about a place, by criterion. */
    Map<Criterion, String> answersOf(PlaceId place, String memberId) {
        Map<Criterion, String> mine = new EnumMap<>(Criterion.class);
        graph.list("""
                MATCH (:Member {id: $memberId})-[:GAVE]->(a:Answer {current: true})-[:ABOUT]->(:Place {id: $placeId})
                RETURN a.criterion AS criterion, a.value AS value
                """, Map.of("memberId", memberId, "placeId", place.value()),
                r -> Map.entry(r.get("criterion").asString(), r.get("value").asString()))
                .forEach(e -> Criterion.fromKey(e.getKey()).ifPresent(c -> mine.put(c, e.getValue())));
        return mine;
    }

    /** Stores the consensus values and verdicts that searches filter on. */
    void saveSummary(PlaceId id, Map<Criterion, CriterionConsensus> consensus, Map<NeedProfile, Verdict> verdicts) {
        graph.write(SAVE_SUMMARY, summaryParams(id, consensus, verdicts));
    }

    private static final String SAVE_SUMMARY = "MATCH (p:Place {id: $id}) SET p += $props, p.updatedAt = datetime()\n"
            + StoredSummary.DERIVED;

    private static Map<String, Object> summaryParams(PlaceId id, Map<Criterion, CriterionConsensus> consensus,
                                                     Map<NeedProfile, Verdict> verdicts) {
        return Map.of("id", id.value(), "props", summaryProps(consensus, verdicts));
    }

    /** The summary's properties: one per known criterion's consensus value, one per need's verdict. */
    private static Map<String, Object> summaryProps(Map<Criterion, CriterionConsensus> consensus,
                                                    Map<NeedProfile, Verdict> verdicts) {
        Map<String, Object> props = new HashMap<>();
        consensus.forEach((c, v) -> props.put(c.property(), v.value()));
        verdicts.forEach((n, v) -> props.put(NeedLabels.property(n), v.level().key()));
        return props;
    }

    List<PlaceId> idsBySourceKeys(List<String> keys) {
        return graph.list("MATCH (p:Place) WHERE p.sourceKey IN $keys RETURN p.id AS id",
                Map.of("keys", keys), r -> new PlaceId(r.get("id").asString()));
    }

    /** A place's id, location and postcode: what an import area is checked on. */
    record Located(PlaceId id, GeoPoint location, String postcode) {
    }

    /** The open places of a source not seen in it since {@code at}, not yet marked "maybe closed". */
    List<Located> notSeenInSourceSince(String source, Instant at) {
        return graph.list("""
                MATCH (p:Place {source: $source})
                WHERE p.closed = false AND p.maybeClosedSince IS NULL
                  AND (p.seenInSourceAt IS NULL OR p.seenInSourceAt < $at)
                RETURN p.id AS id, p.location AS location, coalesce(p.postcode, '') AS postcode
                """, Map.of("source", source, "at", at.atOffset(ZoneOffset.UTC)), r -> {
            var location = r.get("location").asPoint();
            return new Located(new PlaceId(r.get("id").asString()), new GeoPoint(location.y(), location.x()),
                    r.get("postcode").asString());
        });
    }

    /** Marks places as "maybe closed" since {@code at}, in batches. */
    void markMaybeClosed(List<PlaceId> ids, Instant at) {
        for (int from = 0; from < ids.size(); from += ImportRun.BATCH) {
            var slice = ids.subList(from, Math.min(ids.size(), from + ImportRun.BATCH)).stream().map(PlaceId::value).toList();
            graph.write("""
                    UNWIND $ids AS id
                    MATCH (p:Place {id: id})
                    SET p.maybeClosedSince = $at
                    """, Map.of("ids", slice, "at", at.atOffset(ZoneOffset.UTC)));
        }
    }

    /**
     * A member says a place marked "maybe closed" is still open: the mark goes (the next complete
     * import that lacks it marks it again). Recorded as a revision by the member.
     */
    void confirmOpen(PlaceId id, String memberId) {
        graph.write("""
                MATCH (p:Place {id: $id}) WHERE p.maybeClosedSince IS NOT NULL
                REMOVE p.maybeClosedSince
                WITH p, [['maybeClosed', 'true', 'false']] AS changes
                """ + RevisionRepository.RECORD, Map.of("id", id.value(), "author", memberId, "revision", Map.of()));
    }

    /** The box of the BAN addresses loaded for a département, if any are. */
    Optional<Area.Box> addressBox(String departement) {
        return graph.one("""
                MATCH (a:Address {departement: $code})
                WITH min(a.location.x) AS west, min(a.location.y) AS south, max(a.location.x) AS east,
                     max(a.location.y) AS north
                WHERE west IS NOT NULL
                RETURN west, south, east, north
                """, Map.of("code", departement), r -> new Area.Box(r.get("west").asDouble(), r.get("south").asDouble(),
                r.get("east").asDouble(), r.get("north").asDouble()));
    }

    boolean exists(PlaceId id) {
        return graph.exists("MATCH (p:Place {id: $id}) RETURN count(p) > 0 AS found", Map.of("id", id.value()));
    }

    /** A place from the map of all its properties. */
    static PlaceSummary summary(Value p, double distance) {
        Map<Criterion, String> values = new EnumMap<>(Criterion.class);
        for (Criterion c : Criterion.values()) {
            Value v = p.get(c.property());
            if (!v.isNull()) {
                values.put(c, v.asString());
            }
        }
        Map<NeedProfile, Level> verdicts = new EnumMap<>(NeedProfile.class);
        for (NeedProfile n : NeedProfile.values()) {
            Value v = p.get(NeedLabels.property(n));
            verdicts.put(n, v.isNull() ? Level.UNKNOWN : Level.fromKey(v.asString()));
        }
        var location = p.get("location").asPoint();
        return new PlaceSummary(new PlaceId(p.get("id").asString()), p.get("name").asString(""),
                p.get("category").asString(""),
                new Address(p.get("street").asString(""), p.get("postcode").asString(""), p.get("city").asString("")),
                new GeoPoint(location.y(), location.x()),
                new PlaceSource(p.get("source").asString(PlaceSource.MEMBER), p.get("sourceId").asString(""),
                        p.get("licence").asString(""), p.get("attribution").asString("")),
                p.get("closed").asBoolean(false), values, verdicts, p.get("sourceWheelchair").asString(null), distance);
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }
}
