package org.rampe.members.signinlinks;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** Sign-in links waiting to be used (a hash and an expiry each; gone once used or swept after they expire). */
@Component
class SignInLinksMemberData implements MemberData {

    private final SignInLinkRepository links;

    SignInLinksMemberData(SignInLinkRepository links) {
        this.links = links;
    }

    @Override
    public Coverage covers() {
        return new Coverage("sign-in links", Set.of("HAS_SIGN_IN_LINK"), Set.of());
    }

    @Override
    public void export(MemberArchive archive) {
        // Listed in account-security.json, with the sessions and the other ways in (members.SessionsMemberData).
    }

    @Override
    public void erase(Erasure erasure) {
        links.eraseAll(erasure.member().value());
    }
}
