package org.rampe.places;

/** A WGS-84 position; stored in Neo4j as {@code point({longitude, latitude})} (SRID 4326). */
public record GeoPoint(double latitude, double longitude) {

    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("latitude must be within ±90 and longitude within ±180");
        }
    }
}
