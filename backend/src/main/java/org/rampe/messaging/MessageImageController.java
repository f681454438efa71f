package org.rampe.messaging;

import java.util.Locale;

import org.rampe.images.JpegResponses;
import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * What chat.js needs for images, which never travel over STOMP (frames are limited to 64 KiB): the
 * composer posted with fetch, answered in JSON (the message itself arrives as any other, by the
 * live push), and the images of messages, served only to who may read the message.
 */
@Controller
class MessageImageController {

    private final Messaging messaging;
    private final MessageImages images;
    private final MessageSource messages;

    MessageImageController(Messaging messaging, MessageImages images, MessageSource messages) {
        this.messaging = messaging;
        this.images = images;
        this.messages = messages;
    }

    /** A refusal of the JSON send, in the member's language; {@code field} is the composer field it is about. */
    record Refused(String conversationId, String clientId, String code, String message, String field) {
    }

    /** The composer's fields, as the page's form posts them; the answer is the acknowledgement or the refusal. */
    @Limited(value = "messages.images", perMember = 120, perAddress = 240, inService = "messaging.SendThrottle")
    @PostMapping(path = "/messages/{id}/send", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> send(@PathVariable String id, @RequestParam(defaultValue = "") String text,
                           @RequestParam(defaultValue = "") String clientId, @RequestParam(required = false) MultipartFile image,
                           @RequestParam(defaultValue = "") String alt, @AuthenticationPrincipal Viewer member,
                           Locale locale) {
        // A malformed id is answered as one that exists nowhere, in JSON like every refusal here.
        String conversation = ConversationId.parse(id).map(ConversationId::value).orElse(null);
        if (conversation == null || !messaging.isParticipant(member.memberId(), conversation)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(refused(id, clientId,
                    new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT), locale));
        }
        if (clientId.isBlank() || clientId.length() > Messaging.MAX_CLIENT_ID) {
            return ResponseEntity.badRequest().body(refused(id, clientId, new MessagingRefusal(ChatController.BAD_REQUEST), locale));
        }
        try {
            Sent sent = images.send(member.memberId(), conversation, clientId, text, image, alt);
            return ResponseEntity.ok(new LivePayloads.Ack(conversation, clientId, sent.message().id(), sent.message().seq(),
                    sent.duplicate()));
        } catch (MessagingRefusal refusal) {
            HttpStatus status = switch (refusal.key()) {
                case MessagingRefusal.NOT_PARTICIPANT -> HttpStatus.NOT_FOUND;
                case MessagingRefusal.RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
                default -> HttpStatus.UNPROCESSABLE_CONTENT;
            };
            return ResponseEntity.status(status).body(refused(conversation, clientId, refusal, locale));
        }
    }

    private Refused refused(String conversation, String clientId, MessagingRefusal refusal, Locale locale) {
        return new Refused(conversation, clientId, refusal.key(),
                messages.getMessage(refusal.key(), refusal.args(), refusal.key(), locale), refusal.field());
    }

    @GetMapping("/messages/images/{id}.jpg")
    ResponseEntity<byte[]> image(@PathVariable MessageImageId id, @AuthenticationPrincipal Viewer viewer) {
        byte[] jpeg = images.image(viewer.memberId(), id.value()).orElseThrow(MessagesController::notFound);
        // Private: who may see it changes (leaving, a block, moderation); never kept by a shared cache.
        return JpegResponses.forThisViewer(jpeg);
    }
}
