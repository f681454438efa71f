package org.rampe.members.passkeys;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.ClientAddress;
import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.rampe.site.TooManyRequests;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the passkey ceremonies per address, where each one starts: asking Spring Security for the
 * options (the challenge) of a sign-in or of a registration. Those answers come from Spring's
 * filters, before any controller, so the refusal is written here: 429 with {@code Retry-After}; the
 * page's script says it in words. Generous, since many people may share one address (a care home,
 * an association's office).
 */
public final class PasskeyCeremonyLimits extends OncePerRequestFilter {

    static final RateLimit SIGN_IN = new RateLimit("passkey-sign-in-options", 30, Duration.ofMinutes(15));
    static final RateLimit REGISTRATION = new RateLimit("passkey-registration-options", 20, Duration.ofHours(1));

    private static final RequestMatcher SIGN_IN_OPTIONS = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/webauthn/authenticate/options");
    private static final RequestMatcher REGISTRATION_RESULT = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/webauthn/register");
    private static final RequestMatcher REGISTRATION_OPTIONS = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/webauthn/register/options");

    private final RateLimits limits;

    public PasskeyCeremonyLimits(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimit limit = SIGN_IN_OPTIONS.matches(request) ? SIGN_IN
                : REGISTRATION_OPTIONS.matches(request) ? REGISTRATION : null;
        if (limit != null) {
            try {
                limits.take(limit, "address:" + ClientAddress.of(request));
            } catch (TooManyRequests e) {
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("Too many passkey attempts from this address: retry after "
                        + e.retryAfter().toSeconds() + " seconds.");
                return;
            }
        }
        if (!REGISTRATION_RESULT.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (IllegalArgumentException malformed) {
            // Spring Security's registration filter asserts what it reads from the JSON (a missing
            // publicKey, for one) and lets the assertion escape as a 500: it is the client's mistake (issue 17).
            if (response.isCommitted()) {
                throw malformed;
            }
            response.sendError(HttpStatus.BAD_REQUEST.value());
        }
    }
}
