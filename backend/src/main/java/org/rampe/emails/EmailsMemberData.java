package org.rampe.emails;

import java.util.HashSet;
import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
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

    @Override
    public void export(MemberArchive archive) {
        // issue 16: this feature's files of the archive
    }

    @Override
    public void erase(Erasure erasure) {
        // issue 16: this feature's part of the erasure
    }
}
