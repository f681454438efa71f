package org.rampe.places.addresses;

import org.rampe.places.GeoPoint;

/**
 * A place the "near" text may mean: its label as it can be typed back ("3 rue de la Loge, 34000
 * Montpellier"), what it is, and where.
 */
public record Suggestion(String label, Kind kind, GeoPoint location) {

    public enum Kind {
        COMMUNE, STREET, ADDRESS;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
