package org.rampe.groups;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** Group memberships and roles, invitations, join requests, groups a member owns. */
@Component
class GroupsMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("groups",
                Set.of("MEMBER_OF", "INVITED_TO", "REQUESTED_JOIN", "OWNS_GROUP"),
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
