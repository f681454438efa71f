package org.rampe.places;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports OpenStreetMap places, mapping their tags to criteria as graph-schema/README.md says: a
 * GeoJSON FeatureCollection (points, and ways or relations at their centre; ids as {@code osm_id},
 * {@code @id} or a feature id such as {@code node/123}) or an {@code .osm.pbf} extract
 * ({@link OsmPbf}). Files are read as streams, so a large extract never sits in memory; each
 * feature is reported by its index, byte offset and line.
 */
@Component
public class OsmImport {

    static final Set<String> WHEELCHAIR_VALUES = Set.of("yes", "limited", "no", "designated");

    /**
     * No value of an OSM point needs more than a few kilobytes: a longer string is a broken or hostile
     * file, refused before it fills memory (Jackson's own limit is 100 million characters; issue 17).
     */
    static final int MAX_STRING = 64 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder(tools.jackson.core.json.JsonFactory.builder()
            .streamReadConstraints(tools.jackson.core.StreamReadConstraints.builder().maxStringLength(MAX_STRING).build())
            .build()).build();
    /** A length such as "90", "90 cm", "0.9 m", "0,9m" or "900mm". */
    private static final Pattern LENGTH = Pattern.compile("^(\\d+(?:[.,]\\d+)?)\\s*(mm|cm|m)?$");

    private final Places places;
    private final Clock clock;
    private final OsmPbf pbf = new OsmPbf();

    @Autowired
    OsmImport(Places places) {
        this(places, Clock.systemUTC());
    }

    OsmImport(Places places, Clock clock) {
        this.places = places;
        this.clock = clock;
    }

