package org.rampe.moderation;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a moderator decides on a case, stored as {@code Decision.action} (and as the audit log's
 * action), sent by the queue's form, message keys {@code mod.action.<key>}, {@code mod.decide.done.<key>}.
 */
enum Action {
    DISMISS("dismiss"),
    HIDE("hide"),
    REMOVE("remove"),
    LOCK("lock"),
    WARN("warn"),
    MUTE("mute"),
    BAN("ban"),
    SUSPEND("suspend");

    private final String key;

    Action(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    static Optional<Action> fromKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }

    /** Whether the action applies to a target of this kind, in a group or not, with a member concerned or not. */
    boolean appliesTo(String kind, boolean inGroup, boolean concerned, boolean admin) {
        return switch (this) {
            case DISMISS -> true;
            case HIDE, REMOVE -> TargetKind.isContent(kind);
            case LOCK -> kind.equals(TargetKind.POST.key());
            case WARN -> concerned;
            case MUTE, BAN -> inGroup && concerned;
            case SUSPEND -> admin && concerned;
        };
    }

    /** Whether it lasts (a mute, a ban, a suspension), for {@code days} or for good. */
    boolean lasts() {
        return this == MUTE || this == BAN || this == SUSPEND;
    }
}
