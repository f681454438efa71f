package org.rampe.messaging;

import java.util.List;

/** Its author deleted a message (after the commit); it keeps its place {@code seq}, without text. */
record MessageDeleted(String conversationId, String messageId, long seq, List<String> recipientIds) {
}
