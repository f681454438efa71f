package org.rampe.members;

import java.time.Instant;
import java.util.List;

/**
 * A member's signed-in sessions across every instance (the session store is shared): listed on
 * the account page, ended one by one, or all but the current one after a password or email change.
 * Implemented by {@link SignedInSessions} over Spring Session's store.
 */
interface MemberSessions {

    /**
     * One session: {@code id} is a public handle of it (a hash of the session id, which is a secret
     * and never leaves the server but in the browser's own cookie), the device as the browser
     * described itself ({@code User-Agent}), when it began and was last used.
     */
    record ActiveSession(String id, String device, Instant signedInAt, Instant lastSeenAt, boolean current) {
    }

    /** The member's sessions, most recently used first; {@code currentSessionId} (the real id, may be null) marks this browser's. */
    List<ActiveSession> of(MemberId member, String currentSessionId);

    /** Ends one of the member's sessions, named by its public handle {@link ActiveSession#id()} (nothing when it is not theirs). */
    void end(MemberId member, String sessionHandle);

    /** Ends every session of the member except {@code keepSessionId} (the real id of this browser's session; null: every one). */
    void endAllExcept(MemberId member, String keepSessionId);
}
