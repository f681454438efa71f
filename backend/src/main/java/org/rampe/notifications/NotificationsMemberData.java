package org.rampe.notifications;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** The notifications a member received (read or not), and who they name as having acted. */
@Component
class NotificationsMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("notifications",
                Set.of("UNREAD", "SEEN", "BY"),
                Set.of());
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
