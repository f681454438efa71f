package org.rampe.members;

import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * A member's signed-in sessions: {@code :Session} nodes carrying a {@code memberId} (or Redis keys),
 * tied to no {@code :Member} by a relationship and holding no {@code :Member} property, so nothing to
 * declare today. Listed here so that a member's export and erasure (issue 16) include them: the
 * device and times of each session, and ending them all.
 */
@Component
class SessionsMemberData implements MemberData {

    private final MemberSessions sessions;

    SessionsMemberData(MemberSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Coverage covers() {
        return new Coverage("sessions", Set.of(), Set.of());
    }

    @Override
    public void export(MemberArchive archive) {
        // issue 16: this feature's files of the archive
    }

    @Override
    public void erase(Erasure erasure) {
        // Ended when the member was marked (MemberErasure); again here, for a resumed erasure.
        sessions.endAllExcept(erasure.member(), null);
    }
}
