package org.rampe.places;

import java.util.Set;
import java.util.function.LongSupplier;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.rampe.places.photos.PlacePhotos;
import org.springframework.stereotype.Component;

/**
 * Places a member added, their answers, the revisions they made, their reports about places and
 * photos (and the ones they resolved), their photos: {@code places.json} and {@code images/place-photo-*}
 * in their archive; on erasure, the places and revisions stay without them, the answers stay as
 * anonymous votes, the reports stay for moderation without them, the photos go.
 */
@Component
class PlacesMemberData implements MemberData {

    private final MemberPlacesRepository repository;
    private final PlacePhotos photos;

    PlacesMemberData(MemberPlacesRepository repository, PlacePhotos photos) {
        this.repository = repository;
        this.photos = photos;
    }

    @Override
    public Coverage covers() {
        return new Coverage("places",
                Set.of("ADDED", "GAVE", "REPORTED", "RESOLVED", "TOOK", "MADE"),
                Set.of());
    }

    /** {@code places.json}, documented field by field in archive-readme/places.*.txt. */
    @Override
    public void export(MemberArchive archive) {
        String member = archive.member().value();
        archive.json("places.json", json -> json.field("format", 1)
                .array("placesAdded", items -> repository.placesAdded(member, items::add))
                .array("answers", items -> repository.answers(member, items::add))
                .array("revisions", items -> repository.revisions(member, items::add))
                .array("placeReports", items -> repository.placeReports(member, items::add))
                .array("photoReports", items -> repository.photoReports(member, items::add))
                .array("photos", items -> photos.takenBy(member, items::add)));
        // The files after the JSON: one ZIP entry at a time.
        photos.takenBy(member, photo -> photos.file(photo.photoId())
                .ifPresent(jpeg -> archive.image("place-photo-" + photo.photoId(), jpeg, photo.alt())));
    }

    @Override
    public void erase(Erasure erasure) {
        String member = erasure.member().value();
        boolean removeText = erasure.removesContent();
        untilNone(() -> repository.forgetAdded(member));
        // Consensus and verdicts read the answers about a place, never who gave them: the counts stand.
        // Their answers stay only as anonymous votes (the rule): their comments go whatever the choice.
        untilNone(() -> repository.anonymiseAnswers(member));
        untilNone(() -> repository.anonymiseRevisions(member));
        untilNone(() -> repository.anonymiseReports(member, removeText));
        untilNone(() -> repository.forgetResolved(member));
        photos.eraseTakenBy(member);
    }

    private static void untilNone(LongSupplier batch) {
        while (batch.getAsLong() > 0) {
            // one batch a transaction
        }
    }
}
