package org.rampe.messaging;

import java.util.Optional;

import org.rampe.site.MalformedId;

/**
 * A conversation's application id (a UUID), as pages ({@code /messages/{id}}) and STOMP
 * destinations ({@code /app/conversations/{id}/...}) carry it. Built from a path it answers 404
 * for anything that is not a UUID ({@link MalformedId}); the constructor is public for Spring's
 * conversion service, which binds path variables through it.
 */
record ConversationId(String value) {

    public ConversationId {
        value = MalformedId.canonicalUuid(value, "conversation");
    }

    /** The id, or empty when {@code raw} is not one: where a refusal is answered rather than a 404 page. */
    static Optional<ConversationId> parse(String raw) {
        try {
            return Optional.of(new ConversationId(raw));
        } catch (MalformedId e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
