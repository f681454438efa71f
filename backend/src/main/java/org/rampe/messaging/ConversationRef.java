package org.rampe.messaging;

/** A conversation just started or found again: its id (its page is /messages/{id}) and kind. */
public record ConversationRef(String id, String kind, boolean created) {
}
