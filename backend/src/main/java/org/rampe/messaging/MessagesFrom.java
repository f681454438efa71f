package org.rampe.messaging;

import java.util.Locale;

/**
 * Who may start a conversation with a member ({@code Member.messagesFrom}, absent = {@link #CONTACTS}):
 * a first message, or putting them in an ad-hoc chat. Replies in a conversation that already
 * exists are not asked again (the member leaves it or blocks to end it).
 */
enum MessagesFrom {
    /** Any member. */
    EVERYONE,
    /** The default: members they follow, and members who share a group with them. */
    CONTACTS,
    /** Only members they follow. */
    FOLLOWED,
    /** Nobody can start a conversation with them. */
    NOBODY;

    /** As stored and in message keys: {@code everyone}, {@code contacts}, {@code followed}, {@code nobody}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored value read back; anything absent or unknown is the default. */
    static MessagesFrom of(String key) {
        for (MessagesFrom m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return CONTACTS;
    }

    /** The keys in the order the settings page lists them. */
    static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(MessagesFrom::key).toList();
    }
}
