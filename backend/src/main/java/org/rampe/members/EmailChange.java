package org.rampe.members;

import java.time.Duration;

import org.neo4j.driver.exceptions.Neo4jException;
import org.rampe.graph.Graph;
import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.springframework.stereotype.Service;

/**
 * Moving an account to a new address: asked with the current password, confirmed from the new
 * mailbox, told to the old one. Whether the new address has an account never shows to the one
 * asking: the answer is the same, and that account's owner is told instead.
 */
@Service
class EmailChange {

    /** Each request mails two addresses, and checks a password. */
    static final RateLimit PER_MEMBER = new RateLimit("email-change-member", 10, Duration.ofHours(1));

    /** What a confirmation link came to. */
    enum Outcome { CHANGED, ADDRESS_TAKEN, LINK_DEAD }

    /** The outcome, and whose account it was (null for a dead link). */
    record Confirmation(Outcome outcome, MemberId member) {
    }

    private final MemberRepository members;
    private final AccountRepository accounts;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final RateLimits limits;

    EmailChange(MemberRepository members, AccountRepository accounts, AccountTokens tokens, AccountMails mails, RateLimits limits) {
        this.members = members;
        this.accounts = accounts;
        this.tokens = tokens;
        this.mails = mails;
        this.limits = limits;
    }

    /** Counts one request of the member, before their password is checked. */
    void count(MemberId member) {
        limits.take(PER_MEMBER, "member:" + member.value());
    }

    /** The member (password checked) asks to move to {@code newEmail} (normalised, not their current one). */
    void request(Member member, String newEmail) {
        members.credentialsByEmail(newEmail).map(MemberRepository.Credentials::member).ifPresentOrElse(
                owner -> mails.addressAlreadyUsed(owner, true),
                () -> mails.emailChange(member, newEmail, tokens.issue(member.id(), TokenPurpose.CHANGE_EMAIL, newEmail)));
        mails.emailChangeRequested(member, newEmail);
    }

    /** Whether the link works now. */
    boolean works(String token) {
        return tokens.check(TokenPurpose.CHANGE_EMAIL, token).isPresent();
    }

    /**
     * Uses the link: the account's address becomes the new one, verified, and every older link stops
     * working. Another account may have taken the address since the request (the uniqueness
     * constraint decides a race): then nothing changes.
     */
    Confirmation confirm(String token) {
        var holder = tokens.take(TokenPurpose.CHANGE_EMAIL, token);
        if (holder.isEmpty()) {
            return new Confirmation(Outcome.LINK_DEAD, null);
        }
        MemberId id = holder.get().member();
        try {
            accounts.changeEmail(id, holder.get().email());
        } catch (Neo4jException e) {
            if (Graph.isConstraintViolation(e)) {
                return new Confirmation(Outcome.ADDRESS_TAKEN, id);
            }
            throw e;
        }
        tokens.emailChanged(id);
        return new Confirmation(Outcome.CHANGED, id);
    }
}
