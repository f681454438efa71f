package org.rampe.members;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The access needs a member may declare (any combination) and that places compute a verdict for:
 * the members feature keeps a member's own (health data, with consent), the places feature says
 * for each place whether it suits each of them.
 */
public enum NeedProfile {
    WHEELCHAIR, WALKING, VISION, HEARING, COGNITIVE;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The stable lower-case name used in forms, URLs, JSON and the graph. */
    public String key() {
        return key;
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
