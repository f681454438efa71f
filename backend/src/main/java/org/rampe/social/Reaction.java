package org.rampe.social;

import java.util.Locale;
import java.util.Optional;

/**
 * The small fixed set of reactions. Each has a name in words in both languages
 * ({@code reaction.<key>}); the emoji only decorates it and is hidden from screen readers.
 */
public enum Reaction {
    LIKE("👍"), SUPPORT("💪"), THANKS("🙏"), HELPFUL("💡"), HUG("🤗");

    private final String emoji;

    Reaction(String emoji) {
        this.emoji = emoji;
    }

    public String emoji() {
        return emoji;
    }

    /** The key in forms, the graph and message keys: {@code support}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Reaction> fromKey(String key) {
        for (Reaction r : values()) {
            if (r.key().equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
