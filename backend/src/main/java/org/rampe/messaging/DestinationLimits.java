package org.rampe.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rampe.site.Language;
import org.rampe.site.Limited;
import org.rampe.site.RateLimits;
import org.rampe.site.TooManyRequests;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;

/**
 * Takes the {@link Limited} allowance of the {@code @MessageMapping} a frame is sent to, in the
 * receiving thread, before the frame reaches its handler (the STOMP counterpart of site's
 * {@code RouteLimits}). Counted by member (a WebSocket session always has one; the address is the
 * HTTP side's). A frame over the limit is dropped and the session told on
 * {@code /user/queue/errors}, as the chat script shows any refusal; the socket stays open (an ERROR
 * frame would close it, and the page would reconnect and catch up: more work, not less).
 */
@Component
class DestinationLimits implements ChannelInterceptor {

    static final String TOO_MANY = "limits.live.tooMany";

    /** A destination pattern as the client sends to it ({@code /app/conversations/{id}/read}) and its limit. */
    record Entry(String pattern, Limited limited) {
    }

    private final RateLimits limits;
    private final ObjectProvider<SimpAnnotationMethodMessageHandler> handler;
    private final ObjectProvider<LivePushes> pushes;
    private final MessageSource messages;
    private final AntPathMatcher matcher = new AntPathMatcher();
    private volatile List<Entry> entries;

    DestinationLimits(RateLimits limits, ObjectProvider<SimpAnnotationMethodMessageHandler> handler,
            ObjectProvider<LivePushes> pushes, MessageSource messages) {
        this.limits = limits;
        this.handler = handler;
        this.pushes = pushes;
        this.messages = messages;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        var headers = message.getHeaders();
        if (SimpMessageHeaderAccessor.getMessageType(headers) != SimpMessageType.MESSAGE) {
            return message;
        }
        String destination = SimpMessageHeaderAccessor.getDestination(headers);
        var member = MemberAuthentication.of(SimpMessageHeaderAccessor.getUser(headers));
        if (destination == null || member == null) {
            return message; // MemberGate refuses a frame without a member; the broker, an unknown destination
        }
        for (Entry entry : entries()) {
            if (matcher.match(entry.pattern(), destination)) {
                try {
                    limits.take(entry.limited(), member.memberId(), null);
                } catch (TooManyRequests e) {
                    refuse(member, SimpMessageHeaderAccessor.wrap(message), variables(entry, destination).get("id"), e);
                    return null;
                }
                return message;
            }
        }
        return message;
    }

    /** The application's destinations and their limits, from the handler's own mappings (read once, at the first frame). */
    List<Entry> entries() {
        List<Entry> found = entries;
        if (found == null) {
            var simp = handler.getObject();
            found = new ArrayList<>();
            for (var mapping : simp.getHandlerMethods().entrySet()) {
                Limited limited = mapping.getValue().getMethodAnnotation(Limited.class);
                if (limited == null) {
                    continue;
                }
                for (String pattern : mapping.getKey().getDestinationConditions().getPatterns()) {
                    for (String prefix : simp.getDestinationPrefixes()) {
                        found.add(new Entry(join(prefix, pattern), limited));
                    }
                }
            }
            entries = found = List.copyOf(found);
        }
        return found;
    }

    private Map<String, String> variables(Entry entry, String destination) {
        return matcher.extractUriTemplateVariables(entry.pattern(), destination);
    }

    private void refuse(MemberAuthentication member, SimpMessageHeaderAccessor headers, String conversationId, TooManyRequests e) {
        var attributes = headers.getSessionAttributes();
        Object chosen = attributes == null ? null : attributes.get(LocaleHandshake.ATTRIBUTE);
        Locale locale = chosen instanceof Locale l ? l : Language.DEFAULT.locale();
        long minutes = (e.retryAfter().toSeconds() + 59) / 60;
        String text = messages.getMessage(TOO_MANY, new Object[] {minutes}, TOO_MANY, locale);
        pushes.getObject().toSession(member.getName(), headers.getSessionId(), LivePushes.ERRORS,
                new LivePayloads.Refusal(conversationId, null, TOO_MANY, text));
    }

    private static String join(String prefix, String pattern) {
        return prefix.endsWith("/") && pattern.startsWith("/") ? prefix + pattern.substring(1)
                : !prefix.endsWith("/") && !pattern.startsWith("/") ? prefix + "/" + pattern : prefix + pattern;
    }
}
