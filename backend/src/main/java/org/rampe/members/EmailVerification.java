package org.rampe.members;

import java.time.Duration;
import java.util.Optional;

import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.springframework.stereotype.Service;

/**
 * Proving that a member reads their address: a link mailed after sign-up (and on request), valid
 * two days, used once. Until then the address gets no mail but the account's own.
 */
@Service
class EmailVerification {

    /** A new link on request: a few per address an hour, and a few more per connection (several people behind one). */
    static final RateLimit RESEND_PER_EMAIL = new RateLimit("verify-resend-email", 3, Duration.ofHours(1));
    static final RateLimit RESEND_PER_ADDRESS = new RateLimit("verify-resend-address", 10, Duration.ofHours(1));

    private final MemberRepository members;
    private final AccountRepository accounts;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final RateLimits limits;

    EmailVerification(MemberRepository members, AccountRepository accounts, AccountTokens tokens, AccountMails mails, RateLimits limits) {
        this.members = members;
        this.accounts = accounts;
        this.tokens = tokens;
        this.mails = mails;
        this.limits = limits;
    }

    /** Mails a new link to the member's address. */
    void send(Member member) {
        mails.verifyEmail(member, tokens.issue(member.id(), TokenPurpose.VERIFY_EMAIL, member.email()));
    }

    /** Another link, asked for from the account page; nothing when the address is verified already. */
    void resend(MemberId id, String remoteAddress) {
        limits.take(RESEND_PER_ADDRESS, "address:" + remoteAddress);
        var member = members.byId(id).orElseThrow();
        limits.take(RESEND_PER_EMAIL, "email:" + member.email());
        if (!accounts.emailVerified(id)) {
            send(member);
        }
    }

    /** Whether the link works (the page that asks to confirm shows its button only then). */
    boolean works(String token) {
        return tokens.check(TokenPurpose.VERIFY_EMAIL, token).isPresent();
    }

    /** Uses the link: the address it was sent to is verified, if it is still the member's. */
    Optional<MemberId> verify(String token) {
        return tokens.take(TokenPurpose.VERIFY_EMAIL, token)
                .filter(holder -> accounts.markVerified(holder.member(), holder.email()))
                .map(AccountTokens.Holder::member);
    }
}
