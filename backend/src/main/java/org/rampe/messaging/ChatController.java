package org.rampe.messaging;

import java.security.Principal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rampe.messaging.LivePayloads.Ack;
import org.rampe.messaging.LivePayloads.Batch;
import org.rampe.messaging.LivePayloads.CatchUpRequest;
import org.rampe.messaging.LivePayloads.LiveMessage;
import org.rampe.messaging.LivePayloads.ReadRequest;
import org.rampe.messaging.LivePayloads.Refusal;
import org.rampe.messaging.LivePayloads.SendRequest;
import org.rampe.messaging.LivePayloads.Typing;
import org.rampe.site.Language;
import org.rampe.site.Limited;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.messaging.handler.annotation.DestinationVariable;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/**
 * The live side of a conversation (the pages are {@link MessagesController}). The sender is always the
 * WebSocket session's member; each destination checks that they take part in the conversation and
 * answers a refusal on the session's {@code /user/queue/errors}, in the member's language. A
 * destination whose id is not a {@link ConversationId} reaches no query: a send is refused as a bad
 * request, a catch-up or a read mark as a conversation the member is not in, and typing and presence
 * are ignored.
 * <p>
 * Delivery: {@code send} stores through {@link Messaging#send} (idempotent on the client's id) and
 * only then acknowledges on {@code /user/queue/acks}; the message itself reaches every participant
 * through the {@link MessageSent} event ({@link LivePushes}), whichever way it was sent.
 */
@Controller
@ConditionalOnWebApplication
class ChatController {

