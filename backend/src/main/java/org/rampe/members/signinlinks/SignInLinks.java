package org.rampe.members.signinlinks;

import java.time.Duration;

import org.rampe.mail.Mail;
import org.rampe.mail.Mailer;
import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.stereotype.Service;

/**
 * Sign-in links by email: a second way in without a password, for whoever cannot remember one
 * (WCAG 3.3.8). Asking for one answers the same whether a member has the address or not; only a
 * member's address gets a mail. The link opens a page with one button (mail scanners open links;
 * only the button's POST signs in), and works once, for {@link #VALID_FOR}.
 */
@Service
class SignInLinks {

    static final Duration VALID_FOR = Duration.ofMinutes(15);
    /** Per address: a shared one (a care home, an office) still gets a link per person now and then. */
    static final RateLimit PER_ADDRESS = new RateLimit("sign-in-link-address", 20, Duration.ofHours(1));
    /** Per email: a few tries if a mail is slow, and no flood of mails to anyone's inbox. */
    static final RateLimit PER_EMAIL = new RateLimit("sign-in-link-email", 5, Duration.ofHours(1));

    private final SignInLinkTokens tokens;
    private final Mailer mailer;
    private final RateLimits limits;

    SignInLinks(SignInLinkTokens tokens, Mailer mailer, RateLimits limits) {
        this.tokens = tokens;
        this.mailer = mailer;
        this.limits = limits;
    }

    /**
     * Mails a link to the member with this (normalised) address, if there is one.
     *
     * @throws org.rampe.site.TooManyRequests before anything is done, when a limit is used up
     */
    void send(String email, String remoteAddress) {
        limits.take(PER_ADDRESS, "address:" + remoteAddress);
        limits.take(PER_EMAIL, "email:" + email);
        if (tokens.generate(new GenerateOneTimeTokenRequest(email, VALID_FOR)) instanceof SignInLinkTokens.Issued issued) {
            mailer.send(Mail.to(issued.to().email(), issued.to().locale(), "signin-link")
                    .with("handle", issued.to().handle())
                    .with("link", mailer.link(SignInLinkController.USE + "?token=" + issued.getTokenValue()))
                    .with("minutes", VALID_FOR.toMinutes())
                    .subject());
        }
    }
}
