package org.rampe.places;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Imports acceslibre's exchange CSV (schema: shared/data/acceslibre/schema.json), mapping its
 * columns to criteria as graph-schema/README.md says. Columns are found by header name, in any
 * order; the delimiter ("," or ";" or tab) is read off the header line; the short header names of
 * acceslibre's own test files (nom, adr, vil, cp, lng, lat, id, act) are accepted too.
 *
 * <p>A row without a name, an id or usable coordinates is skipped with its line and reason. A bad
 * value in an optional column (a width of "abc", a boolean of "peut-être") drops only that value,
 * with a warning: the rest of what the establishment declared is still worth having.
 */
@Component
class AcceslibreImport {

    /** Short header names (acceslibre's import test files) and the schema column each stands for. */
    static final Map<String, String> ALIASES = Map.of(
            "nom", "name", "adr", "adresse", "vil", "commune", "cp", "postal_code",
            "lng", "longitude", "lon", "longitude", "lat", "latitude", "act", "activite");

    private static final Map<String, String> RAMPS = Map.of("aucune", "none", "fixe", "fixed", "amovible", "removable");

    private final Places places;
    private final Clock clock;

    @Autowired
    AcceslibreImport(Places places) {
        this(places, Clock.systemUTC());
    }

    AcceslibreImport(Places places, Clock clock) {
        this.places = places;
        this.clock = clock;
    }

