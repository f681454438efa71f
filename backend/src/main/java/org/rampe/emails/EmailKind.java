package org.rampe.emails;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of things a member chooses to hear of by mail, each stored as a {@code :Member}
 * property (absent = the default) and named by the message keys {@code emails.kind.<key>}.
 * Decisions about oneself come at once by default (they may restrict what one can do, and have an
 * appeal); replies and messages once a day; the rest not at all.
 */
enum EmailKind {
    REPLIES("replies", "mailReplies", EmailChoice.DIGEST),
    MESSAGES("messages", "mailMessages", EmailChoice.DIGEST),
    FOLLOWS("follows", "mailFollows", EmailChoice.NONE),
    GROUPS("groups", "mailGroups", EmailChoice.NONE),
    DECISIONS("decisions", "mailDecisions", EmailChoice.IMMEDIATELY);

    private final String key;
    private final String property;
    private final EmailChoice byDefault;

    EmailKind(String key, String property, EmailChoice byDefault) {
        this.key = key;
        this.property = property;
        this.byDefault = byDefault;
    }

    /** As the form and the unsubscribe links name it. */
    String key() {
        return key;
    }

    /** The {@code :Member} property holding the choice. */
    String property() {
        return property;
    }

    EmailChoice byDefault() {
        return byDefault;
    }

    /** The name of the immediate mail of this kind, whose subject and reason are {@code mail.notify-<key>.*} (drawn by {@code mail/notify}). */
    String template() {
        return "notify-" + key;
    }

    static Optional<EmailKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static List<String> properties() {
        return Arrays.stream(values()).map(EmailKind::property).toList();
    }
}
