package org.rampe.places.addresses;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BAN-format files made by the tests from the Montpellier open data (demo/shops.geojson: its
 * addr:street, addr:housenumber, addr:postcode, addr:city and coordinates), written as
 * adresse.data.gouv.fr publishes them: {@code ;}-separated, UTF-8, the 23 columns of the
 * "adresses" CSV, optionally gzipped.
 */
public final class BanFiles {

    public static final String HEADER = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
            + "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;"
            + "libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";

    /** The address the issue names, which the shops file lacks, at a known point (for exact checks). */
    public static final String LOGE_3 = row("34172_1170_00003", "3", "", "Rue de la Loge", "34000", "34172", "Montpellier",
            3.8772, 43.6101);
    public static final String LOGE_5 = row("34172_1170_00005", "5", "", "Rue de la Loge", "34000", "34172", "Montpellier",
            3.8768, 43.6102);
    /** A commune with an accent, and a street with an apostrophe. */
    public static final String PEROLS_1 = row("34198_0040_00001", "1", "", "Rue de l’Église", "34470", "34198", "Pérols",
            3.9552, 43.5653);
    public static final String PEROLS_2 = row("34198_0040_00002", "2", "", "Rue de l’Église", "34470", "34198", "Pérols",
            3.9556, 43.5655);

    private static final Pattern NUMBER = Pattern.compile("(\\d{1,4})\\s*(bis|ter|[a-z])?", Pattern.CASE_INSENSITIVE);

    private BanFiles() {
    }

    /** The good rows: one per distinct numbered address of the shops file, and the four above. */
    public static List<String> montpellierRows() {
        JsonNode shops;
        try (InputStream in = BanFiles.class.getResourceAsStream("/demo/shops.geojson")) {
            shops = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> rows = new LinkedHashMap<>();
        Map<String, Integer> streets = new LinkedHashMap<>();
        for (JsonNode f : shops.path("features")) {
            JsonNode p = f.path("properties");
            String street = p.path("addr:street").asString("").strip();
            var number = NUMBER.matcher(p.path("addr:housenumber").asString("").strip());
            if (street.isEmpty() || !number.matches()) {
                continue;
            }
            String city = p.path("addr:city").asString("").strip();
            boolean castelnau = city.equals("Castelnau-le-Lez");
            String insee = castelnau ? "34057" : "34172";
            String postcode = p.path("addr:postcode").asString("").strip();
            if (postcode.isEmpty()) {
                postcode = castelnau ? "34170" : "34000";
            }
            int streetNo = streets.computeIfAbsent(insee + street.toLowerCase(Locale.ROOT), k -> 2000 + streets.size());
            String rep = number.group(2) == null ? "" : number.group(2).toLowerCase(Locale.ROOT);
            String id = insee + "_" + streetNo + "_" + "%05d".formatted(Integer.parseInt(number.group(1))) + (rep.isEmpty() ? "" : "_" + rep);
            JsonNode c = f.path("geometry").path("coordinates");
            rows.putIfAbsent(id, row(id, number.group(1), rep, street, postcode, insee, castelnau ? city : "Montpellier",
                    c.get(0).asDouble(), c.get(1).asDouble()));
        }
        List<String> all = new ArrayList<>(rows.values());
        all.addAll(List.of(LOGE_3, LOGE_5, PEROLS_1, PEROLS_2));
        return all;
    }

    /** A row as the BAN writes it (x, y in Lambert-93 left empty: Rampe reads lon and lat). */
    public static String row(String id, String numero, String rep, String street, String postcode, String insee, String city,
                             double lon, double lat) {
        return String.join(";", id, id.substring(0, id.lastIndexOf('_')), numero, rep, street, postcode, insee, city, "", "",
                "", "", Double.toString(lon), Double.toString(lat), "entrée", "", "", city.toUpperCase(Locale.ROOT), "",
                "commune", "commune", "1", "");
    }

    /** Writes the header and the lines into a new file in {@code dir}, gzipped when the name ends in .gz. */
    public static Path write(Path dir, String name, List<String> lines) {
        Path file = dir.resolve(name);
        try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
