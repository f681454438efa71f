package org.rampe.members;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.SafeRedirect;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * After a passkey or a sign-in link, the member is signed in exactly as after the password form:
 * the same principal ({@link MemberAccount}, the {@code Viewer} every page reads), in the same kind
 * of token, a new session id, then {@link SignInFlow}'s success (their language and display
 * settings, the page they came for).
 *
 * <p>Spring Security's WebAuthn filter puts a {@code WebAuthnAuthentication} in the context, whose
 * principal is the WebAuthn user entity (its name is the member's address); its one-time-token login
 * puts a {@code OneTimeTokenAuthentication} around our {@code UserDetails}. Both are replaced here
 * by the member's account, and the context saved again.
 */
@Component
class PasswordFreeSignIn {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SignInFlow signInFlow;
    private final Members members;
    private final Administrators administrators;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    PasswordFreeSignIn(SignInFlow signInFlow, Members members, Administrators administrators) {
        this.signInFlow = signInFlow;
        this.members = members;
        this.administrators = administrators;
    }

    /**
     * Fits Spring's WebAuthn sign-in filter (made inside its configurer) to the site: the session
     * id changes and the CSRF token is renewed as after the password form (the filter alone keeps
     * the session as it was), and success answers the page's script in JSON with where to go.
     */
    ObjectPostProcessor<WebAuthnAuthenticationFilter> passkeySignIn(HttpSecurity http) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                SessionAuthenticationStrategy sessions = http.getSharedObject(SessionAuthenticationStrategy.class);
                filter.setSessionAuthenticationStrategy(sessions != null ? sessions : new ChangeSessionIdAuthenticationStrategy());
                filter.setAuthenticationSuccessHandler(passkeySuccess());
                return filter;
            }
        };
    }

    /** {@code {"authenticated": true, "redirectUrl": "/…"}}, what the passkey script (like Spring's own) expects. */
    private AuthenticationSuccessHandler passkeySuccess() {
        var onward = signInFlow.successHandler();
        onward.setRedirectStrategy((request, response, url) -> {
            String path = url.startsWith(request.getContextPath()) ? url.substring(request.getContextPath().length()) : url;
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getWriter(), Map.of("authenticated", true,
                    "redirectUrl", request.getContextPath() + SafeRedirect.localPath(path)));
        });
        return (request, response, authentication) -> succeed(request, response, authentication, onward);
    }

    AuthenticationSuccessHandler linkSuccess() {
        var onward = signInFlow.successHandler();
        return (request, response, authentication) -> succeed(request, response, authentication, onward);
    }

    /** A link that was used already, expired, or never was: the link page says so and offers a new one. */
    AuthenticationFailureHandler linkFailure() {
        return (request, response, exception) -> response.sendRedirect(request.getContextPath() + "/signin/link?expired");
    }

    private void succeed(HttpServletRequest request, HttpServletResponse response, Authentication result,
                         AuthenticationSuccessHandler onward) throws IOException, ServletException {
        Optional<Member> member = switch (result.getPrincipal()) {
            case MemberAccount account -> members.maySignIn(account.id()) ? members.byId(account.id()) : Optional.<Member>empty();
            case PublicKeyCredentialUserEntity entity -> members.credentials(entity.getName()).map(MemberRepository.Credentials::member);
            default -> Optional.empty();
        };
        if (member.isEmpty()) {
            // The account went away between the check and now: nobody is signed in.
            holder.clearContext();
            contexts.saveContext(holder.createEmptyContext(), request, response);
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        var account = MemberAccount.signedUp(member.get(), administrators);
        var token = UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
        token.setDetails(result.getDetails());
        var context = holder.createEmptyContext();
        context.setAuthentication(token);
        holder.setContext(context);
        contexts.saveContext(context, request, response);
        onward.onAuthenticationSuccess(request, response, token);
    }
}
