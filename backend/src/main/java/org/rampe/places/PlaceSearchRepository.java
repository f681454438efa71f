package org.rampe.places;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * The searches of places: near a point, inside a box, by words; and the two other reads of many
 * places, the open-data export of a box and the centre of the places a geocoding text matches.
 * Results are read from the stored summary ({@link StoredSummary}).
 */
@Repository
class PlaceSearchRepository {

    /**
     * How a search narrows places; every part is optional.
     *
     * @param fitLabel a label every result carries (a need's fit label), so the point index of that
     *                 label answers the search; null for all open places
     */
    record Filter(List<String> requiredYes, List<String> verdictProperties, List<String> acceptedLevels, String fullText,
                  String fitLabel) {
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

    /** A query and its parameters, as a search runs it (also for the benchmark's PROFILE). */
    record Statement(String cypher, Map<String, Object> params) {
    }

    private final Graph graph;

    PlaceSearchRepository(Graph graph) {
        this.graph = graph;
    }

    /** Places within {@code radius} metres of {@code centre}, nearest first, after the cursor. */
    List<PlaceSummary> near(GeoPoint centre, double radius, Filter filter, Cursor after, int limit) {
        return page(nearStatement(centre, radius, filter, after, limit));
    }

    static Statement nearStatement(GeoPoint centre, double radius, Filter filter, Cursor after, int limit) {
        var params = filterParams(filter);
        params.put("centre", PlaceRepository.point(centre));
        params.put("radius", radius);
        params.put("afterD", after.distance());
        params.put("afterId", after.id());
        params.put("limit", limit);
        return new Statement(nearQuery(filter.fullText() != null, filter.fitLabel()), params);
    }

    /** One page of a search: one read in an auto-commit transaction, a single round trip. */
    private List<PlaceSummary> page(Statement statement) {
        return graph.query(statement.cypher(), statement.params(), r -> StoredSummary.result(r, r.get("d").asDouble()));
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
        return fitLabel == null ? StoredSummary.OPEN_LABEL : fitLabel;
    }

    /** Places inside a box, nearest to its centre first. */
    List<PlaceSummary> inBox(GeoPoint southWest, GeoPoint northEast, Filter filter, Cursor after, int limit) {
        return page(boxStatement(southWest, northEast, filter, after, limit));
    }

    static Statement boxStatement(GeoPoint southWest, GeoPoint northEast, Filter filter, Cursor after, int limit) {
        var params = filterParams(filter);
        params.put("sw", PlaceRepository.point(southWest));
        params.put("ne", PlaceRepository.point(northEast));
        params.put("centre", PlaceRepository.point(new GeoPoint((southWest.latitude() + northEast.latitude()) / 2,
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

    /** Words only, no location: the best full-text matches (one page, no cursor). */
    List<PlaceSummary> byText(Filter filter, int limit) {
        var params = filterParams(filter);
        params.put("limit", limit);
        return graph.query(textQuery(filter.fitLabel()), params, r -> StoredSummary.result(r, -1));
    }

    static String textQuery(String fitLabel) {
        return "CALL db.index.fulltext.queryNodes('place_text', $q) YIELD node AS p, score WHERE p:" + searchLabel(fitLabel)
                + FILTERS + "WITH p, score ORDER BY score DESC LIMIT $limit RETURN " + StoredSummary.RESULT;
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
            RETURN d, """ + StoredSummary.RESULT + """

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

    /**
     * Every open place inside a box, for the open-data export (the map's search above has its own
     * query): at most {@code limit} places, in id order so that the same box gives the same features.
     */
    List<PlaceSummary> openPlacesInBox(GeoPoint southWest, GeoPoint northEast, int limit) {
        return graph.list("""
                MATCH (p:OpenPlace)
                WHERE point.withinBBox(p.location, $sw, $ne)
                WITH p
                ORDER BY p.id
                LIMIT $limit
                RETURN\s""" + StoredSummary.RESULT + """

                ORDER BY p.id
                """, Map.of("sw", PlaceRepository.point(southWest), "ne", PlaceRepository.point(northEast),
                "limit", limit), r -> StoredSummary.result(r, -1));
    }

    /**
     * The centre of (at most 500 of) the places the full-text query matches, for the geocoder;
     * empty when none does.
     */
    Optional<GeoPoint> centreOf(String luceneQuery) {
        return graph.one("""
                CALL db.index.fulltext.queryNodes('place_text', $q) YIELD node
                WITH node LIMIT 500
                RETURN count(node) AS n, avg(node.location.latitude) AS lat, avg(node.location.longitude) AS lon
                """, Map.of("q", luceneQuery), r -> r.get("n").asLong() == 0 ? null
                : new GeoPoint(r.get("lat").asDouble(), r.get("lon").asDouble()));
    }
}
