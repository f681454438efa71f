package org.rampe.places.photos;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rampe.images.ImageStore;
import org.rampe.images.Images;
import org.rampe.places.Criterion;
import org.rampe.places.PhotoId;
import org.rampe.places.PlaceId;
import org.rampe.places.Places;
import org.rampe.site.Viewer;
import org.springframework.stereotype.Service;

/**
 * Photos of places: adding them (graph and store together), listing the visible ones, serving
 * their bytes, and members' reports about them.
 */
@Service
public class PlacePhotos {

    private final PhotoRepository repository;
    private final ImageStore store;
    private final Places places;

    PlacePhotos(PhotoRepository repository, ImageStore store, Places places) {
        this.repository = repository;
        this.store = store;
        this.places = places;
    }

    /** The visible photos of a place, oldest first; the gallery fragment groups them. */
    public List<Photo> of(PlaceId place) {
        return repository.of(place);
    }

    boolean placeExists(PlaceId place) {
        return places.exists(place);
    }

    /** What {@link #add} needs once the form is valid. */
    record NewPhoto(PlaceId place, String memberId, Images.Cleaned image, String alt, String caption,
                    Criterion.Group group, Licence licence) {
    }

    /**
     * Stores the bytes, then records the photo. If the place or member vanished meanwhile, or the
     * graph write fails, the file is removed again so no orphan stays on disk.
     */
    Optional<String> add(NewPhoto photo) {
        String id = UUID.randomUUID().toString();
        store.put(id, photo.image().jpeg());
        boolean recorded = false;
        try {
            recorded = repository.add(id, photo);
            return recorded ? Optional.of(id) : Optional.empty();
        } finally {
            if (!recorded) {
                store.delete(id);
            }
        }
    }

    /** The JPEG of a visible photo of this place; empty for hidden, unknown or mismatched ids. */
    Optional<byte[]> jpeg(PlaceId place, PhotoId photo) {
        return repository.visible(place, photo) ? store.get(photo.value()) : Optional.empty();
    }

    /** A photo of the place as the delete confirmation shows it; empty when unknown. */
    Optional<Photo> find(PlaceId place, PhotoId photo) {
        return repository.taken(place, photo).map(PhotoRepository.Taken::photo);
    }

    /** The outcome of asking to delete a photo. */
    enum Deletion { DELETED, NOT_FOUND, FORBIDDEN }

    /** Whether the member may delete this photo: they took it, or they administer the site. */
    Deletion mayDelete(PlaceId place, PhotoId photo, Viewer viewer) {
        var taken = repository.taken(place, photo);
        if (taken.isEmpty()) {
            return Deletion.NOT_FOUND;
        }
        return viewer.admin() || taken.get().takenBy().equals(viewer.memberId()) ? Deletion.DELETED : Deletion.FORBIDDEN;
    }

    /**
     * Deletes a photo its uploader or an administrator asked to delete: the graph first, then the
     * file, once nothing refers to it.
     */
    Deletion delete(PlaceId place, PhotoId photo, Viewer viewer) {
        var allowed = mayDelete(place, photo, viewer);
        if (allowed != Deletion.DELETED) {
            return allowed;
        }
        if (!repository.delete(photo)) {
            return Deletion.NOT_FOUND;
        }
        store.delete(photo.value());
        return Deletion.DELETED;
    }

    /** A photo a member took, as their archive lists it. */
    public record PhotoTaken(String placeId, String photoId, String alt, String caption, java.time.Instant takenAt) {
    }

    /** The photos the member took, oldest first, streamed. */
    public void takenBy(String memberId, java.util.function.Consumer<PhotoTaken> each) {
        repository.takenBy(memberId, each);
    }

    /** The JPEG of any photo (for its taker's archive); empty when the file is gone. */
    public Optional<byte[]> file(String photoId) {
        return store.get(photoId);
    }

    /**
     * Erases the photos a member took (and the reports about them), a batch at a time: the graph
     * first, then the files. Idempotent: run again, it finishes what is left.
     */
    public void eraseTakenBy(String memberId) {
        for (List<String> deleted = repository.deleteTakenBy(memberId, 1000); !deleted.isEmpty();
             deleted = repository.deleteTakenBy(memberId, 1000)) {
            deleted.forEach(store::delete);
        }
    }

    /**
     * One open report per member and photo: reporting again keeps the first report as it was.
     * Empty when the photo is not one of this place's.
     */
    Optional<String> report(PlaceId place, PhotoId photo, String memberId, ReportReason reason, String text) {
        return repository.report(place, photo, memberId, reason, text);
    }
}
