package org.rampe.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.Viewer;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** The session of the member who is asking, for the features that change what it remembers. */
@Component
public class SignedIn {

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    /** The header says "signed in as" with the new name from the next page on (after a profile edit). */
    public void renamed(Viewer viewer, String displayName, HttpServletRequest request, HttpServletResponse response) {
        if (!(viewer instanceof MemberAccount account) || displayName.equals(account.displayName())) {
            return;
        }
        remember(account.withDisplayName(displayName), request, response);
    }

    /** The session's account goes by its new address (Spring Security's user name) from the next page on. */
    void emailChanged(MemberAccount account, String email, HttpServletRequest request, HttpServletResponse response) {
        remember(account.withEmail(email), request, response);
    }

    private void remember(MemberAccount updated, HttpServletRequest request, HttpServletResponse response) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(updated, null, updated.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
