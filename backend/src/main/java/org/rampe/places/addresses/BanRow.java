package org.rampe.places.addresses;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.rampe.places.GeoPoint;

/**
 * One row of a BAN "adresses" CSV file (schema: adresse.data.gouv.fr, "Format .csv pour un usage
 * classique"), checked: what is stored of it, or why it is left out.
 *
 * @param number "3", "3 bis": the BAN {@code numero} and its {@code rep}
 * @param kind   the BAN {@code type_position} ("entrée", "bâtiment", "segment"…), maybe empty
 */
record BanRow(String id, String departement, String number, String street, String postcode, String insee, String city,
              String kind, GeoPoint location) {

    /** The columns a row must have, by their header names. */
    static final List<String> REQUIRED = List.of("id", "numero", "nom_voie", "code_postal", "code_insee", "nom_commune", "lon", "lat");

    private static final Pattern INSEE = Pattern.compile("\\d{5}|2[AB]\\d{3}");
    private static final Pattern POSTCODE = Pattern.compile("\\d{5}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,5}");

    /** A row read, or the reason it is not. */
    record Parsed(BanRow row, String problem) {
    }

    /** {@code get} reads a column by its header name (empty when absent). */
    static Parsed parse(java.util.function.Function<String, String> get) {
        String id = get.apply("id");
        if (id.isEmpty()) {
            return problem("no BAN id");
        }
        String insee = get.apply("code_insee").toUpperCase(java.util.Locale.ROOT);
        if (!INSEE.matcher(insee).matches()) {
            return problem("bad INSEE code \"" + insee + "\" (five characters, such as 33063 or 2A004)");
        }
        String street = get.apply("nom_voie");
        if (street.isEmpty()) {
            return problem("no street name (nom_voie)");
        }
        String city = get.apply("nom_commune");
        if (city.isEmpty()) {
            return problem("no commune name (nom_commune)");
        }
        String postcode = get.apply("code_postal");
        if (!postcode.isEmpty() && !POSTCODE.matcher(postcode).matches()) {
            return problem("bad postcode \"" + postcode + "\" (five digits)");
        }
        String numero = get.apply("numero");
        if (!numero.isEmpty() && !NUMBER.matcher(numero).matches()) {
            return problem("bad number \"" + numero + "\"");
        }
        String lon = get.apply("lon");
        String lat = get.apply("lat");
        GeoPoint location;
        try {
            location = new GeoPoint(Double.parseDouble(lat.replace(',', '.')), Double.parseDouble(lon.replace(',', '.')));
        } catch (IllegalArgumentException e) {
            return problem("bad coordinates lon \"" + lon + "\", lat \"" + lat + "\"");
        }
        String rep = get.apply("rep");
        String number = numero.isEmpty() ? "" : rep.isEmpty() ? stripZeros(numero) : stripZeros(numero) + " " + rep;
        return new Parsed(new BanRow(id, departementOf(insee), number, street, postcode, insee, city,
                get.apply("type_position"), location), null);
    }

    private static Parsed problem(String reason) {
        return new Parsed(null, reason);
    }

    private static String stripZeros(String numero) {
        String s = numero.replaceFirst("^0+(?=\\d)", "");
        return s;
    }

    /** The département of a commune's INSEE code: two characters ("33", "2A"), three overseas ("974"). */
    static String departementOf(String insee) {
        return insee.startsWith("97") ? insee.substring(0, 3) : insee.substring(0, 2);
    }

    /** "3 bis rue de la Loge, 34000 Montpellier". */
    String label() {
        return (number.isEmpty() ? "" : number + " ") + street + ", " + place(postcode, city);
    }

    /** The key of the row's street: its commune and folded name (BAN's FANTOIR code is not always there). */
    String streetId() {
        return insee + ":" + AddressText.fold(street);
    }

    static String place(String postcode, String city) {
        return postcode.isEmpty() ? city : postcode + " " + city;
    }

    /** The node's properties, as the import's {@code UNWIND} writes them. */
    Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>(16);
        p.put("id", id);
        p.put("departement", departement);
        p.put("number", number);
        p.put("street", street);
        p.put("postcode", postcode);
        p.put("insee", insee);
        p.put("city", city);
        p.put("label", label());
        p.put("kind", kind);
        p.put("streetId", streetId());
        p.put("lat", location.latitude());
        p.put("lon", location.longitude());
        return p;
    }
}
