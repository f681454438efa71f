package org.rampe.places.photos;

import java.util.Locale;
import java.util.Optional;

/** Why a member reports a photo. "Other" needs a few words of explanation. */
enum ReportReason {
    WRONG_PLACE, NOT_ACCESSIBILITY, PERSONAL_DATA, OFFENSIVE, OTHER;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ReportReason> fromKey(String key) {
        for (ReportReason r : values()) {
            if (r.key().equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
