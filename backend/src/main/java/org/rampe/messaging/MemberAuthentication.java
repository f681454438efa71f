package org.rampe.messaging;

import java.io.Serial;
import java.security.Principal;

import org.rampe.site.Viewer;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The member behind a WebSocket session. It keeps the HTTP session's authentication (authorities,
 * principal) but is <em>named by the member id</em> rather than the e-mail address: STOMP user
 * destinations ({@code /user/queue/...}) are keyed by {@link Principal#getName()}, and every
 * messaging event names its recipients by member id, so pushes map to them directly, on every
 * instance, and no e-mail address travels through the broker.
 */
final class MemberAuthentication extends AbstractAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Viewer member;

    private MemberAuthentication(Authentication from, Viewer member) {
        super(from.getAuthorities());
        this.member = member;
        setDetails(from.getDetails());
        setAuthenticated(true);
    }

    /** The member of an authenticated HTTP request, or null when nobody (or no member) is signed in. */
    static MemberAuthentication of(Principal principal) {
        if (principal instanceof MemberAuthentication already) {
            return already;
        }
        if (principal instanceof Authentication auth && auth.isAuthenticated() && auth.getPrincipal() instanceof Viewer viewer) {
            return new MemberAuthentication(auth, viewer);
        }
        return null;
    }

    String memberId() {
        return member.memberId();
    }

    String handle() {
        return member.handle();
    }

    String displayName() {
        return member.displayName();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return member;
    }

    @Override
    public String getName() {
        return member.memberId();
    }
}