    /** The only destinations a client may send to (see {@link StompSecurity}). */
    static final String[] DESTINATIONS = {
        "/app/conversations/*/send", "/app/conversations/*/catch-up", "/app/conversations/*/read",
        "/app/conversations/*/typing", "/app/conversations/*/presence"};
    static final int CATCH_UP_PAGE = 200;
    static final String BAD_REQUEST = "messaging.live.badRequest";
    /**
     * A client id: what crypto.randomUUID() makes, or any short token of letters, digits and dashes
     * (not a typed id: the client chooses it, and only the sender's own messages are looked up by it).
     */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Messaging messaging;
    private final LivePushes pushes;
    private final Presence presence;
    private final MessageSource messages;
    /** Typing notices: one per member and conversation every few seconds at most (not stored). */
    private final Cache<String, Boolean> typingSent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(3)).maximumSize(100_000).build();

    ChatController(Messaging messaging, LivePushes pushes, Presence presence, MessageSource messages) {
        this.messaging = messaging;
        this.pushes = pushes;
        this.presence = presence;
        this.messages = messages;
    }

    @Limited(value = "messages", inService = "messaging.SendThrottle")
    @MessageMapping("/conversations/{id}/send")
    void send(@DestinationVariable String id, @Payload SendRequest request, Principal principal, SimpMessageHeaderAccessor headers) {
        var member = MemberAuthentication.of(principal);
        String clientId = request == null ? null : request.clientId();
        var conversation = ConversationId.parse(id).map(ConversationId::value).orElse(null);
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches() || conversation == null) {
            refuse(member, headers, id, clientId, new MessagingRefusal(BAD_REQUEST));
            return;
        }
        try {
            // Messaging.send checks participation in the same statement that stores the message.
            Sent sent = messaging.send(member.memberId(), conversation, clientId, request.text());
            pushes.toSession(member.getName(), headers.getSessionId(), LivePushes.ACKS,
                    new Ack(conversation, clientId, sent.message().id(), sent.message().seq(), sent.duplicate()));
        } catch (MessagingRefusal refusal) {
            refuse(member, headers, conversation, clientId, refusal);
        }
    }

    /** The messages after {@code afterSeq}, to this session only, in pages the client asks for in turn. */
    @Limited(value = "chat.catch-up", perMember = 1200)
    @MessageMapping("/conversations/{id}/catch-up")
    void catchUp(@DestinationVariable String id, @Payload CatchUpRequest request, Principal principal, SimpMessageHeaderAccessor headers) {
        var member = MemberAuthentication.of(principal);
        var conversation = participantOnly(member, id, headers);
        if (conversation == null) {
            return;
        }
        long after = request == null ? 0 : Math.max(0, request.afterSeq());
        var missed = messaging.after(member.memberId(), conversation, after, CATCH_UP_PAGE);
        var batch = new Batch("batch", conversation, missed.stream().map(m -> LiveMessage.of("message", m)).toList(),
                missed.size() == CATCH_UP_PAGE);
        pushes.toSession(member.getName(), headers.getSessionId(), LivePushes.MESSAGES, batch);
    }

    @Limited(value = "chat.read-marks", perMember = 3600)
    @MessageMapping("/conversations/{id}/read")
    void read(@DestinationVariable String id, @Payload ReadRequest request, Principal principal, SimpMessageHeaderAccessor headers) {
        var member = MemberAuthentication.of(principal);
        var conversation = participantOnly(member, id, headers);
        if (conversation != null && request != null && request.seq() > 0) {
            messaging.markRead(member.memberId(), conversation, request.seq());
        }
    }

    /**
     * The conversation of the destination when the member takes part in it; otherwise null, and the
     * session is told it is not a participant (a malformed id included: it names no conversation).
     */
    private String participantOnly(MemberAuthentication member, String id, SimpMessageHeaderAccessor headers) {
        var conversation = ConversationId.parse(id).map(ConversationId::value).orElse(null);
        if (conversation == null || !messaging.isParticipant(member.memberId(), conversation)) {
            refuse(member, headers, conversation == null ? id : conversation, null,
                    new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT));
            return null;
        }
        return conversation;
    }

    @Limited(value = "chat.typing", perMember = 3600)
    @MessageMapping("/conversations/{id}/typing")
    void typing(@DestinationVariable String id, Principal principal, SimpMessageHeaderAccessor headers) {
        var member = MemberAuthentication.of(principal);
        var parsed = ConversationId.parse(id);
        if (parsed.isEmpty()) {
            return;
        }
        String conversation = parsed.get().value();
        String key = member.memberId() + ":" + conversation;
        if (typingSent.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        if (!messaging.isParticipant(member.memberId(), conversation)) {
            refuse(member, headers, conversation, null, new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT));
            return;
        }
        var notice = new Typing(conversation, member.memberId(), member.handle(), member.displayName());
        // Never to a member in a block either way with the typist, whatever the kind of conversation.
        messaging.typingRecipients(member.memberId(), conversation)
                .forEach(p -> pushes.toUser(p, LivePushes.TYPING, notice));
    }

    /** Who of the conversation is online or away, to this session (the page asks when it opens and now and then). */
    @Limited(value = "chat.presence", perMember = 600)
    @MessageMapping("/conversations/{id}/presence")
    void presence(@DestinationVariable String id, Principal principal, SimpMessageHeaderAccessor headers) {
        var member = MemberAuthentication.of(principal);
        var parsed = ConversationId.parse(id);
        if (parsed.isEmpty()) {
            return;
        }
        String conversation = parsed.get().value();
        messaging.open(member.memberId(), conversation).ifPresentOrElse(
                view -> pushes.toSession(member.getName(), headers.getSessionId(), LivePushes.PRESENCE,
                        presence.of(conversation, member.memberId(), view.participants())),
                () -> refuse(member, headers, conversation, null, new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT)));
    }

    private void refuse(MemberAuthentication member, SimpMessageHeaderAccessor headers, String conversationId,
            String clientId, MessagingRefusal refusal) {
        String text = messages.getMessage(refusal.key(), refusal.args(), refusal.key(), locale(headers));
        pushes.toSession(member.getName(), headers.getSessionId(), LivePushes.ERRORS,
                new Refusal(conversationId, clientId, refusal.key(), text));
    }

    private static Locale locale(SimpMessageHeaderAccessor headers) {
        var attributes = headers.getSessionAttributes();
        Object locale = attributes == null ? null : attributes.get(LocaleHandshake.ATTRIBUTE);
        return locale instanceof Locale l ? l : Language.DEFAULT.locale();
    }
}
