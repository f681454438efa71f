package org.rampe.members;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.ClientAddress;
import org.rampe.site.DisplayPreferences;
import org.rampe.site.Language;
import org.rampe.site.Personalisation;
import org.rampe.site.SafeRedirect;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Around Spring Security's form sign-in: the throttle before the password is checked, the
 * member's language and display settings applied on success, the typed email kept on failure.
 */
@Component
class SignInFlow {

    static final String TYPED_EMAIL = SignInFlow.class.getName() + ".email";
    static final String RETURN_TO = "returnTo";
    public static final String SIGN_IN = "/signin";
    private static final RequestMatcher SIGN_IN_POST = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SIGN_IN);

    private final SignInThrottle throttle;
    private final Members members;
    private final Personalisation personalisation;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    private final Administrators administrators;
    private final SignedInSessions sessions;
    private final CsrfTokens csrfTokens;

    SignInFlow(SignInThrottle throttle, Members members, Personalisation personalisation, Administrators administrators,
               SignedInSessions sessions, CsrfTokens csrfTokens) {
        this.throttle = throttle;
        this.members = members;
        this.personalisation = personalisation;
        this.administrators = administrators;
        this.sessions = sessions;
        this.csrfTokens = csrfTokens;
    }

    public OncePerRequestFilter throttleFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (SIGN_IN_POST.matches(request)) {
                    String email = request.getParameter("email");
                    if (!throttle.signInAllowed(ClientAddress.of(request), email)) {
                        request.getSession().setAttribute(TYPED_EMAIL, email == null ? "" : email);
                        response.sendRedirect(request.getContextPath() + SIGN_IN + "?throttled");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    public SavedRequestAwareAuthenticationSuccessHandler successHandler() {
        var handler = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                                Authentication authentication) throws ServletException, IOException {
                // Every way in ends here (the form; passkeys and sign-in links use this handler too).
                sessions.recordSignIn(request);
                if (authentication.getPrincipal() instanceof MemberAccount account) {
                    members.byId(account.id()).ifPresent(member -> applyChoices(request, response, member));
                }
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        handler.setDefaultTargetUrl("/");
        // No saved request (it would need a session for every visitor sent to sign in); returnTo does that job.
        handler.setRequestCache(new NullRequestCache());
        // "Sign in to follow" on a profile comes back to that profile; only a path on this site.
        handler.setTargetUrlParameter(RETURN_TO);
        handler.setRedirectStrategy((request, response, url) -> response.sendRedirect(
                request.getContextPath() + SafeRedirect.localPath(url.startsWith(request.getContextPath())
                        ? url.substring(request.getContextPath().length()) : url)));
        return handler;
    }

    public AuthenticationFailureHandler failureHandler() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException exception) -> {
            String email = request.getParameter("email");
            throttle.signInFailed(ClientAddress.of(request), email);
            request.getSession().setAttribute(TYPED_EMAIL, email == null ? "" : email);
            String returnTo = request.getParameter(RETURN_TO);
            response.sendRedirect(request.getContextPath() + SIGN_IN + "?error" + (returnTo == null ? ""
                    : "&" + RETURN_TO + "=" + URLEncoder.encode(SafeRedirect.localPath(returnTo), StandardCharsets.UTF_8)));
        };
    }

    /**
     * Signs the member in on this browser (after sign-up, or a password reset), in a new session id
     * (no fixation), and makes their language and display settings this browser's.
     */
    void signIn(Member member, HttpServletRequest request, HttpServletResponse response) {
        newSessionId(request);
        var account = MemberAccount.signedUp(member, administrators);
        var context = holder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities()));
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        // As a form sign-in does (CsrfAuthenticationStrategy): the visitor's token is not the member's.
        csrfTokens.saveToken(null, request, response);
        sessions.recordSignIn(request);
        applyChoices(request, response, member);
    }

    /**
     * What a sign-up whose address already has an account answers with: the same session and
     * cookies as {@link #signIn} gives a new member (a new session id, the chosen language, a new
     * member's display settings), nobody signed in.
     */
    void answerAsForANewMember(Language language, HttpServletRequest request, HttpServletResponse response) {
        newSessionId(request);
        // The visitor's CSRF token goes as it does at a sign-in: the same cookies are set or cleared.
        csrfTokens.saveToken(null, request, response);
        personalisation.remember(request, response, language);
        personalisation.remember(request, response, DisplayPreferences.DEFAULT);
    }

    private static void newSessionId(HttpServletRequest request) {
        request.getSession();
        request.changeSessionId();
    }

    /** The member's own language and display settings become this browser's. */
    private void applyChoices(HttpServletRequest request, HttpServletResponse response, Member member) {
        personalisation.remember(request, response, member.language());
        personalisation.remember(request, response, member.preferences());
    }
}
