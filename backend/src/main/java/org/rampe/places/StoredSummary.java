package org.rampe.places;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.members.NeedProfile;
import org.rampe.places.Verdict.Level;

/**
 * The parts of a place derived from its stored properties, which the searches read instead of
 * them: the {@code summary} string (written by {@link #DERIVED}, read by {@link #result}), the
 * {@code :OpenPlace} label and the fit labels of {@link NeedLabels}.
 */
final class StoredSummary {

    /** The label of every place that is not closed, with its own point index (V0005). */
    static final String OPEN_LABEL = "OpenPlace";

    /** Every fit label, for removing them before setting the current ones. */
    private static final String ALL_FIT_LABELS = Arrays.stream(NeedProfile.values())
            .map(n -> ":" + NeedLabels.fits(n) + ":" + NeedLabels.fitsOrPartly(n)).collect(Collectors.joining());

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

    /** What a search returns for each place: the stored summary and the location. */
    static final String RESULT = "p.summary AS summary, p.location AS location";

    private StoredSummary() {
    }

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
     * A search result: the stored summary (see {@link #DERIVED}) and the location, as {@link #RESULT}
     * returns them. A 500-place page is some 10,000 parts: the usual values (sources, licences, yes
     * and no, levels) and the entry names are matched in place rather than copied out.
     */
    static PlaceSummary result(Record r, double distance) {
        Value stored = r.get("summary");
        if (stored.isNull()) {
            throw new IllegalStateException("A place without its stored summary: write places with StoredSummary.DERIVED");
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
}
