package org.rampe.places;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The history of a place's facts, and administrators reverting one change: the fields of a
 * revision go back to their values before it, recorded as a new revision that says what it reverts.
 */
@Service
class PlaceRevisions {

    static final int PAGE_SIZE = 20;

    private final RevisionRepository revisions;
    private final PlaceRepository places;

    PlaceRevisions(RevisionRepository revisions, PlaceRepository places) {
        this.revisions = revisions;
        this.places = places;
    }

    /** A page of a place's history (0 first), newest first. */
    HistoryPage history(PlaceId place, int page) {
        int skip = Math.max(0, page) * PAGE_SIZE;
        var found = revisions.history(place, skip, PAGE_SIZE + 1);
        boolean more = found.size() > PAGE_SIZE;
        return new HistoryPage(more ? found.subList(0, PAGE_SIZE) : found, Math.max(0, page), more);
    }

    record HistoryPage(List<Revision> revisions, int page, boolean more) {
    }

    /**
     * What reverting the revision would do, field by field; empty for an unknown revision. A
     * creation cannot be reverted (there is nothing before it).
     */
    Optional<Preview> preview(RevisionId id) {
        return revisions.find(id).map(found -> new Preview(found.revision(), found.placeName(),
                found.revision().changes().stream().map(c -> {
                    String now = found.now().getOrDefault(c.field(), "");
                    return new Step(c.field(), now, c.before(), !now.equals(c.after()));
                }).toList()));
    }

    /**
     * One field of a revert: its value now, the value it goes back to, and whether a later change
     * set it since (then its current value is overwritten, and the confirmation page says so).
     */
    record Step(String field, String now, String restored, boolean changedSince) {
    }

    record Preview(Revision revision, String placeName, List<Step> steps) {

        boolean revertible() {
            // A member's "still open" answer to a maybe-closed mark is history, not a fact to put back.
            return !revision.created() && revision.changes().stream().noneMatch(c -> c.field().equals("maybeClosed"));
        }

        public boolean overwritesLaterChanges() {
            return steps.stream().anyMatch(Step::changedSince);
        }
    }

    /** Outcome of a revert. */
    enum Reverted { DONE, NOT_FOUND, NOT_REVERTIBLE }

    /** Puts the revision's fields back to their values before it, as a new revision by the administrator. */
    Reverted revert(RevisionId id, String adminId) {
        var found = revisions.find(id);
        if (found.isEmpty()) {
            return Reverted.NOT_FOUND;
        }
        var revision = found.get().revision();
        if (revision.created() || revision.changes().stream().anyMatch(c -> c.field().equals("maybeClosed"))) {
            return Reverted.NOT_REVERTIBLE;
        }
        Map<String, String> facts = new HashMap<>(found.get().now());
        revision.changes().forEach(c -> facts.put(c.field(), c.before()));
        places.updateFacts(revision.placeId(), facts.get("name"), facts.get("category"),
                new Address(facts.get("street"), facts.get("postcode"), facts.get("city")),
                location(facts.get("location")), Boolean.parseBoolean(facts.get("closed")), adminId,
                Map.of("reverts", revision.id().value(), "revertsAt", revision.at().atOffset(ZoneOffset.UTC)));
        return Reverted.DONE;
    }

    /** A location as a revision keeps it: "lat,lon". */
    private static GeoPoint location(String text) {
        String[] parts = text.split(",");
        return new GeoPoint(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    }
}
