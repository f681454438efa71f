package org.rampe.messaging;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** Messages a member sent, the conversations they are in, and their messaging settings. */
@Component
class MessagingMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("messaging",
                Set.of("SENT", "IN_CONVERSATION"),
                Set.of("readReceipts", "presenceVisible"));
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
