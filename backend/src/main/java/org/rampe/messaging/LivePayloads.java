package org.rampe.messaging;

import java.time.Instant;
import java.util.List;

/**
 * What travels over STOMP, as JSON. Every message on {@code /user/queue/messages} has a
 * {@code type}: {@code message} (new), {@code edited}, {@code deleted}, or {@code batch} (the answer
 * to a catch-up). The {@code html} of a message is safe as it is (rendered by the server as posts
 * are); {@code text} is plain text, for announcing, never to be inserted as markup. A message's
 * {@code image} (id, alt, width, height; null when none) is fetched from
 * {@code /messages/images/{id}.jpg}: images never travel over STOMP (frames are limited to 64 KiB).
 */
final class LivePayloads {

    private LivePayloads() {
    }

    /** The client's message: its own id (a UUID it keeps until acknowledged) and the text. */
    record SendRequest(String clientId, String text) {
    }

    record CatchUpRequest(long afterSeq) {
    }

    record ReadRequest(long seq) {
    }

    /** Stored: {@code duplicate} when this client id had already been stored (a resend). */
    record Ack(String conversationId, String clientId, String id, long seq, boolean duplicate) {
    }

    /** A refusal, in the member's language; {@code clientId} when it answers a send. */
    record Refusal(String conversationId, String clientId, String code, String message) {
    }

    record LiveMessage(String type, String conversationId, String id, long seq, String clientId, String authorId,
            String authorHandle, String authorName, String html, String text, Instant createdAt, Instant editedAt,
            boolean deleted, MessageImage image) {

        static LiveMessage of(String type, MessageView m) {
            return new LiveMessage(type, m.conversationId(), m.id(), m.seq(), m.clientId(), m.authorId(), m.authorHandle(),
                    m.authorName(), m.html(), m.text(), m.createdAt(), m.editedAt(), m.deleted(), m.image());
        }

        static LiveMessage deleted(MessageDeleted e) {
            return new LiveMessage("deleted", e.conversationId(), e.messageId(), e.seq(), null, null, null, null, "", "",
                    null, null, true, null);
        }
    }

    /** Messages after {@code afterSeq}, oldest first; {@code more} when the client should ask again from the last. */
    record Batch(String type, String conversationId, List<LiveMessage> messages, boolean more) {
    }

    /**
     * How far a participant has read (only for members who show read receipts), and the line the
     * page shows under the newest message, in the recipient's language ("Vu par Ana, Léo"; empty
     * when nobody else has read it).
     */
    record Receipt(String conversationId, String memberId, String handle, long seq, long newestSeq, String seenBy) {
    }

    record Typing(String conversationId, String memberId, String handle, String name) {
    }

    /** Who of a conversation is here: state {@code online} or {@code away}; absent means offline or hidden. */
    record PresenceList(String conversationId, List<PresenceEntry> members) {
    }

    record PresenceEntry(String memberId, String handle, String name, String state) {
    }

    /** The header's counts, and their words as the layout writes them, in the member's language (empty for 0). */
    record Counts(long notifications, long messages, String notificationsText, String messagesText) {
    }
}
