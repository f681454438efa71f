package org.rampe.members;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.rampe.site.Viewer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The absolute timeout of a member's session (the idle one is the store's): once a session is older
 * than {@code rampe.sessions.absolute-timeout}, the next request ends it and goes to the sign-in
 * page, which says why. A signed-in session with nothing recorded (a way in that forgot to call
 * {@link SignedInSessions#recordSignIn}) is recorded now, so that no session escapes the list or
 * the bound.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SessionAge implements SignedInGate {

    static final String EXPIRED = SignInFlow.SIGN_IN + "?expired";

    private final SignedInSessions sessions;

    SessionAge(SignedInSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean admit(Viewer viewer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return true;
        }
        if (session.getAttribute(SignedInSessions.SIGNED_IN_AT) == null) {
            sessions.recordSignIn(request);
            return true;
        }
        if (!sessions.tooOld(session, Instant.now())) {
            return true;
        }
        SecurityContextHolder.clearContext();
        session.invalidate();
        response.sendRedirect(request.getContextPath() + EXPIRED);
        return false;
    }
}
