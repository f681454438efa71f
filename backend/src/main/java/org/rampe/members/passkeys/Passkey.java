package org.rampe.members.passkeys;

import java.time.Instant;

/** A passkey as its member sees it: the name they gave it, when it was added and last used (null: never). */
record Passkey(PasskeyId id, String name, Instant addedAt, Instant lastUsedAt) {
}
