package org.rampe.members;

import java.time.Instant;
import java.util.List;

/**
 * A member's signed-in sessions across every instance (the session store is shared): listed on
 * the account page, ended one by one, or all but the current one after a password or email change.
 */
interface MemberSessions {

    /** One session: its id, the device as the browser described itself, when it began and was last used. */
    record ActiveSession(String id, String device, Instant signedInAt, Instant lastSeenAt, boolean current) {
    }

    /** The member's sessions, most recently used first; {@code currentSessionId} marks this browser's (may be null). */
    List<ActiveSession> of(MemberId member, String currentSessionId);

    /** Ends one of the member's sessions (nothing when the id is not theirs). */
    void end(MemberId member, String sessionId);

    /** Ends every session of the member except {@code keepSessionId} (null: every one). */
    void endAllExcept(MemberId member, String keepSessionId);
}
