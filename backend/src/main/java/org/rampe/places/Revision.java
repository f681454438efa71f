package org.rampe.places;

import java.time.Instant;
import java.util.List;

/**
 * One recorded change to a place's facts, as the history shows it.
 *
 * @param authorHandle the member who made it; null for an import, an erased member or a former member
 * @param source       the import that made it ({@code osm}, {@code acceslibre}); null for a member's change
 * @param created      whether it is the place's creation (nothing before it; it cannot be reverted)
 * @param revertsAt    when the change this one reverts was made; null when it reverts nothing
 * @param changes      the fields it changed, each with its value before and after
 */
record Revision(RevisionId id, PlaceId placeId, Instant at, String authorHandle, String source, boolean created,
                Instant revertsAt, List<Change> changes) {

    /** The facts a revision records, by the key stored in {@code Revision.fields}. */
    static final List<String> FIELDS = List.of("name", "category", "street", "postcode", "city", "location", "closed");

    /** One field's value before and after, as text ({@code location}: "lat,lon"; {@code closed}: "true"/"false"). */
    record Change(String field, String before, String after) {
    }

    public boolean byImport() {
        return source != null;
    }

    public String atIso() {
        return at.toString();
    }
}
