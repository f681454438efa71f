package org.rampe.emails;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How a member wants to hear of one kind of thing by mail; stored as its key, message keys {@code emails.choice.<key>}. */
enum EmailChoice {
    IMMEDIATELY("immediately"),
    DIGEST("digest"),
    NONE("none");

    private final String key;

    EmailChoice(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static Optional<EmailChoice> fromKey(String key) {
        return Arrays.stream(values()).filter(c -> c.key.equals(key)).findFirst();
    }

    /** The radios' values, in the order the page shows them. */
    static List<String> keys() {
        return Arrays.stream(values()).map(EmailChoice::key).toList();
    }
}
