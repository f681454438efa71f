package org.rampe.places;

import java.util.List;
import java.util.Locale;

/** Whether a place suits a need, and why, in words the page can show (message keys and arguments). */
record Verdict(Level level, List<Reason> reasons) {

    /** Ordered from best to worst; combining verdicts keeps the worst. */
    enum Level {
        ACCESSIBLE, LIMITED, UNKNOWN, NOT_ACCESSIBLE;

        private final String key = name().toLowerCase(Locale.ROOT);

        public String key() {
            return key;
        }

        public static Level fromKey(String key) {
            for (Level l : values()) {
                if (l.key().equals(key)) {
                    return l;
                }
            }
            return UNKNOWN;
        }

        Level worst(Level other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    /** A reason as a message key under {@code verdict.reason.} with its arguments. */
    record Reason(String key, List<Object> args) {
        static Reason of(String key, Object... args) {
            return new Reason(key, List.of(args));
        }

        public String messageKey() {
            return "verdict.reason." + key;
        }

        public Object[] arguments() {
            return args.toArray();
        }

        /** The first argument, or an empty text: every reason message has at most one. */
        public Object argument() {
            return args.isEmpty() ? "" : args.getFirst();
        }
    }
}
