package org.rampe.members;

import java.util.List;

import org.springframework.stereotype.Component;

/** PLACEHOLDER until the session store lands (issue 15, sessions work): knows no session. Delete it then. */
@Component
class SessionsPlaceholder implements MemberSessions {

    @Override
    public List<ActiveSession> of(MemberId member, String currentSessionId) {
        return List.of();
    }

    @Override
    public void end(MemberId member, String sessionId) {
    }

    @Override
    public void endAllExcept(MemberId member, String keepSessionId) {
    }
}
