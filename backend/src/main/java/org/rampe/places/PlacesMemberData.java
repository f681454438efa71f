package org.rampe.places;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** Places a member added, their answers, their reports about places (and the ones they resolved), their photos. */
@Component
class PlacesMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("places",
                Set.of("ADDED", "GAVE", "REPORTED", "RESOLVED", "TOOK"),
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
