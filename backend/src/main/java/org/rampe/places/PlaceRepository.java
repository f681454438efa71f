package org.rampe.places;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.rampe.graph.Transactions;
import org.rampe.members.NeedProfile;
import org.rampe.places.Verdict.Level;
import org.springframework.stereotype.Repository;

/** Places, their answers and their stored summaries, in the graph. */
@Repository
class PlaceRepository {

    /**
     * How a search narrows places; every part is optional.
     *
     * @param fitLabel a label every result carries (a need's fit label), so the point index of that
     *                 label answers the search; null for all open places
     */
    record Filter(List<String> requiredYes, List<String> verdictProperties, List<String> acceptedLevels, String fullText,
                  String fitLabel) {
    }

    /** The label of every place that is not closed, with its own point index (V0005). */
    static final String OPEN_LABEL = "OpenPlace";

    /** Every fit label, for removing them before setting the current ones. */
    private static final String ALL_FIT_LABELS = java.util.Arrays.stream(NeedProfile.values())
            .map(n -> ":" + NeedLabels.fits(n) + ":" + NeedLabels.fitsOrPartly(n)).collect(java.util.stream.Collectors.joining());

    /**
     * The facts in the stored {@code summary}, in this order; then one {@code a_<criterion>=value} or
     * {@code v_<need>=level} entry per summary property. Absent facts are empty, the closed flag is
     * {@code closed} or {@code open}.
     */
    private static final List<String> SUMMARY_FACTS = List.of("id", "name", "category", "street", "postcode", "city",
            "source", "sourceId", "licence", "attribution", "sourceWheelchair", "closed");

    /**
     * Separates the parts of the stored summary: the unit separator, a control character no name or
     * address should hold; one that does loses it in search results (the place page shows it).
     */
    static final char SEPARATOR = '\u001F';
    private static final String CYPHER_SEPARATOR = "'\\u001F'";

    /**
     * Cypher clauses that make the derived parts of the place bound to {@code p} follow its stored
     * properties:
     * <ul>
     * <li>{@code summary}: one string with everything a search result shows (see
     * {@link #SUMMARY_FACTS}, {@link #SEPARATOR}), so a page of results reads one property per place
     * instead of some thirty;</li>
     * <li>{@code :OpenPlace} unless {@code closed} is true, and, on open places only, the fit labels
     * of its stored verdicts ({@code <Need>Fits} for accessible, {@code <Need>FitsOrPartly} for
     * accessible or limited).</li>
     * </ul>
     * Every statement that changes a place's facts, {@code closed} or summary ends with it; V0005 runs
     * the same text on the places that existed before (a test keeps the two equal). Only fixed names
     * from the enums, no parameter.
     */
    static final String DERIVED = derived();

    /** The Cypher expression without the separator character in it. */
    private static String clean(String expression) {
        return "replace(" + expression + ", " + CYPHER_SEPARATOR + ", '')";
    }

    private static String derived() {
        var sb = new StringBuilder();
        sb.append("SET p.summary = ");
        for (String fact : SUMMARY_FACTS) {
            if (!fact.equals("id")) {
                sb.append("\n    + ").append(CYPHER_SEPARATOR).append(" + ");
            }
            sb.append(switch (fact) {
                case "source" -> clean("coalesce(p.source, '" + PlaceSource.MEMBER + "')");
                case "closed" -> "CASE WHEN p.closed = true THEN 'closed' ELSE 'open' END";
                default -> clean("coalesce(p." + fact + ", '')");
            });
        }
        sb.append("\n    + reduce(entries = '', k IN keys(p) | CASE WHEN k STARTS WITH 'a_' OR k STARTS WITH 'v_'\n")
                .append("        THEN entries + ").append(CYPHER_SEPARATOR).append(" + k + '=' + ").append(clean("toString(p[k])"))
                .append(" ELSE entries END)\n");
        sb.append("REMOVE p:").append(OPEN_LABEL).append(ALL_FIT_LABELS).append('\n');
        sb.append("FOREACH (open IN CASE WHEN p.closed = true THEN [] ELSE [1] END |\n");
        sb.append("  SET p:").append(OPEN_LABEL);
        for (NeedProfile n : NeedProfile.values()) {
            sb.append("\n  FOREACH (fits IN CASE WHEN p.").append(NeedLabels.property(n)).append(" = '").append(Level.ACCESSIBLE.key())
                    .append("' THEN [1] ELSE [] END | SET p:").append(NeedLabels.fits(n)).append(")");
            sb.append("\n  FOREACH (partly IN CASE WHEN p.").append(NeedLabels.property(n)).append(" IN ['").append(Level.ACCESSIBLE.key())
                    .append("', '").append(Level.LIMITED.key()).append("'] THEN [1] ELSE [] END | SET p:")
                    .append(NeedLabels.fitsOrPartly(n)).append(")");
        }
        sb.append(")\n");
        return sb.toString();
    }

