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
 * Imports an OpenStreetMap GeoJSON FeatureCollection of points (one OSM node a feature), mapping
 * its tags to criteria as graph-schema/README.md says. The file is read as a stream, so a large
 * extract never sits in memory; each feature is reported under the line it starts on.
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
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(in, options, progress);
        } catch (IOException e) {
            return ImportReport.unreadable(PlaceSource.OSM, "cannot read " + file + ": " + e.getMessage());
        }
    }

    public ImportReport importStream(InputStream in, ImportProgress progress) {
        return importStream(in, ImportOptions.ALL, progress);
    }

    public ImportReport importStream(InputStream in, ImportOptions options, ImportProgress progress) {
        var run = new ImportRun(PlaceSource.OSM, places, progress);
        Instant at = clock.instant();
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !toFeatures(parser)) {
                return ImportReport.unreadable(PlaceSource.OSM, "not a GeoJSON FeatureCollection (no \"features\" list)");
            }
            while (true) {
                JsonToken token;
                long line;
                JsonNode feature;
                try {
                    token = parser.nextToken();
                    line = parser.currentTokenLocation().getLineNr();
                    if (token == JsonToken.END_ARRAY || token == null) {
                        break;
                    }
                    feature = parser.readValueAsTree();
                } catch (JacksonException e) {
                    if (run.read() == 0) {
                        return ImportReport.unreadable(PlaceSource.OSM, "not valid JSON: " + e.getOriginalMessage());
                    }
                    run.brokenAt(e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                            "not valid JSON: " + e.getOriginalMessage());
                    break;
                }
                ParsedRow row = parse(feature, at);
                if (row.skipped()) {
                    run.skipped(line, row.skipReason());
                } else {
                    run.imported(row.place(), line, row.warnings());
                }
            }
        } catch (JacksonException e) {
            return ImportReport.unreadable(PlaceSource.OSM, "not valid JSON: " + e.getOriginalMessage());
        }
        return run.report();
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

    /** Checks one feature and maps its tags; never throws on bad data. */
    static ParsedRow parse(JsonNode feature, Instant at) {
        if (feature == null || !feature.isObject()) {
            return ParsedRow.skip("not a GeoJSON feature");
        }
        JsonNode props = feature.path("properties");
        String id = text(props, "osm_id");
        if (id.isEmpty()) {
            return ParsedRow.skip("no osm_id");
        }
        List<String> warnings = new ArrayList<>();
        if (id.matches("-\\d{1,10}")) {
            // Node ids passed 2^31 in 2013; some exporters wrote them as 32-bit signed integers.
            long repaired = Long.parseLong(id) + (1L << 32);
            if (repaired <= 0 || repaired >= (1L << 32)) {
                return ParsedRow.skip("bad osm_id \"" + id + "\"");
            }
            warnings.add("osm_id " + id + " overflowed a 32-bit integer; read as node " + repaired);
            id = Long.toString(repaired);
        }
        if (!id.matches("\\d{1,19}")) {
            return ParsedRow.skip("bad osm_id \"" + id + "\"");
        }
        String name = text(props, "name");
        if (name.isEmpty()) {
            return ParsedRow.skip("no name");
        }
        JsonNode geometry = feature.path("geometry");
        if (!"Point".equals(geometry.path("type").asString(""))) {
            return ParsedRow.skip("geometry is not a Point");
        }
        JsonNode coordinates = geometry.path("coordinates");
        if (!coordinates.isArray() || coordinates.size() < 2 || !coordinates.get(0).isNumber()
                || !coordinates.get(1).isNumber()) {
            return ParsedRow.skip("bad coordinates " + coordinates);
        }
        GeoPoint location;
        try {
            location = new GeoPoint(coordinates.get(1).asDouble(), coordinates.get(0).asDouble());
        } catch (IllegalArgumentException e) {
            return ParsedRow.skip("bad coordinates " + coordinates + ": " + e.getMessage());
        }
        String category = text(props, "amenity");
        if (category.isEmpty()) {
            category = text(props, "shop");
        }
        String street = (text(props, "addr:housenumber") + " " + text(props, "addr:street")).strip();
        var address = new Address(street, text(props, "addr:postcode"), text(props, "addr:city"));

        Map<Criterion, String> values = new EnumMap<>(Criterion.class);
        String wheelchair = text(props, "wheelchair").toLowerCase(Locale.ROOT);
        if (!wheelchair.isEmpty() && !WHEELCHAIR_VALUES.contains(wheelchair)) {
            warnings.add("bad value \"" + wheelchair + "\" for wheelchair, ignored");
            wheelchair = "";
        }
        // wheelchair=yes (or designated) says the entrance is step-free; "no" and "limited" say
        // something is wrong without saying what, so they give no criterion, only the verdict.
        if (wheelchair.equals("yes") || wheelchair.equals("designated")) {
            values.put(Criterion.STEP_FREE_ENTRANCE, "yes");
        }
        String toilets = text(props, "toilets:wheelchair");
        if (toilets.isEmpty()) {
            toilets = text(props, "wheelchair:toilets"); // the older spelling, used in these extracts
        }
        yesNo(toilets, "toilets:wheelchair", warnings).ifPresent(v -> values.put(Criterion.ACCESSIBLE_TOILET, v));
        centimetres(props, "wheelchair:entrance_width", Criterion.DOOR_WIDTH, warnings)
                .ifPresent(v -> values.put(Criterion.DOOR_WIDTH, v));
        centimetres(props, "wheelchair:step_height", Criterion.STEP_HEIGHT, warnings).ifPresent(v -> {
            values.put(Criterion.STEP_HEIGHT, v);
            if (v.equals("0")) {
                values.put(Criterion.STEP_FREE_ENTRANCE, "yes");
            } else {
                // A measured step beats the summary tag: the entrance is not step-free.
                values.remove(Criterion.STEP_FREE_ENTRANCE);
                values.put(Criterion.ENTRANCE_STEPS, "1");
            }
        });
        var place = new ImportedPlace(PlaceSource.osm(id), name, category, address, location, values,
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

    private static Optional<String> centimetres(JsonNode props, String tag, Criterion criterion, List<String> warnings) {
        String raw = text(props, tag);
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
