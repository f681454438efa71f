package org.rampe.places;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.rampe.places.addresses.AddressSearch;
import org.rampe.places.addresses.RemoteGeocoder;
import org.rampe.places.addresses.Suggestion;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Finds where "near …" is, asking in this order:
 * <ol>
 * <li>"lat, lon" typed as numbers (what the "use my position" button fills in);</li>
 * <li>the BAN-compatible API of {@code rampe.geocoder.url}, when an operator configured one (a
 * short timeout; any failure goes on to the next step);</li>
 * <li>the BAN addresses loaded with {@code rampe import ban}: a commune, a street, a numbered
 * address ({@link AddressSearch});</li>
 * <li>the places Rampe knows: a town, then a street in a town (the centre of the matching places),
 * so that a site with no addresses loaded still finds the towns of its places.</li>
 * </ol>
 */
@Component
class Geocoder {

    private static final Pattern COORDINATES = Pattern.compile("^\\s*(-?\\d{1,2}(?:[.,]\\d+)?)\\s*[,; ]\\s*(-?\\d{1,3}(?:[.,]\\d+)?)\\s*$");

    private final PlaceSearchRepository places;
    private final RemoteGeocoder remote;
    private final AddressSearch addresses;

    @Autowired
    Geocoder(PlaceSearchRepository places, RemoteGeocoder remote, AddressSearch addresses) {
        this.places = places;
        this.remote = remote;
        this.addresses = addresses;
    }

    /** Coordinates and known places only, outside the application (the search benchmark). */
    Geocoder(PlaceSearchRepository places) {
        this(places, null, null);
    }

    /** What the "near" field's list box offers while someone types: the remote API's answers, or the loaded addresses'. */
    List<Suggestion> suggest(String text, int limit) {
        if (text == null || text.isBlank() || COORDINATES.matcher(text).matches()) {
            return List.of();
        }
        if (addresses == null) {
            return List.of();
        }
        List<Suggestion> found = remote.suggest(text, limit);
        return found.isEmpty() ? addresses.suggest(text, limit) : found;
    }

    Optional<GeoPoint> locate(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var m = COORDINATES.matcher(text);
        if (m.matches()) {
            try {
                return Optional.of(new GeoPoint(Double.parseDouble(m.group(1).replace(',', '.')),
                        Double.parseDouble(m.group(2).replace(',', '.'))));
            } catch (IllegalArgumentException outOfRange) {
                return Optional.empty();
            }
        }
        if (addresses == null) {
            return knownPlaces(text);
        }
        return remote.suggest(text, 1).stream().findFirst().map(Suggestion::location)
                .or(() -> addresses.locate(text))
                .or(() -> knownPlaces(text));
    }

    private Optional<GeoPoint> knownPlaces(String text) {
        String[] parts = text.split(",");
        String city = parts[parts.length - 1];
        String street = parts.length > 1 ? String.join(" ", java.util.Arrays.copyOf(parts, parts.length - 1)) : null;
        String cityQuery = LuceneText.query(city, "city");
        if (cityQuery == null) {
            return Optional.empty();
        }
        String streetQuery = LuceneText.query(street, "street");
        return centreOf(streetQuery == null ? cityQuery : "(" + cityQuery + ") AND (" + streetQuery + ")")
                .or(() -> centreOf(LuceneText.query(text, "street")))
                .or(() -> streetQuery == null ? Optional.empty() : centreOf(cityQuery));
    }

    private Optional<GeoPoint> centreOf(String query) {
        if (query == null) {
            return Optional.empty();
        }
        return places.centreOf(query);
    }
}
