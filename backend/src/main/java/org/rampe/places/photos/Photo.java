package org.rampe.places.photos;

import java.time.ZonedDateTime;

import org.rampe.places.Criterion;

/**
 * A visible photo of a place, as the gallery shows it.
 *
 * @param authorHandle the handle of the member who took it, shown with the licence as attribution
 */
public record Photo(String id, String placeId, String alt, String caption, Criterion.Group group, Licence licence,
                    int width, int height, ZonedDateTime createdAt, String authorHandle) {

    /** The key of the group, for message keys and comparisons in templates: {@code entrance}. */
    public String groupKey() {
        return group.name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean hasCaption() {
        return caption != null && !caption.isBlank();
    }
}
