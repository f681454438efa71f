package org.rampe.members.signinlinks;

import java.util.Set;

import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** Sign-in links waiting to be used (a hash and an expiry each; gone once used or swept after they expire). */
@Component
class SignInLinksMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("sign-in links", Set.of("HAS_SIGN_IN_LINK"), Set.of());
    }
}
