package org.rampe.members;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.rampe.members.sessions.SessionSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * {@link MemberSessions} over Spring Session's store (the graph or Redis), through its index by
 * member id. What the list shows is written into the session when a member signs in, whatever the
 * way in ({@link #recordSignIn}): when, and the browser's own description of itself.
 */
@Component
class SignedInSessions implements MemberSessions {

    /** Session attributes written at sign-in. */
    static final String SIGNED_IN_AT = "org.rampe.members.signedInAt";
    static final String USER_AGENT = "org.rampe.members.userAgent";
    private static final int USER_AGENT_MAX = 400;

    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> store;
    private final SessionSettings settings;

    SignedInSessions(ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> store, SessionSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Called on every way in (the sign-in form, sign-up's own sign-in, and every other way through
     * the same success handler): the time and device the list shows, and a member's idle timeout
     * instead of a visitor's.
     */
    void recordSignIn(HttpServletRequest request) {
        HttpSession session = request.getSession();
        session.setAttribute(SIGNED_IN_AT, Instant.now());
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        session.setAttribute(USER_AGENT, agent == null ? "" : agent.length() > USER_AGENT_MAX ? agent.substring(0, USER_AGENT_MAX) : agent);
        session.setMaxInactiveInterval((int) settings.idleTimeout().toSeconds());
    }

    /** Whether the session began longer ago than the absolute timeout allows (false when nothing was recorded). */
    boolean tooOld(HttpSession session, Instant now) {
        return session.getAttribute(SIGNED_IN_AT) instanceof Instant at && at.plus(settings.absoluteTimeout()).isBefore(now);
    }

    Duration absoluteTimeout() {
        return settings.absoluteTimeout();
    }

    @Override
    public List<ActiveSession> of(MemberId member, String currentSessionId) {
        Instant now = Instant.now();
        return sessionsOf(member).values().stream()
                .filter(s -> !tooOld(s, now))
                .map(s -> new ActiveSession(handle(s.getId()), s.getAttribute(USER_AGENT) instanceof String agent ? agent : "",
                        s.getAttribute(SIGNED_IN_AT) instanceof Instant at ? at : s.getCreationTime(),
                        s.getLastAccessedTime(), s.getId().equals(currentSessionId)))
                .sorted(Comparator.comparing(ActiveSession::current).reversed()
                        .thenComparing(Comparator.comparing(ActiveSession::lastSeenAt).reversed()))
                .toList();
    }

    @Override
    public void end(MemberId member, String sessionHandle) {
        var repository = store.getIfAvailable();
        if (repository == null || sessionHandle == null) {
            return;
        }
        sessionsOf(member).keySet().stream()
                .filter(id -> MessageDigest.isEqual(handle(id).getBytes(StandardCharsets.US_ASCII),
                        sessionHandle.getBytes(StandardCharsets.US_ASCII)))
                .forEach(repository::deleteById);
    }

    @Override
    public void endAllExcept(MemberId member, String keepSessionId) {
        var repository = store.getIfAvailable();
        if (repository == null) {
            return;
        }
        sessionsOf(member).keySet().stream().filter(id -> !id.equals(keepSessionId)).forEach(repository::deleteById);
    }

    private Map<String, ? extends Session> sessionsOf(MemberId member) {
        var repository = store.getIfAvailable();
        return repository == null ? Map.of() : repository.findByPrincipalName(member.value());
    }

    private boolean tooOld(Session session, Instant now) {
        return session.getAttribute(SIGNED_IN_AT) instanceof Instant at && at.plus(settings.absoluteTimeout()).isBefore(now);
    }

    /** The public handle of a session: its id's SHA-256, so that a page can name a session without showing its secret. */
    static String handle(String sessionId) {
        return Secrets.sha256Url(sessionId).substring(0, 22);
    }
}
