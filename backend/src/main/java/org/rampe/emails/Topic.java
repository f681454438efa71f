package org.rampe.emails;

import java.util.Arrays;
import java.util.Optional;

/**
 * What one mail (or one line of a digest) tells, and under which of the member's choices it falls.
 * Stored as its key on a digest item; message keys {@code emails.topic.<key>.sentence} (the
 * sentence, {0} the member who did it, {1} the group) and {@code emails.topic.<key>.link} (the link's
 * words, saying where it goes).
 */
enum Topic {
    REPLY("reply", EmailKind.REPLIES),
    COMMENT("comment", EmailKind.REPLIES),
    MENTION("mention", EmailKind.REPLIES),
    MESSAGE("message", EmailKind.MESSAGES),
    FOLLOW("follow", EmailKind.FOLLOWS),
    FOLLOW_REQUEST("follow_request", EmailKind.FOLLOWS),
    GROUP_INVITED("group_invited", EmailKind.GROUPS),
    GROUP_JOIN_REQUEST("group_join_request", EmailKind.GROUPS),
    GROUP_APPROVED("group_approved", EmailKind.GROUPS),
    DECISION("decision", EmailKind.DECISIONS),
    APPEAL("appeal", EmailKind.DECISIONS);

    private final String key;
    private final EmailKind kind;

    Topic(String key, EmailKind kind) {
        this.key = key;
        this.kind = kind;
    }

    String key() {
        return key;
    }

    EmailKind kind() {
        return kind;
    }

    static Optional<Topic> fromKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
