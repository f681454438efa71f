package org.rampe.members.sessions;

import java.util.Map;

import org.rampe.site.Viewer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.Session;

/**
 * Indexes a session by the member id of its signed-in {@link Viewer}, as Spring Session's principal
 * name index: the id never changes, where the email (Spring Security's user name) can.
 */
final class MemberIndex implements IndexResolver<Session> {

    @Override
    public Map<String, String> resolveIndexesFor(Session session) {
        String member = memberId(session);
        return member == null ? Map.of() : Map.of(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, member);
    }

    /** The member signed in to this session, or null. */
    static String memberId(Session session) {
        Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        if (context instanceof SecurityContext c && c.getAuthentication() != null
                && c.getAuthentication().getPrincipal() instanceof Viewer viewer) {
            return viewer.memberId();
        }
        return null;
    }
}