    ImportReport importFile(Path file, ImportOptions options, ImportProgress progress) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return ImportReport.unreadable(PlaceSource.OSM, "cannot read " + file);
        }
        if (OsmPbf.isPbf(file)) {
            return pbf.importFile(file, options, progress, this);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(in, Files.size(file), options, progress);
        } catch (IOException e) {
            return ImportReport.unreadable(PlaceSource.OSM, "cannot read " + file + ": " + e.getMessage());
        }
    }

    public ImportReport importStream(InputStream in, ImportProgress progress) {
        return importStream(in, ImportOptions.ALL, progress);
    }

    public ImportReport importStream(InputStream in, ImportOptions options, ImportProgress progress) {
        return importStream(in, -1, options, progress);
    }

    /**
     * Reads the features of a GeoJSON FeatureCollection from {@code in}, {@code size} bytes long (-1:
     * unknown), keeping those in the options' area. Each row is reported by its index among the
     * features, its byte offset and its line (most exports are a single line).
     */
    ImportReport importStream(InputStream in, long size, ImportOptions options, ImportProgress progress) {
        var counted = new CountingInputStream(in);
        Instant at = clock.instant();
        var run = newRun(options, progress, counted::count, size, at);
        long index = 0;
        try (JsonParser parser = JSON.createParser(counted)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !toFeatures(parser)) {
                return ImportReport.unreadable(PlaceSource.OSM, "not a GeoJSON FeatureCollection (no \"features\" list)");
            }
            while (true) {
                JsonToken token;
                ImportRun.At position;
                JsonNode feature;
                try {
                    token = parser.nextToken();
                    var location = parser.currentTokenLocation();
                    if (token == JsonToken.END_ARRAY) {
                        break;
                    }
                    if (token == null) {
                        // The file ends inside the list: it was cut.
                        run.brokenAt(new ImportRun.At(location.getLineNr(), index + 1, location.getByteOffset()),
                                "the file ends before its list of features does (cut short?)");
                        break;
                    }
                    index++;
                    position = new ImportRun.At(location.getLineNr(), index, location.getByteOffset());
                    feature = parser.readValueAsTree();
                } catch (JacksonException e) {
                    if (run.read() == 0 && index <= 1) {
                        return ImportReport.unreadable(PlaceSource.OSM, "not valid JSON: " + e.getOriginalMessage());
                    }
                    var where = e.getLocation();
                    run.brokenAt(where == null ? new ImportRun.At(0, index, -1)
                            : new ImportRun.At(where.getLineNr(), index, where.getByteOffset()),
                            "not valid JSON (" + e.getOriginalMessage() + ")");
                    break;
                }
                accept(run, parse(feature, at), position);
            }
        } catch (JacksonException e) {
            return ImportReport.unreadable(PlaceSource.OSM, "not valid JSON: " + e.getOriginalMessage());
        }
        return run.report();
    }

    ImportRun newRun(ImportOptions options, ImportProgress progress, java.util.function.LongSupplier bytesRead, long size,
                     Instant at) {
        return new ImportRun(PlaceSource.OSM, places, options, progress, bytesRead, size, at);
    }

    Instant now() {
        return clock.instant();
    }

    static void accept(ImportRun run, ParsedRow row, ImportRun.At position) {
        if (row.skipped()) {
            run.skipped(position, row.skipReason());
        } else {
            run.imported(row.place(), position, row.warnings());
        }
    }

    /** Moves the parser into the top-level "features" array; false when there is none. */
    private static boolean toFeatures(JsonParser parser) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("features".equals(name) && value == JsonToken.START_ARRAY) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    /** An OpenStreetMap element id as exporters write it: {@code node/123}, {@code way/45}, {@code relation/6}. */
    private static final Pattern TYPED_ID = Pattern.compile("^(node|way|relation|n|w|r)/?(-?\\d{1,19})$");

    /** Checks one GeoJSON feature and maps its tags; never throws on bad data. */
    static ParsedRow parse(JsonNode feature, Instant at) {
        if (feature == null || !feature.isObject()) {
            return ParsedRow.skip("not a GeoJSON feature");
        }
        JsonNode props = feature.path("properties");
        List<String> warnings = new ArrayList<>();
        String sourceId = sourceId(feature, props, warnings);
        if (sourceId == null) {
            return ParsedRow.skip(warnings.isEmpty() ? "no OpenStreetMap id (osm_id, @id, or a feature id such as node/123)"
                    : warnings.getFirst());
        }
        Map<String, String> tags = new java.util.HashMap<>();
        props.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                tags.put(e.getKey(), v.asString().strip());
            }
        });
        JsonNode geometry = feature.path("geometry");
        String type = geometry.path("type").asString("");
        JsonNode coordinates = geometry.path("coordinates");
        GeoPoint location;
        if (type.equals("Point")) {
            if (!coordinates.isArray() || coordinates.size() < 2 || !coordinates.get(0).isNumber()
                    || !coordinates.get(1).isNumber()) {
                return ParsedRow.skip("bad coordinates " + coordinates);
            }
            try {
                location = new GeoPoint(coordinates.get(1).asDouble(), coordinates.get(0).asDouble());
            } catch (IllegalArgumentException e) {
                return ParsedRow.skip("bad coordinates " + coordinates + ": " + e.getMessage());
            }
        } else if (List.of("LineString", "Polygon", "MultiPolygon", "MultiLineString", "MultiPoint").contains(type)) {
            // A way or a relation: its centre (the middle of its bounding box), as osmium and Overpass give it.
            var box = new double[] {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            if (!bounds(coordinates, box, 0)) {
                return ParsedRow.skip("bad coordinates in a " + type);
            }
            try {
                location = new GeoPoint((box[1] + box[3]) / 2, (box[0] + box[2]) / 2);
            } catch (IllegalArgumentException e) {
                return ParsedRow.skip("bad coordinates in a " + type + ": " + e.getMessage());
            }
        } else if (type.isEmpty()) {
            return ParsedRow.skip("no geometry");
        } else {
            return ParsedRow.skip("geometry " + type + " has no centre");
        }
        ParsedRow row = parse(sourceId, tags::get, location, at);
        if (row.skipped() || warnings.isEmpty()) {
            return row;
        }
        var all = new ArrayList<>(warnings);
        all.addAll(row.warnings());
        return ParsedRow.ok(row.place(), all);
    }

    /** Widens {@code box} (west, south, east, north) by the positions in nested coordinate arrays; false if one is bad. */
    private static boolean bounds(JsonNode coordinates, double[] box, int depth) {
        if (!coordinates.isArray() || coordinates.isEmpty() || depth > 4) {
            return false;
        }
        if (coordinates.get(0).isNumber()) {
            if (coordinates.size() < 2 || !coordinates.get(1).isNumber()) {
                return false;
            }
            double lon = coordinates.get(0).asDouble();
            double lat = coordinates.get(1).asDouble();
            box[0] = Math.min(box[0], lon);
            box[1] = Math.min(box[1], lat);
            box[2] = Math.max(box[2], lon);
            box[3] = Math.max(box[3], lat);
            return true;
        }
        for (JsonNode c : coordinates) {
            if (!bounds(c, box, depth + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The place's id in OpenStreetMap as Rampe keys it: a node's number alone (as the first imports
     * wrote it), {@code way/N} or {@code relation/N} otherwise. Read from the {@code osm_id} property
     * (with {@code osm_type} when there is one), the {@code @id} property (osmtogeojson,
     * overpass-turbo) or the feature's own {@code id} ({@code node/123}). Null when there is none or
     * it is bad; a repaired id adds a warning.
     */
    private static String sourceId(JsonNode feature, JsonNode props, List<String> warnings) {
        String osmId = text(props, "osm_id");
        if (!osmId.isEmpty()) {
            String type = text(props, "osm_type").toLowerCase(Locale.ROOT);
            if (osmId.matches("-\\d{1,10}") && (type.isEmpty() || type.startsWith("n"))) {
                // Node ids passed 2^31 in 2013; some exporters wrote them as 32-bit signed integers.
                long repaired = Long.parseLong(osmId) + (1L << 32);
                if (repaired <= 0 || repaired >= (1L << 32)) {
                    warnings.add("bad osm_id \"" + osmId + "\"");
                    return null;
                }
                warnings.add("osm_id " + osmId + " overflowed a 32-bit integer; read as node " + repaired);
                osmId = Long.toString(repaired);
            }
            if (!osmId.matches("\\d{1,19}")) {
                warnings.add("bad osm_id \"" + osmId + "\"");
                return null;
            }
            return typed(type.isEmpty() ? "node" : type, osmId);
        }
        for (JsonNode candidate : List.of(props.path("@id"), feature.path("id"))) {
            if (candidate.isString()) {
                Matcher m = TYPED_ID.matcher(candidate.asString().strip().toLowerCase(Locale.ROOT));
                if (m.matches() && !m.group(2).startsWith("-")) {
                    return typed(m.group(1), m.group(2));
                }
                if (!candidate.asString().isBlank()) {
                    warnings.add("bad OpenStreetMap id \"" + candidate.asString() + "\"");
                    return null;
                }
            }
        }
        return null;
    }

    private static String typed(String type, String number) {
        return switch (type) {
            case "way", "w" -> "way/" + number;
            case "relation", "r" -> "relation/" + number;
            default -> number;
        };
    }

    /** The tags that make an element a place: its category comes from the first one it has. */
    static final List<String> CATEGORY_TAGS = List.of("amenity", "shop", "tourism", "leisure", "healthcare", "office", "craft");

    /** Whether an element's tags make it worth reading: a place category or a {@code wheelchair*} tag. */
    static boolean isPlace(java.util.function.Function<String, String> tags, Iterable<String> keys) {
        for (String key : keys) {
            if (key.startsWith("wheelchair") || key.startsWith("toilets:wheelchair")) {
                return true;
            }
        }
        for (String key : CATEGORY_TAGS) {
            String v = tags.apply(key);
            if (v != null && !v.isBlank()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Maps one element's tags (read through {@code tags}, null when absent) to a place at
     * {@code location}: the same mapping for GeoJSON features and PBF elements.
     */
    static ParsedRow parse(String sourceId, java.util.function.Function<String, String> tags, GeoPoint location,
                           Instant at) {
        java.util.function.Function<String, String> tag = k -> {
            String v = tags.apply(k);
            return v == null ? "" : v.strip();
        };
        List<String> warnings = new ArrayList<>();
        String name = tag.apply("name");
        if (name.isEmpty()) {
            return ParsedRow.skip("no name");
        }
        String category = "";
        for (String key : CATEGORY_TAGS) {
            category = tag.apply(key);
            if (!category.isEmpty()) {
                break;
            }
        }
        String street = (tag.apply("addr:housenumber") + " " + tag.apply("addr:street")).strip();
        var address = new Address(street, tag.apply("addr:postcode"), tag.apply("addr:city"));

        Map<Criterion, String> values = new EnumMap<>(Criterion.class);
        String wheelchair = tag.apply("wheelchair").toLowerCase(Locale.ROOT);
        if (!wheelchair.isEmpty() && !WHEELCHAIR_VALUES.contains(wheelchair)) {
            warnings.add("bad value \"" + wheelchair + "\" for wheelchair, ignored");
            wheelchair = "";
        }
        // wheelchair=yes (or designated) says the entrance is step-free; "no" and "limited" say
        // something is wrong without saying what, so they give no criterion, only the verdict.
        if (wheelchair.equals("yes") || wheelchair.equals("designated")) {
            values.put(Criterion.STEP_FREE_ENTRANCE, "yes");
        }
        String toilets = tag.apply("toilets:wheelchair");
        if (toilets.isEmpty()) {
            toilets = tag.apply("wheelchair:toilets"); // the older spelling, used in these extracts
        }
        yesNo(toilets, "toilets:wheelchair", warnings).ifPresent(v -> values.put(Criterion.ACCESSIBLE_TOILET, v));
        centimetres(tag.apply("wheelchair:entrance_width"), "wheelchair:entrance_width", Criterion.DOOR_WIDTH, warnings)
                .ifPresent(v -> values.put(Criterion.DOOR_WIDTH, v));
        centimetres(tag.apply("wheelchair:step_height"), "wheelchair:step_height", Criterion.STEP_HEIGHT, warnings).ifPresent(v -> {
            values.put(Criterion.STEP_HEIGHT, v);
            if (v.equals("0")) {
                values.put(Criterion.STEP_FREE_ENTRANCE, "yes");
            } else {
                // A measured step beats the summary tag: the entrance is not step-free.
                values.remove(Criterion.STEP_FREE_ENTRANCE);
                values.put(Criterion.ENTRANCE_STEPS, "1");
            }
        });
        var place = new ImportedPlace(PlaceSource.osm(sourceId), name, category, address, location, values,
                wheelchair.isEmpty() ? null : wheelchair, at);
        return ParsedRow.ok(place, warnings);
    }

    /** A tag's value, stripped; an empty string, a null or a missing tag all mean unknown. */
    private static String text(JsonNode props, String tag) {
        JsonNode v = props.path(tag);
        if (!v.isValueNode() || v.isNull()) {
            return "";
        }
        return v.asString().strip();
    }

    private static Optional<String> yesNo(String raw, String tag, List<String> warnings) {
        String v = raw.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "" -> Optional.empty();
            case "yes", "designated" -> Optional.of("yes");
            case "no" -> Optional.of("no");
            default -> {
                warnings.add("bad value \"" + raw + "\" for " + tag + ", ignored");
                yield Optional.empty();
            }
        };
    }

    private static Optional<String> centimetres(String raw, String tag, Criterion criterion, List<String> warnings) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> cm = toCentimetres(raw).flatMap(criterion::normalise);
        if (cm.isEmpty()) {
            warnings.add("bad value \"" + raw + "\" for " + tag + ", ignored");
        }
        return cm;
    }

    /** OSM's width tags are in centimetres here unless a unit says otherwise ("0.9 m", "900 mm"). */
    static Optional<String> toCentimetres(String raw) {
        Matcher m = LENGTH.matcher(raw.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        double n = Double.parseDouble(m.group(1).replace(',', '.'));
        String unit = m.group(2) == null ? "cm" : m.group(2);
        double cm = switch (unit) {
            case "m" -> n * 100;
            case "mm" -> n / 10;
            default -> n;
        };
        return Optional.of(Long.toString(Math.round(cm)));
    }
}
