package org.rampe.messaging;

import java.util.Map;

import org.rampe.site.Personalisation;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Keeps the member's language (chosen as for pages: cookie, then the browser's) with the WebSocket
 * session, so refusals sent over it are worded in that language.
 */
final class LocaleHandshake implements HandshakeInterceptor {

    static final String ATTRIBUTE = "rampe.locale";

    private final Personalisation personalisation;

    LocaleHandshake(Personalisation personalisation) {
        this.personalisation = personalisation;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request instanceof ServletServerHttpRequest servlet) {
            attributes.put(ATTRIBUTE, personalisation.language(servlet.getServletRequest()).locale());
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // nothing to do
    }
}
