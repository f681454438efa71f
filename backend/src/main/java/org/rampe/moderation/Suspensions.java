package org.rampe.moderation;

import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.rampe.members.SignedInGate;
import org.rampe.site.Viewer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Site-wide suspensions ({@code :Member.suspendedUntil}, far future = for good). A suspended member
 * can use nothing but the page of their suspension: every other request (after signing in, or the
 * next one for a member already signed in) is sent there, where the rule, the reason and the one
 * appeal are; with no such decision, they are signed out and the sign-in page says why.
 *
 * <p>The graph is the one truth, read at every check (one lookup through the {@code :Member(id)}
 * constraint's index): a suspension decided on one instance, or lifted by an appeal, holds on every
 * instance from the next request or STOMP frame. (They were once kept in each instance's memory,
 * loaded at start: another instance went on serving a suspended member until it restarted.)
 */
@Component
public class Suspensions implements SignedInGate {

    /** Where a suspended member is sent: the sign-in page shows the reason for this flag. */
    private static final String SIGN_IN_SUSPENDED = "/signin?suspended";

    private final SuspensionRepository repository;

    Suspensions(SuspensionRepository repository) {
        this.repository = repository;
    }

    /** Whether the member is suspended now, as the graph says at this moment. */
    public boolean suspended(String memberId) {
        return memberId != null && repository.suspendedNow(memberId);
    }

    /**
     * What a suspended member may still reach: the decisions about them (to read the suspension,
     * its rule and reason, and appeal it once), signing out, the display and language settings, and
     * the files every page needs.
     */
    static boolean allowedWhileSuspended(String path) {
        return path.startsWith("/decisions/") || path.equals("/signout") || path.equals("/language")
                || path.equals("/preferences") || path.equals("/preferences/text-size") || path.startsWith("/css/") || path.startsWith("/js/")
                || path.startsWith("/images/") || path.startsWith("/webjars/") || path.equals("/favicon.ico")
                || path.equals("/error");
    }

    /**
     * Keeps a suspended member to the page of their suspension, where they read why and may appeal
     * once (a member suspended for good could otherwise never appeal); without such a decision,
     * signs them out.
     */
    @Override
    public boolean admit(Viewer viewer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!suspended(viewer.memberId())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (allowedWhileSuspended(path)) {
            return true;
        }
        String decision = repository.decisionOf(viewer.memberId()).orElse(null);
        if (decision != null) {
            response.sendRedirect(request.getContextPath() + "/decisions/" + decision);
            return false;
        }
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + SIGN_IN_SUSPENDED);
        return false;
    }
}
