package org.rampe.messaging;

/**
 * A member's messaging choices ({@code Member.readReceipts}, {@code Member.presenceVisible}, both
 * true unless switched off; {@code Member.messagesFrom}, {@link MessagesFrom#CONTACTS} unless
 * chosen): whether others see how far they have read, whether others see them online, and who may
 * start a conversation with them.
 */
record MessagingSettings(boolean readReceipts, boolean presenceVisible, MessagesFrom messagesFrom) {

    MessagingSettings(boolean readReceipts, boolean presenceVisible) {
        this(readReceipts, presenceVisible, MessagesFrom.CONTACTS);
    }
}
