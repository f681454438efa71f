package org.rampe.social;

import java.util.List;
import java.util.Optional;

import org.rampe.social.SocialEvents.FollowRequested;
import org.rampe.social.SocialEvents.MemberBlocked;
import org.rampe.social.SocialEvents.MemberFollowed;
import org.rampe.social.SocialEvents.MemberMuted;
import org.rampe.social.SocialEvents.MemberUnmuted;
import org.rampe.social.SocialEvents.MemberUnfollowed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Follow, follow requests, block and mute between members, and the questions other features ask
 * about them. Every change publishes its {@link SocialEvents} record once the transaction has
 * committed, and only when something changed (a double click publishes nothing twice).
 * Ids are member ids (UUID strings).
 */
@Service
public class Relations {

    /** Members per page of a list. */
    static final int PAGE = 50;

    /** What a follow came to, for the message the member reads; NOT_FOUND across a block, as an unknown member. */
    public enum FollowResult { FOLLOWED, REQUESTED, ALREADY, REFUSED, NOT_FOUND }

    private final RelationsRepository repository;
    private final ApplicationEventPublisher events;

    Relations(RelationsRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /** Whether {@code viewerId} follows {@code otherId} (an approved follow). */
    boolean follows(String viewerId, String otherId) {
        return viewerId != null && otherId != null && repository.follows(viewerId, otherId);
    }

    /** Whether either member blocks the other. False for a visitor (null). */
    boolean blockedEitherWay(String a, String b) {
        return a != null && b != null && repository.blockedEitherWay(a, b);
    }

    /** Whether {@code muter} muted {@code muted}. */
    boolean hasMuted(String muter, String muted) {
        return muter != null && muted != null && repository.hasMuted(muter, muted);
    }

    /** How {@code viewerId} stands towards {@code otherId}; {@link Relation#NONE} for a visitor. */
    public Relation between(String viewerId, String otherId) {
        return viewerId == null || viewerId.equals(otherId) ? Relation.NONE : repository.relation(viewerId, otherId);
    }

    /** [followers, following] of a member. */
    public long[] counts(String memberId) {
        return repository.counts(memberId);
    }

    Optional<RelationsRepository.Owner> owner(String handle) {
        return handle == null ? Optional.empty() : repository.owner(handle.toLowerCase(java.util.Locale.ROOT));
    }

    public FollowResult follow(String follower, String target) {
        if (follower.equals(target)) {
            return FollowResult.REFUSED;
        }
        return switch (repository.follow(follower, target)) {
            case FOLLOWED -> {
                events.publishEvent(new MemberFollowed(follower, target));
                yield FollowResult.FOLLOWED;
            }
            case REQUESTED -> {
                events.publishEvent(new FollowRequested(follower, target));
                yield FollowResult.REQUESTED;
            }
            case ALREADY -> FollowResult.ALREADY;
            // A block either way answers as an unknown member: a refusal would confirm it.
            case BLOCKED, UNKNOWN -> FollowResult.NOT_FOUND;
        };
    }

    /** Stops following, or withdraws a pending request. */
    void unfollow(String follower, String target) {
        if (repository.unfollow(follower, target)) {
            events.publishEvent(new MemberUnfollowed(follower, target));
        }
    }

    boolean approve(String owner, String requester) {
        if (repository.approve(owner, requester)) {
            events.publishEvent(new MemberFollowed(requester, owner));
            return true;
        }
        return false;
    }

    boolean refuse(String owner, String requester) {
        return repository.refuse(owner, requester);
    }

    /**
     * The member's account is open again: whoever was waiting becomes a follower, as if the owner
     * had approved each request (they asked to follow, and nobody needs approval any more).
     */
    public void approveAllRequests(String owner) {
        for (String follower : repository.approveAll(owner)) {
            events.publishEvent(new MemberFollowed(follower, owner));
        }
    }

    void removeFollower(String owner, String follower) {
        if (repository.removeFollower(owner, follower)) {
            events.publishEvent(new MemberUnfollowed(follower, owner));
        }
    }

    void block(String blocker, String blocked) {
        Optional<List<String[]>> removed = repository.block(blocker, blocked);
        removed.ifPresent(follows -> {
            follows.forEach(f -> events.publishEvent(new MemberUnfollowed(f[0], f[1])));
            events.publishEvent(new MemberBlocked(blocker, blocked));
        });
    }

    void unblock(String blocker, String blocked) {
        repository.unblock(blocker, blocked);
    }

    void mute(String muter, String muted) {
        if (repository.mute(muter, muted)) {
            events.publishEvent(new MemberMuted(muter, muted));
        }
    }

    void unmute(String muter, String muted) {
        if (repository.unmute(muter, muted)) {
            events.publishEvent(new MemberUnmuted(muter, muted));
        }
    }

    /** One page of followers or following; {@code after} is the last handle of the previous page. */
    Page list(String memberId, boolean followers, String viewerId, String after) {
        return page(memberId, followers ? RelationsRepository.Listing.FOLLOWERS : RelationsRepository.Listing.FOLLOWING,
                viewerId, after);
    }

    Page page(String memberId, RelationsRepository.Listing listing, String viewerId, String after) {
        List<MemberCard> cards = repository.list(memberId, listing, viewerId, after, PAGE + 1);
        if (cards.size() > PAGE) {
            return new Page(cards.subList(0, PAGE), cards.get(PAGE - 1).handle());
        }
        return new Page(cards, null);
    }

    /** A page of members, and the handle to continue after (null on the last page). */
    record Page(List<MemberCard> members, String next) {
    }
}
