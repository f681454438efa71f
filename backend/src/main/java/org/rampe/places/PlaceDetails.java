package org.rampe.places;

import java.time.Instant;
import java.util.List;

/**
 * Everything the place page shows: the summary plus every current answer and its dates.
 *
 * @param maybeClosedSince when a complete import of the place's source no longer had it (issue 18),
 *                         until a member says it is still open or closed; null otherwise
 */
record PlaceDetails(PlaceSummary summary, Instant createdAt, Instant updatedAt, String sourceWheelchair,
                    List<Answer> answers, Instant maybeClosedSince) {

    /** The day the place went missing from its source, for the page; null when it did not. */
    public java.time.LocalDate maybeClosedOn() {
        return maybeClosedSince == null ? null : maybeClosedSince.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }
}
