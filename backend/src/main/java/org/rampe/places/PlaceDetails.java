package org.rampe.places;

import java.time.Instant;
import java.util.List;

/** Everything the place page shows: the summary plus every current answer and its dates. */
record PlaceDetails(PlaceSummary summary, Instant createdAt, Instant updatedAt, String sourceWheelchair,
                           List<Answer> answers) {
}
