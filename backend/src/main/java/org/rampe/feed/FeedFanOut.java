package org.rampe.feed;

import org.rampe.groups.GroupEvents;
import org.rampe.social.SocialEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the inboxes in step with what happens between members. Synchronous: the publishing
 * request waits for its fan-out (one write transaction), so a post is in every follower's feed
 * by the time its author sees the redirect, and tests need no waiting.
 */
@Component
class FeedFanOut {

    private final FeedRepository repository;

    FeedFanOut(FeedRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void on(SocialEvents.PostPublished e) {
        repository.fanOut(e.post(), e.author());
    }

    @EventListener
    void on(SocialEvents.PostDeleted e) {
        repository.removePost(e.post());
    }

    @EventListener
    void on(SocialEvents.MemberFollowed e) {
        repository.backfill(e.follower(), e.followed());
    }

    @EventListener
    void on(SocialEvents.MemberUnfollowed e) {
        repository.removeAuthor(e.follower(), e.followed());
    }

    @EventListener
    void on(SocialEvents.MemberBlocked e) {
        repository.removeAuthor(e.blocker(), e.blocked());
        repository.removeAuthor(e.blocked(), e.blocker());
    }

    @EventListener
    void on(SocialEvents.MemberMuted e) {
        repository.removeAuthor(e.muter(), e.muted());
    }

    @EventListener
    void on(SocialEvents.MemberUnmuted e) {
        repository.restoreAuthor(e.muter(), e.muted());
    }

    @EventListener
    void on(GroupEvents.MemberJoined e) {
        repository.joinGroup(e.member(), e.group());
    }

    @EventListener
    void on(GroupEvents.MemberLeft e) {
        repository.leaveGroup(e.member(), e.group());
    }
}
