package org.rampe.members;

import java.util.Set;

import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** The account (identity, sign-in, language and display settings) and the declared access needs. */
@Component
class AccountMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("account",
                Set.of("HAS_NEEDS"),
                Set.of("id", "email", "handle", "displayName", "passwordHash", "language", "createdAt", "textSize", "highContrast",
                        "dyslexiaFont", "reducedMotion", "hideMap", "demo"));
    }
}
