package org.rampe.members;

import java.util.Set;

import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/**
 * The account (identity, sign-in, whether the address is verified, language and display settings),
 * its pending single-use links ({@code HAS_TOKEN} to an {@code :AccountToken}) and the declared access needs.
 */
@Component
class AccountMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("account",
                Set.of("HAS_NEEDS", "HAS_TOKEN"),
                Set.of("id", "email", "handle", "displayName", "passwordHash", "language", "createdAt", "textSize", "highContrast",
                        "dyslexiaFont", "reducedMotion", "hideMap", "demo", "emailVerifiedAt"));
    }

    @Override
    public void export(MemberArchive archive) {
        // issue 16: this feature's files of the archive
    }

    @Override
    public void erase(Erasure erasure) {
        // issue 16: this feature's part of the erasure
    }
}
