package org.rampe.messaging;

import java.time.Instant;

/**
 * A message as a participant reads it. {@code html} is safe to insert as is (the text through
 * {@link org.rampe.social.PostText}, as posts are; mentions stay plain text in messages);
 * a deleted message, or one moderators removed, has no text and {@code deleted} true but keeps its
 * place ({@code seq}) in the conversation. {@code clientId} is the id the sender's client gave it
 * (without the sender's id), so that the sender's client can match its acknowledgement.
 * {@code image} is the message's picture, null when it has none or is deleted or hidden from the reader.
 */
public record MessageView(String id, String conversationId, long seq, String clientId, String authorId,
        String authorHandle, String authorName, String html, String text, Instant createdAt, Instant editedAt,
        boolean deleted, MessageImage image) {
}
