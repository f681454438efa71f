package org.rampe.feed;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** The home feed inbox of a member. */
@Component
class FeedMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("feed",
                Set.of("FEED"),
                Set.of("feedHorizon"));
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
