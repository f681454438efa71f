package org.rampe.emails;

import java.util.HashSet;
import java.util.Set;

import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** The member's choices of notification emails, their digest waiting to go, and the conversations mailed about while away. */
@Component
class EmailsMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("emails",
                Set.of("DIGEST_ITEM", "AWAY_MAILED"),
                new HashSet<>(EmailKind.properties()));
    }
}
