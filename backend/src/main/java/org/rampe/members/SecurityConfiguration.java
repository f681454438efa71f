package org.rampe.members;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rampe.members.passkeys.CreationOptionsInSession;
import org.rampe.members.passkeys.PasskeyCeremonyLimits;
import org.rampe.members.passkeys.RelyingParty;
import org.rampe.site.Capacities;
import org.rampe.site.MapSettings;
import org.rampe.site.RateLimits;
import org.rampe.site.Viewer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may do what, and the headers every response carries. Pages are public unless they belong
 * to a member; every state change needs the CSRF token (Spring Security's default, kept).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** No inline script or style anywhere: templates link to files under /css and /js; images may come from the tile server. */
    static String contentSecurityPolicy(String tilesOrigin) {
        return String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            ("img-src 'self' data: " + tilesOrigin).strip(),
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    @Bean
    @ConditionalOnWebApplication // HttpSecurity exists only in a web application; `rampe import` has none
    SecurityFilterChain web(HttpSecurity http, SignInFlow signInFlow, MapSettings map, List<SignedInGate> gates,
                            CsrfTokens csrfTokens, PasswordFreeSignIn passwordFree, RelyingParty relyingParty,
                            OneTimeTokenService signInLinks, RateLimits rateLimits,
                            org.springframework.context.ApplicationContext context) throws Exception {
        http
                .authorizeHttpRequests(requests -> requests
                        // Moderation (issue 5): a group's queue, decisions and log are checked inside (its
                        // moderators); a group's public audit summary is open; the rest is for administrators.
                        .requestMatchers(HttpMethod.GET, "/moderation/groups/*/audit").permitAll()
                        .requestMatchers("/moderation/groups/**", "/moderation/cases/**").authenticated()
                        .requestMatchers("/moderation/**").hasRole("ADMIN")
                        // Site administration (issue 18: /admin/imports).
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers("/places/new", "/feed", "/notifications", "/notifications/**").authenticated()
                        .requestMatchers(HttpMethod.GET, "/places", "/places/*", "/places/*/history", "/api/places").permitAll()
                        // The place search form posts its needs (kept in the session, never in the address).
                        .requestMatchers(HttpMethod.POST, "/places").permitAll()
                        .requestMatchers("/", "/signin", "/signin/link", "/signin/link/use", "/signup", "/language", "/preferences", "/preferences/text-size", "/accessibility", "/privacy",
                                "/css/**", "/js/**", "/images/**", "/webjars/**", "/favicon.ico", "/error",
                                "/actuator/health", "/actuator/health/**", "/api/places/export.geojson").permitAll()
                        // The account's links from mails work signed in or not; a forgotten password is asked signed out.
                        .requestMatchers("/password/forgotten", "/password/forgotten/sent", "/password/reset",
                                "/email/verify", "/email/confirm", "/account/delete/confirm").permitAll()
                        // Photos of places are public like the places; uploading them is not.
                        .requestMatchers(HttpMethod.GET, "/places/*/photos/*.jpg").permitAll()
                        // Profiles, avatars, their public lists and member search are public; following,
                        // blocking, muting and everything under /account are not (the default below).
                        .requestMatchers(HttpMethod.GET, "/members", "/members/*", "/members/*/avatar.jpg",
                                "/members/*/followers", "/members/*/following").permitAll()
                        // Posts, timelines and post images: open routes, the reading rule is applied inside.
                        .requestMatchers("/posts/new").authenticated()
                        .requestMatchers(HttpMethod.GET, "/posts/*", "/members/*/posts", "/images/*.jpg").permitAll()
                        // Association pages and logos are public; creating one, and everything a
                        // representative does, is not (the default below; representatives checked inside).
                        .requestMatchers("/associations/new").authenticated()
                        .requestMatchers(HttpMethod.GET, "/associations", "/associations/*", "/associations/*/logo.jpg").permitAll()
                        // Groups: the listing, group pages and member lists are open (hidden groups answer 404
                        // inside); creating, joining and every other action are not.
                        .requestMatchers("/groups/new").authenticated()
                        .requestMatchers(HttpMethod.GET, "/groups", "/groups/*", "/groups/*/members").permitAll()
                        // One-click unsubscribe from a notification mail (RFC 8058): the link's token is checked inside.
                        .requestMatchers("/emails/unsubscribe/**").permitAll()
                        // issue 17: an address no route answers is the 404 page for everyone, visitors included
                        .requestMatchers(new UnknownRoutes(context)).permitAll()
                        .anyRequest().authenticated())
                // A POST under /admin may carry a file of gigabytes (places.ImportUploads): anyone but an
                // administrator is refused before the CSRF check reads, and so spools, its body.
                .addFilterBefore(new AdministratorsOnlyPosts(), CsrfFilter.class)
                // A mail program posts the one-click unsubscribe without any page, so without a CSRF token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/emails/unsubscribe/**"))
                .formLogin(form -> form
                        .loginPage(SignInFlow.SIGN_IN)
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(signInFlow.successHandler())
                        .failureHandler(signInFlow.failureHandler())
                        .permitAll())
                // Passkeys (members.passkeys): Spring's WebAuthn ceremonies (/webauthn/register/options and
                // /webauthn/register for a member, /webauthn/authenticate/options and /login/webauthn for
                // anyone), bound to the site's public address; the pages and their script are ours.
                .webAuthn(webAuthn -> webAuthn
                        .rpName(RelyingParty.NAME)
                        .rpId(relyingParty.id())
                        .allowedOrigins(relyingParty.origins())
                        .disableDefaultRegistrationPage(true)
                        // Kept in the session in a form the graph's or Redis's session store can write.
                        .creationOptionsRepository(new CreationOptionsInSession())
                        .withObjectPostProcessor(passwordFree.passkeySignIn(http)))
                // Sign-in links (members.signinlinks): the link's page posts its token to /signin/link/use.
                // Links are asked for on /signin/link, whose controller checks, limits and mails them, and
                // answers the same for any address: Spring's own generation endpoint makes nothing.
                .oneTimeTokenLogin(links -> links
                        .tokenService(signInLinks)
                        .loginPage(SignInFlow.SIGN_IN)
                        .loginProcessingUrl("/signin/link/use")
                        .showDefaultSubmitPage(false)
                        // A POST without a token fails like a wrong one (Spring's converter would answer nothing).
                        .authenticationConverter(request -> new OneTimeTokenAuthenticationToken(
                                Objects.requireNonNullElse(request.getParameter("token"), "")))
                        .generateRequestResolver(request -> null)
                        .tokenGenerationSuccessHandler((request, response, token) -> response.sendError(HttpServletResponse.SC_NOT_FOUND))
                        .successHandler(passwordFree.linkSuccess())
                        .failureHandler(passwordFree.linkFailure()))
                .logout(logout -> logout
                        .logoutUrl("/signout")
                        .logoutSuccessUrl("/?signedOut")
                        .deleteCookies("RAMPE_SESSION"))
                .addFilterBefore(signInFlow.throttleFilter(), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new PasskeyCeremonyLimits(rateLimits), UsernamePasswordAuthenticationFilter.class)
                // What restricts a signed-in member (moderation's suspensions), once they are known.
                .addFilterAfter(gateFilter(gates), AnonymousAuthenticationFilter.class)
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                // Reading creates no session (issue 15): the CSRF token of a visitor lives in a cookie
                // (CsrfTokens), and nobody's request is saved in a session on the way to sign in
                // (returnTo brings them back instead).
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(map.tilesOrigin())))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .frameOptions(frames -> frames.deny()));
        return http.build();
    }

    /** Asks every gate, in order, about each request of a signed-in member. */
    static OncePerRequestFilter gateFilter(List<SignedInGate> gates) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                var auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null && auth.getPrincipal() instanceof Viewer viewer) {
                    for (SignedInGate gate : gates) {
                        if (!gate.admit(viewer, request, response)) {
                            return;
                        }
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    /**
     * Argon2id for new hashes; the {id} prefix lets a later change of algorithm upgrade hashes one
     * sign-in at a time. bcrypt is kept for reading only (it ignores bytes past 72). Argon2 runs
     * within the instance's capacity for hashes (16 MiB each; see BoundedPasswordEncoder).
     */
    @Bean
    PasswordEncoder passwordEncoder(Capacities capacities) {
        String current = "argon2@SpringSecurity_v5_8";
        Map<String, PasswordEncoder> encoders = Map.of(
                current, new BoundedPasswordEncoder(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), capacities.hashes()),
                "bcrypt", new BCryptPasswordEncoder());
        return new WellFormedPasswords(new DelegatingPasswordEncoder(current, encoders));
    }
}
