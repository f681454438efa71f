package org.rampe.messaging;

import static org.springframework.messaging.simp.SimpMessageType.CONNECT;
import static org.springframework.messaging.simp.SimpMessageType.DISCONNECT;
import static org.springframework.messaging.simp.SimpMessageType.HEARTBEAT;
import static org.springframework.messaging.simp.SimpMessageType.UNSUBSCRIBE;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.socket.EnableWebSocketSecurity;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;

/**
 * Who may send what over STOMP. {@code @EnableWebSocketSecurity} also requires the CSRF token
 * (header {@code X-CSRF-TOKEN}, the value the page gives chat.js) on CONNECT, so another site
 * cannot open a session with a member's cookie even if an origin check were loosened.
 * <p>
 * Allowed, and nothing else: connecting (signed in), subscribing to one's own
 * {@code /user/queue/**} (resolved per session by Spring, so nobody can name another member's
 * queue), and sending to the {@link ChatController}'s destinations, each of which checks that the
 * sender takes part in the conversation ({@code Messaging.isParticipant}, with the identity from
 * the session, never from the payload). Those checks answer on {@code /user/queue/errors} rather
 * than here because a refusal here closes the connection, and a client whose outbox holds a
 * message to a conversation it just left would then reconnect and resend for ever. Sending to a
 * broker destination ({@code /topic}, {@code /queue}) and subscribing to anything else are denied.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSocketSecurity
class StompSecurity {

    @Bean
    AuthorizationManager<Message<?>> messageAuthorizationManager(MessageMatcherDelegatingAuthorizationManager.Builder messages) {
        return messages
                .simpTypeMatchers(CONNECT, HEARTBEAT, UNSUBSCRIBE, DISCONNECT).authenticated()
                .simpSubscribeDestMatchers("/user/queue/**").authenticated()
                .simpMessageDestMatchers(ChatController.DESTINATIONS).authenticated()
                .anyMessage().denyAll()
                .build();
    }
}
