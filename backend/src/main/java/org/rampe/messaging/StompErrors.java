package org.rampe.messaging;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * The ERROR frame of a refused frame (after which Spring closes the socket) says in one word why,
 * for chat.js to decide what to do, and nothing more: {@code csrf} (the page's token is stale:
 * reload), {@code suspended}, {@code forbidden} (not signed in, or a destination that is not
 * allowed: do not retry blindly), {@code error} otherwise. No exception text reaches the client.
 */
final class StompErrors extends StompSubProtocolErrorHandler {

    static final String CSRF = "csrf";
    static final String SUSPENDED = "suspended";
    static final String FORBIDDEN = "forbidden";
    static final String ERROR = "error";

    /** A suspended member's frame (see {@link MemberGate}). */
    static final class SuspendedMember extends AccessDeniedException {
        SuspendedMember() {
            super("Suspended member");
        }
    }

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        var accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setMessage(reason(ex));
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }

    static String reason(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof CsrfException) {
                return CSRF;
            }
            if (t instanceof SuspendedMember) {
                return SUSPENDED;
            }
            if (t instanceof AccessDeniedException) {
                return FORBIDDEN;
            }
        }
        return ERROR;
    }
}
