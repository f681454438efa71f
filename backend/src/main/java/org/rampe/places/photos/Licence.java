package org.rampe.places.photos;

import java.util.Locale;
import java.util.Optional;

/** The licences a member may grant on a photo. CC BY-SA 4.0 is the default the form states. */
public enum Licence {
    CC_BY_SA_4("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    CC_BY_4("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    CC0("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/");

    static final Licence DEFAULT = CC_BY_SA_4;

    private final String label;
    private final String deed;

    Licence(String label, String deed) {
        this.label = label;
        this.deed = deed;
    }

    /** The licence's own name, the same in every language. */
    public String label() {
        return label;
    }

    /** The Creative Commons page explaining the licence. */
    public String deed() {
        return deed;
    }

    /** The key used in forms and the graph: {@code cc_by_sa_4}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Licence> fromKey(String key) {
        for (Licence l : values()) {
            if (l.key().equals(key)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
