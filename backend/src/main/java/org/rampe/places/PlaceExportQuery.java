package org.rampe.places;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.rampe.graph.Transactions;
import org.springframework.stereotype.Component;

/** Every open place inside a box, for the open-data export (the map's search has its own query). */
@Component
class PlaceExportQuery {

    private final Driver driver;

    PlaceExportQuery(Driver driver) {
        this.driver = driver;
    }

    /** At most {@code limit} places, in id order so that the same box gives the same features. */
    List<PlaceSummary> inBox(GeoPoint southWest, GeoPoint northEast, int limit) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (p:OpenPlace)
                WHERE point.withinBBox(p.location, $sw, $ne)
                WITH p
                ORDER BY p.id
                LIMIT $limit
                RETURN\s""" + PlaceRepository.RESULT + """

                ORDER BY p.id
                """, Map.of("sw", PlaceRepository.point(southWest), "ne", PlaceRepository.point(northEast),
                "limit", limit)).list(r -> PlaceRepository.result(r, -1)));
    }
}