    /**
     * Keyset position: results after the place with this id at this distance. Results are ordered
     * by distance, then (for places at exactly the same distance) by the database's element id of
     * the place, which the search reads from the cursor's place itself: it never leaves the
     * database, and the sort needs no property read per candidate.
     */
    record Cursor(double distance, String id) {
        static final Cursor START = new Cursor(-1, "");
    }

    /** Every property of a place, for its page (search results read the stored summary instead). */
    static final String ALL_PROPERTIES = "p { .* } AS p";

    /** What a search returns for each place: the stored summary and the location. */
    static final String RESULT = "p.summary AS summary, p.location AS location";

    private final Driver driver;

    PlaceRepository(Driver driver) {
        this.driver = driver;
    }

    static Value point(GeoPoint g) {
        return Values.point(4326, g.longitude(), g.latitude());
    }

    PlaceId create(String name, String category, Address address, GeoPoint location, String memberId) {
        var id = PlaceId.random();
        var source = PlaceSource.member();
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $memberId})
                CREATE (m)-[:ADDED]->(p:Place {id: $id, name: $name, category: $category, street: $street,
                        postcode: $postcode, city: $city, location: $location, source: $source, sourceId: '',
                        licence: $licence, attribution: $attribution, closed: false,
                        createdAt: datetime(), updatedAt: datetime()})
                WITH p
                """ + DERIVED, Map.ofEntries(Map.entry("memberId", memberId), Map.entry("id", id.value()),
                Map.entry("name", name), Map.entry("category", category), Map.entry("street", address.street()),
                Map.entry("postcode", address.postcode()), Map.entry("city", address.city()),
                Map.entry("location", point(location)), Map.entry("source", source.kind()),
                Map.entry("licence", source.licence()), Map.entry("attribution", source.attribution()))).consume());
        return id;
    }

    void updateFacts(PlaceId id, String name, String category, Address address, GeoPoint location, boolean closed) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (p:Place {id: $id})
                SET p.name = $name, p.category = $category, p.street = $street, p.postcode = $postcode,
                    p.city = $city, p.location = $location, p.closed = $closed, p.updatedAt = datetime()
                """ + DERIVED, Map.of("id", id.value(), "name", name, "category", category, "street", address.street(),
                "postcode", address.postcode(), "city", address.city(), "location", point(location),
                "closed", closed)).consume());
    }

    enum Upsert { CREATED, UPDATED }

    /** The consensus and verdicts a place's summary is written from. */
    record Summary(Map<Criterion, CriterionConsensus> consensus, Map<NeedProfile, Verdict> verdicts) {
    }

    /**
     * Creates or updates the place of an imported row, keyed by its source key, makes the source's
     * answers current (an answer whose value did not change keeps its date), and stores the
     * summary computed from all current answers — one transaction per row.
     */
    Upsert upsertImported(ImportedPlace row, java.util.function.Function<PlaceDetails, Summary> summarise) {
        Map<String, Object> values = new HashMap<>();
        row.values().forEach((c, v) -> values.put(c.key(), v));
        var params = new HashMap<String, Object>();
        params.put("key", row.source().key());
        params.put("newId", PlaceId.random().value());
        params.put("name", row.name());
        params.put("category", row.category());
        params.put("street", row.address().street());
        params.put("postcode", row.address().postcode());
        params.put("city", row.address().city());
        params.put("location", point(row.location()));
        params.put("source", row.source().kind());
        params.put("sourceId", row.source().sourceId());
        params.put("licence", row.source().licence());
        params.put("attribution", row.source().attribution());
        params.put("sourceWheelchair", row.sourceWheelchair());
        params.put("at", row.importedAt().atOffset(ZoneOffset.UTC));
        params.put("values", values);
        return Transactions.write(driver, tx -> {
            boolean created = tx.run("""
                    MERGE (p:Place {sourceKey: $key})
                    ON CREATE SET p.id = $newId, p.createdAt = $at, p.closed = false, p._new = true
                    SET p.name = $name, p.category = $category, p.street = $street, p.postcode = $postcode,
                        p.city = $city, p.location = $location, p.source = $source, p.sourceId = $sourceId,
                        p.licence = $licence, p.attribution = $attribution, p.sourceWheelchair = $sourceWheelchair,
                        p.updatedAt = $at
                    WITH p, coalesce(p._new, false) AS created
                    REMOVE p._new
                    WITH p, created
                    // Retire this source's answers that changed or disappeared; keep them as history.
                    OPTIONAL MATCH (p)<-[:ABOUT]-(old:Answer {source: $source, current: true})
                    WHERE NOT old.criterion IN keys($values) OR $values[old.criterion] <> old.value
                    SET old.current = false
                    WITH DISTINCT p, created
                    UNWIND [k IN keys($values) | k] AS criterion
                    OPTIONAL MATCH (p)<-[:ABOUT]-(same:Answer {source: $source, current: true, criterion: criterion})
                    WITH p, created, criterion, same
                    CALL (p, created, criterion, same) {
                      WITH * WHERE same IS NULL
                      CREATE (:Answer {id: randomUUID(), criterion: criterion, value: $values[criterion],
                              source: $source, imported: true, at: $at, current: true})-[:ABOUT]->(p)
                    }
                    RETURN DISTINCT created
                    """, params).list().stream().findFirst().map(r -> r.get("created").asBoolean())
                    // No criterion at all: the UNWIND returned nothing; ask again whether it is new.
                    .orElseGet(() -> tx.run("MATCH (p:Place {sourceKey: $key}) RETURN p.createdAt = p.updatedAt AS created",
                            Map.of("key", row.source().key())).single().get("created").asBoolean());
            var details = details(tx, BY_SOURCE_KEY, row.source().key()).orElseThrow();
            var summary = summarise.apply(details);
            saveSummary(tx, details.summary().id(), summary.consensus(), summary.verdicts());
            return created ? Upsert.CREATED : Upsert.UPDATED;
        });
    }

    /** Replaces the member's current answer about one criterion; the old one stays as history. */
    void answer(PlaceId place, String memberId, Criterion criterion, String value, String comment) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $memberId}), (p:Place {id: $placeId})
                OPTIONAL MATCH (m)-[:GAVE]->(old:Answer {criterion: $criterion, current: true})-[:ABOUT]->(p)
                SET old.current = false
                WITH DISTINCT m, p
                CREATE (m)-[:GAVE]->(:Answer {id: randomUUID(), criterion: $criterion, value: $value, comment: $comment,
                        source: $memberId, imported: false, at: datetime(), current: true})-[:ABOUT]->(p)
                """, Map.of("memberId", memberId, "placeId", place.value(), "criterion", criterion.key(),
                "value", value, "comment", comment == null ? "" : comment)).consume());
    }

    /** Withdraws the member's current answer (back to "I don't know"). */
    void withdraw(PlaceId place, String memberId, Criterion criterion) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (:Member {id: $memberId})-[:GAVE]->(a:Answer {criterion: $criterion, current: true})-[:ABOUT]->(:Place {id: $placeId})
                SET a.current = false
                """, Map.of("memberId", memberId, "placeId", place.value(), "criterion", criterion.key())).consume());
    }

    private static final String BY_ID = "MATCH (p:Place {id: $value})\n";
    private static final String BY_SOURCE_KEY = "MATCH (p:Place {sourceKey: $value})\n";

    Optional<PlaceDetails> details(PlaceId id) {
        return Transactions.read(driver, tx -> details(tx, BY_ID, id.value()));
    }

    private static Optional<PlaceDetails> details(TransactionContext tx, String match, String value) {
        return tx.run(match
                        + "OPTIONAL MATCH (p)<-[:ABOUT]-(a:Answer {current: true})\n"
                        + "WITH p, collect(a {.criterion, .value, .source, .imported, .at, .comment}) AS answers\n"
                        + "RETURN " + ALL_PROPERTIES + ", answers",
                Map.of("value", value)).stream().findFirst().map(r -> {
                    Value p = r.get("p");
                    List<Answer> answers = new ArrayList<>();
                    for (Value a : r.get("answers").values()) {
                        Criterion.fromKey(a.get("criterion").asString()).ifPresent(c -> answers.add(new Answer(c,
                                a.get("value").asString(), a.get("source").asString(), a.get("imported").asBoolean(false),
                                instant(a.get("at")), a.get("comment").asString(""))));
                    }
                    return new PlaceDetails(summary(p, -1), instant(p.get("createdAt")), instant(p.get("updatedAt")),
                            p.get("sourceWheelchair").asString(null), answers);
                });
    }

    /** The member's own current answers about a place, by criterion. */
    Map<Criterion, String> answersOf(PlaceId place, String memberId) {
        return Transactions.read(driver, tx -> {
            Map<Criterion, String> mine = new EnumMap<>(Criterion.class);
            tx.run("""
                    MATCH (:Member {id: $memberId})-[:GAVE]->(a:Answer {current: true})-[:ABOUT]->(:Place {id: $placeId})
                    RETURN a.criterion AS criterion, a.value AS value
                    """, Map.of("memberId", memberId, "placeId", place.value()))
                    .forEachRemaining(r -> Criterion.fromKey(r.get("criterion").asString())
                            .ifPresent(c -> mine.put(c, r.get("value").asString())));
            return mine;
        });
    }

    /** Stores the consensus values and verdicts that searches filter on. */
    void saveSummary(PlaceId id, Map<Criterion, CriterionConsensus> consensus, Map<NeedProfile, Verdict> verdicts) {
        Transactions.write(driver, tx -> {
            saveSummary(tx, id, consensus, verdicts);
            return null;
        });
    }

    private static void saveSummary(TransactionContext tx, PlaceId id, Map<Criterion, CriterionConsensus> consensus,
                                    Map<NeedProfile, Verdict> verdicts) {
        Map<String, Object> props = new HashMap<>();
        consensus.forEach((c, v) -> props.put(c.property(), v.value()));
        verdicts.forEach((n, v) -> props.put(NeedLabels.property(n), v.level().key()));
        tx.run("MATCH (p:Place {id: $id}) SET p += $props, p.updatedAt = datetime()\n" + DERIVED,
                Map.of("id", id.value(), "props", props)).consume();
    }

    List<PlaceId> idsBySourceKeys(List<String> keys) {
        return Transactions.read(driver, tx -> tx.run("MATCH (p:Place) WHERE p.sourceKey IN $keys RETURN p.id AS id",
                Map.of("keys", keys)).list(r -> new PlaceId(r.get("id").asString())));
    }

    /** A query and its parameters, as a search runs it (also for the benchmark's PROFILE). */
    record Statement(String cypher, Map<String, Object> params) {
    }

    /** Places within {@code radius} metres of {@code centre}, nearest first, after the cursor. */
    List<PlaceSummary> near(GeoPoint centre, double radius, Filter filter, Cursor after, int limit) {
        return page(nearStatement(centre, radius, filter, after, limit));
    }

    static Statement nearStatement(GeoPoint centre, double radius, Filter filter, Cursor after, int limit) {
        var params = filterParams(filter);
        params.put("centre", point(centre));
        params.put("radius", radius);
        params.put("afterD", after.distance());
        params.put("afterId", after.id());
        params.put("limit", limit);
        return new Statement(nearQuery(filter.fullText() != null, filter.fitLabel()), params);
    }

    private List<PlaceSummary> page(Statement statement) {
        return Transactions.readQuery(driver, statement.cypher(), statement.params(), r -> result(r, r.get("d").asDouble()));
    }

    static String nearQuery(boolean fullText) {
        return nearQuery(fullText, null);
    }

    /**
     * The Cypher of {@link #near}: with or without the full-text words ({@code $q}); with a fit
     * label, the seek goes through that label's point index. The label is one of the fixed fit
     * labels, never text from a request.
     */
    static String nearQuery(boolean fullText, String fitLabel) {
        String label = searchLabel(fitLabel);
        String match = !fullText
                ? "MATCH (p:" + label + ") WHERE point.distance(p.location, $centre) <= $radius"
                : "CALL db.index.fulltext.queryNodes('place_text', $q) YIELD node AS p WHERE p:" + label
                        + " AND point.distance(p.location, $centre) <= $radius";
        return AFTER + match + FILTERS + PAGE;
    }

    /**
     * The label every result carries: the fit label when there is one (only open places carry
     * them), else {@code OpenPlace}. Closed places have neither, so no search reads {@code closed}.
     */
    private static String searchLabel(String fitLabel) {
        return fitLabel == null ? OPEN_LABEL : fitLabel;
    }

    /** Places inside a box, nearest to its centre first. */
    List<PlaceSummary> inBox(GeoPoint southWest, GeoPoint northEast, Filter filter, Cursor after, int limit) {
        return page(boxStatement(southWest, northEast, filter, after, limit));
    }

    static Statement boxStatement(GeoPoint southWest, GeoPoint northEast, Filter filter, Cursor after, int limit) {
        var params = filterParams(filter);
        params.put("sw", point(southWest));
        params.put("ne", point(northEast));
        params.put("centre", point(new GeoPoint((southWest.latitude() + northEast.latitude()) / 2,
                (southWest.longitude() + northEast.longitude()) / 2)));
        params.put("afterD", after.distance());
        params.put("afterId", after.id());
        params.put("limit", limit);
        return new Statement(boxQuery(filter.fullText() != null, filter.fitLabel()), params);
    }

    static String boxQuery(boolean fullText) {
        return boxQuery(fullText, null);
    }

    /** The Cypher of {@link #inBox}: with or without the full-text words ({@code $q}) and a fit label. */
    static String boxQuery(boolean fullText, String fitLabel) {
        String label = searchLabel(fitLabel);
        String match = !fullText
                ? "MATCH (p:" + label + ") WHERE point.withinBBox(p.location, $sw, $ne)"
                : "CALL db.index.fulltext.queryNodes('place_text', $q) YIELD node AS p WHERE p:" + label
                        + " AND point.withinBBox(p.location, $sw, $ne)";
        return AFTER + match + FILTERS + PAGE;
    }

    /** A member's report about a place; the same open report is not duplicated. */
    void report(PlaceId place, String memberId, String reason, String text) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $memberId}), (p:Place {id: $placeId})
                MERGE (m)-[:REPORTED]->(r:PlaceReport {status: 'open', reason: $reason})-[:ABOUT]->(p)
                ON CREATE SET r.id = randomUUID(), r.createdAt = datetime()
                SET r.text = $text, r.updatedAt = datetime()
                """, Map.of("memberId", memberId, "placeId", place.value(), "reason", reason, "text", text)).consume());
    }

    boolean exists(PlaceId id) {
        return Transactions.read(driver, tx -> tx.run("MATCH (p:Place {id: $id}) RETURN count(p) > 0 AS found",
                Map.of("id", id.value())).single().get("found").asBoolean());
    }

    /** Words only, no location: the best full-text matches (one page, no cursor). */
    List<PlaceSummary> byText(Filter filter, int limit) {
        var params = filterParams(filter);
        params.put("limit", limit);
        return Transactions.readQuery(driver, textQuery(filter.fitLabel()), params, r -> result(r, -1));
    }

    static String textQuery(String fitLabel) {
        return "CALL db.index.fulltext.queryNodes('place_text', $q) YIELD node AS p, score WHERE p:" + searchLabel(fitLabel)
                + FILTERS + "WITH p, score ORDER BY score DESC LIMIT $limit RETURN " + RESULT;
    }

    /**
     * The cursor's place, looked up once by its id (unique index), as the element id the page
     * compares with; empty on the first page, or when that place no longer exists (then the
     * places at exactly the cursor's distance come again rather than being skipped).
     */
    private static final String AFTER = """
            OPTIONAL MATCH (after:Place {id: $afterId})
            WITH coalesce(elementId(after), '') AS afterKey
            """;

    /**
     * Keeps the page (after the cursor, nearest first, {@code $limit} rows) before reading what is
     * returned: with RETURN ... ORDER BY ... LIMIT the planner read the returned values of every
     * place in the circle or box and only then kept the nearest. Ties in distance are ordered by
     * element id, not by the id property: reading {@code p.id} for every candidate cost as much as
     * the index seek itself. The final ORDER BY re-sorts the page itself.
     */
    private static final String PAGE = """
            WITH p, afterKey, point.distance(p.location, $centre) AS d
            WHERE d > $afterD OR (d = $afterD AND elementId(p) > afterKey)
            WITH p, d
            ORDER BY d, elementId(p)
            LIMIT $limit
            RETURN d, """ + RESULT + """

            ORDER BY d, elementId(p)
            """;

    private static final String FILTERS = """

              AND all(k IN $requiredYes WHERE p[k] = 'yes')
              AND all(k IN $verdicts WHERE p[k] IN $levels)
            """;

    private static Map<String, Object> filterParams(Filter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("requiredYes", filter.requiredYes());
        params.put("verdicts", filter.verdictProperties());
        params.put("levels", filter.acceptedLevels());
        params.put("q", filter.fullText());
        return params;
    }

    /** The values a part of the summary often holds, returned as they are instead of copied. */
    private static final List<String> SOURCES = List.of(PlaceSource.MEMBER, PlaceSource.OSM, PlaceSource.ACCESLIBRE);
    private static final List<String> LICENCES = List.of(PlaceSource.member().licence(), PlaceSource.osm("").licence(),
            PlaceSource.acceslibre("").licence());
    private static final List<String> ATTRIBUTIONS = List.of(PlaceSource.member().attribution(),
            PlaceSource.osm("").attribution(), PlaceSource.acceslibre("").attribution());
    private static final List<String> SOURCE_VERDICTS = List.of("yes", "limited", "no", "designated");
    private static final Criterion[] CRITERIA = Criterion.values();
    private static final NeedProfile[] NEEDS = NeedProfile.values();
    private static final Level[] LEVELS = Level.values();

    /**
     * A search result: the stored summary (see {@link #DERIVED}) and the location. A 500-place page
     * is some 10,000 parts: the usual values (sources, licences, yes and no, levels) and the entry
     * names are matched in place rather than copied out.
     */
    static PlaceSummary result(org.neo4j.driver.Record r, double distance) {
        Value stored = r.get("summary");
        if (stored.isNull()) {
            throw new IllegalStateException("A place without its stored summary: write places with PlaceRepository.DERIVED");
        }
        String s = stored.asString();
        int[] ends = new int[SUMMARY_FACTS.size()];
        int start = 0;
        for (int i = 0; i < ends.length; i++) {
            int end = s.indexOf(SEPARATOR, start);
            ends[i] = end < 0 ? s.length() : end;
            start = ends[i] + 1;
        }
        Map<Criterion, String> values = new EnumMap<>(Criterion.class);
        Map<NeedProfile, Level> verdicts = new EnumMap<>(NeedProfile.class);
        for (NeedProfile n : NEEDS) {
            verdicts.put(n, Level.UNKNOWN);
        }
        while (start < s.length()) {
            int end = s.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = s.length();
            }
            if (s.charAt(start) == 'a') {
                for (Criterion c : CRITERIA) {
                    if (isEntry(s, start, end, c.property())) {
                        values.put(c, part(s, start + c.property().length() + 1, end, c.choices()));
                        break;
                    }
                }
            } else {
                for (NeedProfile n : NEEDS) {
                    if (isEntry(s, start, end, NeedLabels.property(n))) {
                        int from = start + NeedLabels.property(n).length() + 1;
                        for (Level l : LEVELS) {
                            if (l.key().length() == end - from && s.startsWith(l.key(), from)) {
                                verdicts.put(n, l);
                            }
                        }
                        break;
                    }
                }
            }
            start = end + 1;
        }
        var location = r.get("location").asPoint();
        String sourceWheelchair = part(s, ends[9] + 1, ends[10], SOURCE_VERDICTS);
        return new PlaceSummary(new PlaceId(s.substring(0, ends[0])), part(s, ends[0] + 1, ends[1]),
                part(s, ends[1] + 1, ends[2]),
                new Address(part(s, ends[2] + 1, ends[3]), part(s, ends[3] + 1, ends[4]), part(s, ends[4] + 1, ends[5])),
                new GeoPoint(location.y(), location.x()),
                new PlaceSource(part(s, ends[5] + 1, ends[6], SOURCES), part(s, ends[6] + 1, ends[7]),
                        part(s, ends[7] + 1, ends[8], LICENCES), part(s, ends[8] + 1, ends[9], ATTRIBUTIONS)),
                s.startsWith("closed", ends[10] + 1), values, verdicts, sourceWheelchair.isEmpty() ? null : sourceWheelchair,
                distance);
    }

    /** Whether the part from start to end is the entry {@code property=value}. */
    private static boolean isEntry(String s, int start, int end, String property) {
        int eq = start + property.length();
        return eq < end && s.charAt(eq) == '=' && s.startsWith(property, start);
    }

    private static String part(String s, int start, int end) {
        return start == end ? "" : s.substring(start, end);
    }

    /** The part from start to end: the equal one of {@code known} if there is one, else a copy. */
    private static String part(String s, int start, int end, List<String> known) {
        for (String k : known) {
            if (k.length() == end - start && s.startsWith(k, start)) {
                return k;
            }
        }
        return part(s, start, end);
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
