package org.rampe.notifications;

import java.util.Set;

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
}