    ImportReport importFile(Path file, ImportOptions options, ImportProgress progress) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return ImportReport.unreadable(PlaceSource.ACCESLIBRE, "cannot read " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return importStream(in, Files.size(file), options, progress);
        } catch (IOException e) {
            return ImportReport.unreadable(PlaceSource.ACCESLIBRE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    ImportReport importStream(InputStream in, ImportProgress progress) {
        return importStream(in, ImportOptions.ALL, progress);
    }

    ImportReport importStream(InputStream in, ImportOptions options, ImportProgress progress) {
        return importStream(in, -1, options, progress);
    }

    /** Reads the rows of {@code in}, {@code size} bytes long (-1: unknown), keeping those in the options' area. */
    ImportReport importStream(InputStream in, long size, ImportOptions options, ImportProgress progress) {
        var counted = new CountingInputStream(in);
        var reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8));
        String headerLine;
        try {
            reader.mark(1 << 16);
            headerLine = reader.readLine();
            reader.reset();
        } catch (IOException e) {
            return ImportReport.unreadable(PlaceSource.ACCESLIBRE, "cannot read: " + e.getMessage());
        }
        if (headerLine == null || headerLine.isBlank()) {
            return ImportReport.unreadable(PlaceSource.ACCESLIBRE, "empty file: no header line");
        }
        var format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(headerLine)).setIgnoreEmptyLines(true).get();
        Instant at = clock.instant();
        var run = new ImportRun(PlaceSource.ACCESLIBRE, places, options, progress, counted::count, size, at);
        try (CSVParser parser = format.parse(reader)) {
            Iterator<CSVRecord> records = parser.iterator();
            Map<String, Integer> columns;
            try {
                if (!records.hasNext()) {
                    return ImportReport.unreadable(PlaceSource.ACCESLIBRE, "empty file: no header line");
                }
                columns = columns(records.next());
            } catch (UncheckedIOException | IllegalStateException e) {
                return ImportReport.unreadable(PlaceSource.ACCESLIBRE, "not a CSV file: " + e.getMessage());
            }
            for (String needed : List.of("name", "id", "longitude", "latitude")) {
                if (!columns.containsKey(needed)) {
                    return ImportReport.unreadable(PlaceSource.ACCESLIBRE,
                            "not an acceslibre file: the header has no \"" + needed + "\" column");
                }
            }
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    run.brokenAt(ImportRun.At.line(parser.getCurrentLineNumber()), "not valid CSV: " + e.getMessage());
                    break;
                }
                long line = firstLine(record, parser.getCurrentLineNumber());
                ParsedRow row = parse(new Row(record, columns), at);
                if (row.skipped()) {
                    run.skipped(ImportRun.At.line(line), row.skipReason());
                } else {
                    run.imported(row.place(), ImportRun.At.line(line), row.warnings());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            if (run.read() == 0) {
                return ImportReport.unreadable(PlaceSource.ACCESLIBRE, "cannot read: " + e.getMessage());
            }
            run.brokenAt(ImportRun.At.line(run.read() + 1L), "cannot read: " + e.getMessage());
        }
        return run.report();
    }

    /** The delimiter used most in the header line, outside quotes: ",", ";" or a tab. */
    static char delimiter(String header) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }

    /** Schema column name → index, short aliases resolved; a leading byte-order mark is dropped. */
    private static Map<String, Integer> columns(CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            columns.putIfAbsent(ALIASES.getOrDefault(name, name), i);
        }
        return columns;
    }

    /** The line a record starts on: the parser is past its last line, less the line breaks inside its values. */
    private static long firstLine(CSVRecord record, long lastLine) {
        long breaks = 0;
        for (String value : record) {
            breaks += value.chars().filter(c -> c == '\n').count();
        }
        return lastLine - breaks;
    }

    /** One data row read by column name; a missing column reads as empty (unknown). */
    record Row(CSVRecord record, Map<String, Integer> columns) {
        String get(String column) {
            Integer i = columns.get(column);
            return i == null || i >= record.size() ? "" : record.get(i).strip();
        }
    }

    static ParsedRow parse(Row row, Instant at) {
        String id = row.get("id");
        if (id.isEmpty()) {
            return ParsedRow.skip("missing id");
        }
        String name = row.get("name");
        if (name.isEmpty()) {
            return ParsedRow.skip("missing name");
        }
        String lon = row.get("longitude");
        String lat = row.get("latitude");
        if (lon.isEmpty() || lat.isEmpty()) {
            return ParsedRow.skip("missing coordinates");
        }
        GeoPoint location;
        try {
            location = new GeoPoint(Double.parseDouble(lat.replace(',', '.')), Double.parseDouble(lon.replace(',', '.')));
        } catch (IllegalArgumentException e) {
            return ParsedRow.skip("bad coordinates longitude \"" + lon + "\", latitude \"" + lat + "\"");
        }
        String street = (row.get("numero") + " " + row.get("voie")).strip();
        if (street.isEmpty()) {
            street = row.get("adresse").isEmpty() ? row.get("lieu_dit") : row.get("adresse");
        }
        var address = new Address(street, row.get("postal_code"), row.get("commune"));

        var mapping = new Mapping(row, new EnumMap<>(Criterion.class), new ArrayList<>());
        mapping.bool("entree_plain_pied", Criterion.STEP_FREE_ENTRANCE);
        mapping.measure("entree_marches", Criterion.ENTRANCE_STEPS);
        mapping.choice("entree_marches_rampe", Criterion.RAMP, RAMPS);
        mapping.measure("entree_largeur_mini", Criterion.DOOR_WIDTH);
        mapping.choice("entree_porte_type", Criterion.AUTOMATIC_DOOR, Map.of("automatique", "yes", "manuelle", "no"));
        mapping.bool("entree_dispositif_appel", Criterion.CALL_DEVICE);
        mapping.bool("entree_ascenseur", Criterion.LIFT);
        mapping.bool("stationnement_pmr", Criterion.PARKING_ON_SITE);
        mapping.bool("stationnement_ext_pmr", Criterion.PARKING_NEARBY);
        mapping.bool("accueil_cheminement_plain_pied", Criterion.STEP_FREE_PATH_TO_RECEPTION);
        mapping.choice("accueil_personnels", Criterion.TRAINED_STAFF,
                Map.of("formés", "yes", "formes", "yes", "non-formés", "no", "non-formes", "no", "aucun", "no"));
        mapping.bool("sanitaires_adaptes", Criterion.ACCESSIBLE_TOILET);
        mapping.hearing();
        var place = new ImportedPlace(PlaceSource.acceslibre(id), name, row.get("activite"), address, location,
                mapping.values(), null, at);
        return ParsedRow.ok(place, mapping.warnings());
    }

    /** Column-to-criterion rules for one row; a bad value is dropped with a warning. */
    private record Mapping(Row row, Map<Criterion, String> values, List<String> warnings) {

        void bool(String column, Criterion criterion) {
            booleanOf(column).ifPresent(v -> values.put(criterion, v ? "yes" : "no"));
        }

        Optional<Boolean> booleanOf(String column) {
            String raw = row.get(column);
            return switch (raw.toLowerCase(Locale.ROOT)) {
                case "" -> Optional.empty();
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> {
                    bad(raw, column);
                    yield Optional.empty();
                }
            };
        }

        void measure(String column, Criterion criterion) {
            String raw = row.get(column);
            if (!raw.isEmpty()) {
                criterion.normalise(raw).ifPresentOrElse(v -> values.put(criterion, v), () -> bad(raw, column));
            }
        }

        void choice(String column, Criterion criterion, Map<String, String> meanings) {
            String raw = row.get(column);
            if (!raw.isEmpty()) {
                String meaning = meanings.get(raw.toLowerCase(Locale.ROOT));
                if (meaning == null) {
                    bad(raw, column);
                } else {
                    values.put(criterion, meaning);
                }
            }
        }

        /** Hearing loop (bim: induction loop, bmp: portable loop) and LSF, from the equipment list. */
        void hearing() {
            Optional<Boolean> present = booleanOf("accueil_equipements_malentendants_presence");
            if (present.isPresent() && !present.get()) {
                values.put(Criterion.HEARING_LOOP, "no");
                values.put(Criterion.SIGN_LANGUAGE, "no");
                return;
            }
            List<String> equipment = list(row.get("accueil_equipements_malentendants"));
            if (equipment.contains("bim") || equipment.contains("bmp")) {
                values.put(Criterion.HEARING_LOOP, "yes");
            }
            if (equipment.contains("lsf")) {
                values.put(Criterion.SIGN_LANGUAGE, "yes");
            }
        }

        /** A JSON list (["lsf", "bim"]) or a plain comma list (lsf,lpc,sts), lower-cased. */
        static List<String> list(String raw) {
            String inner = raw.strip();
            if (inner.startsWith("[") && inner.endsWith("]")) {
                inner = inner.substring(1, inner.length() - 1);
            }
            List<String> items = new ArrayList<>();
            for (String item : inner.split(",")) {
                String v = item.replace("\"", "").strip().toLowerCase(Locale.ROOT);
                if (!v.isEmpty()) {
                    items.add(v);
                }
            }
            return items;
        }

        private void bad(String raw, String column) {
            warnings.add("bad value \"" + raw + "\" for " + column + ", ignored");
        }
    }
}
