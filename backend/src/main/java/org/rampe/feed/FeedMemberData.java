package org.rampe.feed;

import java.util.Set;

import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/**
 * The home feed inbox of a member. Nothing of it goes into the archive: the inbox only points at
 * other members' posts (what the member wrote is in {@code posts.json}). Erasure empties it, in
 * batches, and forgets the horizon; the member's own posts leave the others' inboxes with the
 * social feature's events.
 */
@Component
class FeedMemberData implements MemberData {

    private final FeedRepository repository;

    FeedMemberData(FeedRepository repository) {
        this.repository = repository;
    }

    @Override
    public Coverage covers() {
        return new Coverage("feed",
                Set.of("FEED"),
                Set.of("feedHorizon"));
    }

    @Override
    public void export(MemberArchive archive) {
        // Nothing: the inbox is derived from follows and groups, exported by their features.
    }

    @Override
    public void erase(Erasure erasure) {
        String member = erasure.member().value();
        while (repository.clearInbox(member) > 0) {
            // next batch
        }
        repository.forgetHorizon(member);
    }
}
