package org.rampe.messaging;

import org.rampe.moderation.Suspensions;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The member checks the destination rules ({@link StompSecurity}) cannot make: a frame must come
 * from a session named by a member ({@link MemberAuthentication}), and a suspended member can
 * neither connect nor send (a suspension decided while they are connected stops their next frame,
 * as the HTTP filter stops their next request).
 */
@Component
class MemberGate implements ChannelInterceptor {

    private final Suspensions suspensions;

    MemberGate(Suspensions suspensions) {
        this.suspensions = suspensions;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        SimpMessageType type = SimpMessageHeaderAccessor.getMessageType(message.getHeaders());
        if (type == SimpMessageType.CONNECT || type == SimpMessageType.MESSAGE || type == SimpMessageType.SUBSCRIBE) {
            var member = MemberAuthentication.of(SimpMessageHeaderAccessor.getUser(message.getHeaders()));
            if (member == null) {
                throw new AccessDeniedException("No member behind this WebSocket session");
            }
            if (suspensions.suspended(member.memberId())) {
                throw new StompErrors.SuspendedMember();
            }
        }
        return message;
    }
}
