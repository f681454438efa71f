package org.rampe.members.passkeys;

import java.util.List;

import org.rampe.members.MemberId;
import org.springframework.stereotype.Service;

/**
 * A member's passkeys, as their page manages them. Adding one is Spring Security's WebAuthn
 * registration ceremony (the page's script), which stores through {@link PasskeyCredentials}.
 */
@Service
class Passkeys {

    private final PasskeyCredentials credentials;

    Passkeys(PasskeyCredentials credentials) {
        this.credentials = credentials;
    }

    List<Passkey> of(MemberId member) {
        return credentials.of(member);
    }

    /** False when the member has no passkey of that id (someone else's is not theirs to rename). */
    boolean rename(MemberId member, PasskeyId id, String name) {
        return credentials.rename(member, id, name);
    }

    /** False when the member has no passkey of that id (someone else's is not theirs to remove). */
    boolean remove(MemberId member, PasskeyId id) {
        return credentials.remove(member, id);
    }

    /** Why a name cannot be kept (a message key), or null when it can. */
    static String nameProblem(String name) {
        String clean = PasskeyCredentials.cleanName(name);
        if (clean.isEmpty()) {
            return "passkeys.name.required";
        }
        String typed = name.strip();
        return typed.codePointCount(0, typed.length()) > PasskeyCredentials.NAME_MAX ? "passkeys.name.tooLong" : null;
    }
}
