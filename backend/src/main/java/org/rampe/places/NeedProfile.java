package org.rampe.places;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The needs a verdict is computed for; a member may declare any combination. */
public enum NeedProfile {
    WHEELCHAIR, WALKING, VISION, HEARING, COGNITIVE;

    private final String key = name().toLowerCase(Locale.ROOT);
    private final String property = "v_" + key;

    public String key() {
        return key;
    }

    /** The property on a place holding the verdict for this profile. */
    String property() {
        return property;
    }

    /** The label of open places that fully fit this need (see V0004__Fit_labels, V0005__Open_places). */
    String fitsLabel() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT) + "Fits";
    }

    /** The label of places that fit this need at least partly. */
    String fitsOrPartlyLabel() {
        return fitsLabel() + "OrPartly";
    }

    public static Optional<NeedProfile> fromKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (NeedProfile p : values()) {
            if (p.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Set<NeedProfile> none() {
        return EnumSet.noneOf(NeedProfile.class);
    }
}
