package org.rampe.places;

import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Finds where "near …" is. There is no network geocoder here, so the text is matched against the
 * places Rampe knows: "lat, lon" typed as numbers, then a town, then a street in a town (the
 * centre of the matching places). A national address service could implement the same method.
 */
@Component
class Geocoder {

    private static final Pattern COORDINATES = Pattern.compile("^\\s*(-?\\d{1,2}(?:[.,]\\d+)?)\\s*[,; ]\\s*(-?\\d{1,3}(?:[.,]\\d+)?)\\s*$");

    private final PlaceSearchRepository places;

    Geocoder(PlaceSearchRepository places) {
        this.places = places;
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
