package org.rampe.places;

import java.time.Instant;
import java.util.Map;

/**
 * One row of an open-data import, already parsed and checked.
 *
 * @param values           criterion answers the source gives (unknown criteria are simply absent)
 * @param sourceWheelchair the source's own wheelchair verdict (OSM {@code wheelchair=yes|limited|no|designated}), or null
 * @param importedAt       the date the answers count from
 */
record ImportedPlace(PlaceSource source, String name, String category, Address address, GeoPoint location,
                            Map<Criterion, String> values, String sourceWheelchair, Instant importedAt) {
}
