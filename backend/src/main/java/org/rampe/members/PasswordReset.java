package org.rampe.members;

import java.time.Duration;
import java.util.Optional;

import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.springframework.stereotype.Service;

/**
 * "Forgotten password": a link mailed to the account's address, valid 30 minutes, used once, and
 * void after any password change. Whether the address has an account never shows: the answer is
 * the same, and an unknown address gets no mail at all (no mail to strangers on anyone's request).
 */
@Service
class PasswordReset {

    /** Taken before anything is looked up, for known and unknown addresses alike. */
    static final RateLimit PER_EMAIL = new RateLimit("password-forgotten-email", 3, Duration.ofHours(1));
    static final RateLimit PER_ADDRESS = new RateLimit("password-forgotten-address", 10, Duration.ofHours(1));

    private final MemberRepository members;
    private final AccountRepository accounts;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final Passwords passwords;
    private final MemberSessions sessions;
    private final RateLimits limits;

    PasswordReset(MemberRepository members, AccountRepository accounts, AccountTokens tokens, AccountMails mails,
                  Passwords passwords, MemberSessions sessions, RateLimits limits) {
        this.members = members;
        this.accounts = accounts;
        this.tokens = tokens;
        this.mails = mails;
        this.passwords = passwords;
        this.sessions = sessions;
        this.limits = limits;
    }

    /** Someone asks for a link for {@code email} (normalised); the account, if any, gets it. */
    void forgotten(String email, String remoteAddress) {
        limits.take(PER_ADDRESS, "address:" + remoteAddress);
        limits.take(PER_EMAIL, "email:" + email);
        members.credentialsByEmail(email).map(MemberRepository.Credentials::member).ifPresent(member ->
                mails.passwordReset(member, tokens.issue(member.id(), TokenPurpose.RESET_PASSWORD, member.email())));
    }

    /** Whether the link works now (its page shows the form only then). */
    boolean works(String token) {
        return tokens.check(TokenPurpose.RESET_PASSWORD, token).isPresent();
    }

    /**
     * Uses the link: the new password (already checked against the rules) is set, every session of
     * the member ends, and the address the link reached counts as verified. Returns the member, to
     * sign in on this browser; empty when the link does not work (used, expired, or voided).
     */
    Optional<Member> reset(String token, String newPassword) {
        var holder = tokens.take(TokenPurpose.RESET_PASSWORD, token);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        MemberId id = holder.get().member();
        passwords.set(id, newPassword);
        accounts.markVerified(id, holder.get().email());
        sessions.endAllExcept(id, null);
        return members.byId(id);
    }
}
