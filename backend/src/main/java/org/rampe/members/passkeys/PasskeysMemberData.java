package org.rampe.members.passkeys;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** A member's passkeys (name, when added and last used; the public keys) and their WebAuthn user handle. */
@Component
class PasskeysMemberData implements MemberData {

    private final PasskeyCredentials passkeys;

    PasskeysMemberData(PasskeyCredentials passkeys) {
        this.passkeys = passkeys;
    }

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
        passkeys.eraseAll(erasure.member().value());
    }
}
