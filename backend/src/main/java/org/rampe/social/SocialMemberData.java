package org.rampe.social;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/** The profile, relations (follows, requests, blocks, mutes), posts, comments, reactions and mentions. */
@Component
class SocialMemberData implements MemberData {

    @Override
    public Coverage covers() {
        return new Coverage("social",
                Set.of("FOLLOWS", "REQUESTED_FOLLOW", "BLOCKS", "MUTES", "POSTED", "WROTE", "REACTED", "MENTIONS", "HAS_AVATAR"),
                Set.of("bio", "pronouns", "languages", "city", "avatarImage", "privateAccount"));
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
