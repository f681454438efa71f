package org.rampe.members;

import java.util.Set;

import org.rampe.mail.Mailer;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/**
 * The account (identity, sign-in, whether the address is verified, language and display settings),
 * its pending single-use links ({@code HAS_TOKEN} to an {@code :AccountToken}) and the declared access needs.
 */
@Component
class AccountMemberData implements MemberData {

    private final ErasureRepository erasures;
    private final AccountTokenRepository tokens;
    private final AccessNeedsRepository needs;
    private final Mailer mailer;

    AccountMemberData(ErasureRepository erasures, AccountTokenRepository tokens, AccessNeedsRepository needs, Mailer mailer) {
        this.erasures = erasures;
        this.tokens = tokens;
        this.needs = needs;
        this.mailer = mailer;
    }

    @Override
    public Coverage covers() {
        return new Coverage("account",
                Set.of("HAS_NEEDS", "HAS_TOKEN"),
                Set.of("id", "email", "handle", "displayName", "passwordHash", "language", "createdAt", "textSize", "highContrast",
                        "dyslexiaFont", "reducedMotion", "hideMap", "demo", "emailVerifiedAt",
                        // issue 16: a member being erased (MemberErasure), until their node is gone
                        "erasingSince", "erasureChoice"));
    }

    @Override
    public void export(MemberArchive archive) {
        // issue 16: this feature's files of the archive
    }

    /**
     * The account's own part, run last of all (MemberErasure): every single-use link, the access
     * needs with their consent history, the mail still waiting for the address, and the handle's
     * reservation for 30 days (by digest). The member node itself goes after this.
     */
    @Override
    public void erase(Erasure erasure) {
        MemberId member = erasure.member();
        tokens.deleteAll(member, java.util.List.of(TokenPurpose.values()));
        needs.eraseWithConsentHistory(member);
        erasures.handleAndEmail(member).ifPresent(found -> {
            mailer.forget(found[1]);
            if (found[0] != null) {
                erasures.reserve(MemberErasure.digest(found[0]), erasure.at().plus(MemberErasure.HANDLE_RESERVED));
            }
        });
    }
}
