package org.rampe.moderation;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the review of an appeal came out: stored as {@code REVIEWED.outcome}, sent by the decision
 * page's form, written to the audit log as {@code appeal_<key>}, message keys {@code mod.review.done.<key>}.
 */
enum ReviewOutcome {
    UPHELD("upheld"),
    OVERTURNED("overturned");

    private final String key;

    ReviewOutcome(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static Optional<ReviewOutcome> fromKey(String key) {
        return Arrays.stream(values()).filter(o -> o.key.equals(key)).findFirst();
    }
}
