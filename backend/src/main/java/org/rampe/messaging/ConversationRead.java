package org.rampe.messaging;

import java.util.List;

/**
 * A participant has read up to {@code seq} (after the commit, only when it moved forward).
 * {@code receiptsVisible} is false when the reader switched read receipts off: then only their own
 * other sessions should use it (to clear unread counts), nobody else is told. Notification emails
 * hear it too: a member who read the conversation may be mailed about it again.
 */
public record ConversationRead(String conversationId, String memberId, String handle, long seq,
        boolean receiptsVisible, List<String> recipientIds) {
}
