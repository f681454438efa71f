package org.rampe.moderation;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.neo4j.driver.Driver;
import org.rampe.graph.Transactions;
import org.rampe.site.Viewer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Site-wide suspensions ({@code :Member.suspendedUntil}, far future = for good). A suspended member
 * cannot use a session: the first request after signing in (or after the suspension, for a member
 * already signed in) signs them out and sends them to the sign-in page, which says why. The
 * suspended members are kept in memory (loaded at start, changed with each decision), so that
 * every request is checked without a database read.
 */
@Component
public class Suspensions {

    /** Where a suspended member is sent: the sign-in page shows the reason for this flag. */
    public static final String SIGN_IN_SUSPENDED = "/signin?suspended";

    private final Map<String, Instant> until = new ConcurrentHashMap<>();

    Suspensions(Driver driver) {
        Transactions.read(driver, tx -> tx.run("""
                MATCH (m:Member) WHERE m.suspendedUntil > datetime()
                RETURN m.id AS id, m.suspendedUntil AS until""").list()).forEach(r ->
                until.put(r.get("id").asString(), r.get("until").asZonedDateTime().toInstant()));
    }

    public boolean suspended(String memberId) {
        Instant end = memberId == null ? null : until.get(memberId);
        return end != null && end.isAfter(Instant.now());
    }

    void suspend(String memberId, Instant end) {
        until.put(memberId, end);
    }

    void lift(String memberId) {
        until.remove(memberId);
    }

    /** Signs a suspended member out at their next request. */
    public OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null && auth.getPrincipal() instanceof Viewer viewer && suspended(viewer.memberId())) {
                    SecurityContextHolder.clearContext();
                    HttpSession session = request.getSession(false);
                    if (session != null) {
                        session.invalidate();
                    }
                    response.sendRedirect(request.getContextPath() + SIGN_IN_SUSPENDED);
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
