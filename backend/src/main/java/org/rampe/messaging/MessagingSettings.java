package org.rampe.messaging;

/**
 * A member's messaging choices ({@code Member.readReceipts}, {@code Member.presenceVisible}, both
 * true unless switched off): whether others see how far they have read, and whether others see them
 * online.
 */
record MessagingSettings(boolean readReceipts, boolean presenceVisible) {
}
