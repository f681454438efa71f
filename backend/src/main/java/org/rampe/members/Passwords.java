package org.rampe.members;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * A member's password: checking the current one and setting a new one. Setting one voids every
 * reset link and every pending address change made before it, and tells the member by mail.
 * Ending the member's other sessions is the caller's, who knows which session is this one.
 */
@Service
class Passwords {

    private final MemberRepository members;
    private final AccountRepository accounts;
    private final AccountTokens tokens;
    private final PasswordEncoder encoder;
    private final AccountMails mails;

    Passwords(MemberRepository members, AccountRepository accounts, AccountTokens tokens, PasswordEncoder encoder, AccountMails mails) {
        this.members = members;
        this.accounts = accounts;
        this.tokens = tokens;
        this.encoder = encoder;
        this.mails = mails;
    }

    /** Whether {@code password} is the member's current one. */
    boolean matches(MemberId member, String password) {
        return password != null && members.credentialsById(member)
                .map(c -> {
                    try {
                        return encoder.matches(password, c.passwordHash());
                    } catch (IllegalArgumentException notAHash) {
                        return false; // a member written without a usable hash signs in no way
                    }
                })
                .orElse(false);
    }

    /** Sets the new password (already checked against the rules), voids older links, and mails a notice. */
    void set(MemberId member, String password) {
        accounts.setPasswordHash(member, encoder.encode(password));
        tokens.passwordChanged(member);
        members.byId(member).ifPresent(mails::passwordChanged);
    }
}
