package org.rampe.moderation;

import java.util.Arrays;
import java.util.Optional;

/** What can be reported: stored as {@code Case.targetKind}, sent by the report form, message keys {@code mod.report.title.<key>}. */
enum TargetKind {
    POST("post", "Post"),
    COMMENT("comment", "Comment"),
    MEMBER("member", "Member"),
    GROUP("group", "Group"),
    MESSAGE("message", "Message"),
    PLACE("place", "Place");

    private final String key;
    private final String label;

    TargetKind(String key, String label) {
        this.key = key;
        this.label = label;
    }

    String key() {
        return key;
    }

    /** The label of the target's node. */
    String label() {
        return label;
    }

    /** A post or a comment: content that can be hidden or removed. */
    boolean content() {
        return this == POST || this == COMMENT;
    }

    static Optional<TargetKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** Whether a stored kind is a post's or a comment's. */
    static boolean isContent(String key) {
        return fromKey(key).map(TargetKind::content).orElse(false);
    }
}
