package org.rampe.moderation;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
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

    @Override
    public void export(MemberArchive archive) {
        // issue 16: this feature's files of the archive
    }

    @Override
    public void erase(Erasure erasure) {
        // issue 16: this feature's part of the erasure
    }
}
