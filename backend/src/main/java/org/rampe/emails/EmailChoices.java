package org.rampe.emails;

import java.util.EnumMap;
import java.util.Map;

/** What a member chose for each kind; a kind they never chose for has its default. */
record EmailChoices(Map<EmailKind, EmailChoice> byKind) {

    EmailChoices {
        var all = new EnumMap<EmailKind, EmailChoice>(EmailKind.class);
        for (EmailKind kind : EmailKind.values()) {
            all.put(kind, byKind.getOrDefault(kind, kind.byDefault()));
        }
        byKind = Map.copyOf(all);
    }

    static EmailChoices defaults() {
        return new EmailChoices(Map.of());
    }

    EmailChoice of(EmailKind kind) {
        return byKind.get(kind);
    }

    /** For the page: the choice's key per kind's key. */
    String keyOf(String kind) {
        return EmailKind.fromKey(kind).map(k -> of(k).key()).orElse(null);
    }
}
