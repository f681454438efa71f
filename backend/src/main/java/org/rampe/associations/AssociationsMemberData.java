package org.rampe.associations;

import java.util.Set;

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
}
