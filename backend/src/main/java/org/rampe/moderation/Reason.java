package org.rampe.moderation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Why a member reports something: the report form's choices, stored as {@code REPORTED.reason}, message keys {@code mod.reason.<key>}. */
enum Reason {
    SPAM("spam"),
    HARASSMENT("harassment"),
    HATE("hate"),
    WRONG_INFORMATION("wrong_information"),
    SELF_HARM("self_harm"),
    OTHER("other");

    private final String key;

    Reason(String key) {
        this.key = key;
    }

    /** As stored, sent by the form and named in message keys. */
    String key() {
        return key;
    }

    static Optional<Reason> fromKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }

    /** The form's choices, in the order it shows them. */
    static List<String> keys() {
        return Arrays.stream(values()).map(Reason::key).toList();
    }
}
