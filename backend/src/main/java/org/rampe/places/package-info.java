/**
 * Places and their criteria, members' answers and the consensus, verdicts per need, search (list
 * and map), the JSON API, open-data imports (OpenStreetMap, acceslibre) and exports, photos and
 * reports about places.
 */
@ApplicationModule(displayName = "Places: the crowd-rated accessibility map", allowedDependencies = {"graph", "site", "images", "members"})
package org.rampe.places;

import org.springframework.modulith.ApplicationModule;
