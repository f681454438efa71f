package org.rampe.feed;

import java.util.Set;

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
}
