package org.rampe.messaging;

import java.util.Set;

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
}
