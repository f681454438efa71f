package org.rampe.places;

import java.time.Instant;

/**
 * One current answer about one criterion of a place: from a member (their id), or from an imported
 * source ({@code osm}, {@code acceslibre}) which counts as one voice dated by its import.
 */
record Answer(Criterion criterion, String value, String source, boolean imported, Instant at, String comment) {
}
