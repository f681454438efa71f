package org.rampe.moderation;

import java.util.Set;

import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** Reports a member made, cases about a member, decisions they took or that concern them, appeals and reviews, audit entries, group sanctions and site suspensions. */
@Component
class ModerationMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("moderation",
                Set.of("REPORTED", "ABOUT", "DECIDED", "CONCERNS", "APPEALED", "REVIEWED", "ACTED", "MUTED_IN", "BANNED_FROM"),
                Set.of("suspendedUntil"));
    }
}
