package org.rampe.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

/**
 * Where the CSRF token is kept: in the session when there is one (a member's: ending the session
 * ends its token), otherwise in a cookie ({@value #COOKIE}, HttpOnly, SameSite=Lax), so that a
 * visitor who only reads gets no server session at all (a page with a form needs a token; with the
 * token in the session, every page view of every visitor and crawler made a session). The token
 * sent by forms and by live messaging's STOMP CONNECT (header {@value #HEADER}) is masked as
 * before; the check is Spring Security's.
 */
@Component
class CsrfTokens implements CsrfTokenRepository {

    static final String COOKIE = "RAMPE_CSRF";
    static final String HEADER = "X-CSRF-TOKEN";

    private final HttpSessionCsrfTokenRepository sessions = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookies = new CookieCsrfTokenRepository();

    CsrfTokens() {
        sessions.setHeaderName(HEADER);
        cookies.setHeaderName(HEADER);
        cookies.setCookieName(COOKIE);
        cookies.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax").path("/"));
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return sessions.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (token == null) {
            sessions.saveToken(null, request, response);
            if (WebUtils.getCookie(request, COOKIE) != null) {
                cookies.saveToken(null, request, response);
            }
        } else if (request.getSession(false) != null) {
            sessions.saveToken(token, request, response);
        } else {
            cookies.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        CsrfToken token = request.getSession(false) == null ? null : sessions.loadToken(request);
        return token != null ? token : cookies.loadToken(request);
    }
}
