package org.rampe.members.passkeys;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** A member's passkeys (name, when added and last used; the public keys) and their WebAuthn user handle. */
@Component
class PasskeysMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("passkeys", Set.of("HAS_PASSKEY"), Set.of("passkeyUserHandle"));
    }

    @Override
    public void export(MemberArchive archive) {
        // Listed in account-security.json, with the sessions and the other ways in (members.SessionsMemberData).
    }

    @Override
    public void erase(Erasure erasure) {
        // issue 16: this feature's part of the erasure
    }
}
