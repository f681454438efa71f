package org.rampe.associations;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** Associations a member represents or created, and the ones an administrator verified. */
@Component
class AssociationsMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("associations",
                Set.of("REPRESENTS", "CREATED", "VERIFIED"),
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
