package org.rampe.messaging;

/** What {@link Messaging#send} stored: the message, and whether it had been stored before (a resend). */
public record Sent(MessageView message, boolean duplicate) {
}
