package org.rampe.notifications;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

import org.rampe.associations.AssociationInvitation;
import org.rampe.associations.AssociationVerified;
import org.rampe.groups.GroupEvents;
import org.rampe.members.ArchiveReady;
import org.rampe.site.UnreadNotifications;
import org.rampe.social.SocialEvents;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * A member's notifications: made from the social events (never to oneself, never across a block,
 * never from a muted member), listed newest first, marked read one by one or all at once.
 * Repeated reactions to the same post or comment join one unread notification ("Ana and 2 others
 * reacted to your post").
 */
@Service
class Notifications implements UnreadNotifications {

    static final int PAGE_SIZE = 20;

    private final NotificationRepository repository;
    private final ApplicationEventPublisher events;

    Notifications(NotificationRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    @Override
    public String countOfMe() {
        return NotificationRepository.UNREAD_OF_ME;
    }

    @Override
    public Map<String, Long> counts(Collection<String> memberIds) {
        return repository.unread(memberIds);
    }

    NotificationPage page(String memberId, Instant before, String beforeId) {
        var rows = repository.page(memberId, before, beforeId, PAGE_SIZE);
        // Keep notifications whose every actor is now blocked or muted out of sight (defence in depth: the block removed them).
        var shown = rows.stream().filter(n -> !n.actors().isEmpty() || n.aboutDecision() || n.aboutArchive()).toList();
        return new NotificationPage(shown, rows.size() == PAGE_SIZE ? rows.getLast() : null);
    }

    boolean markRead(String memberId, NotificationId notificationId) {
        return repository.markRead(memberId, notificationId.value());
    }

    void markAllRead(String memberId) {
        repository.markAllRead(memberId);
    }

    // ---------------------------------------------------------------- events

    /** Tells the live transport (messaging) that a header count may have moved; harmless when nothing was made. */
    private void changed(String memberId) {
        if (memberId != null) {
            events.publishEvent(new NotificationsChanged(memberId));
        }
    }

    @EventListener
    void on(SocialEvents.CommentWritten e) {
        if (e.parentAuthor() != null) {
            repository.notify(NotificationKind.REPLY, e.parentAuthor(), e.author(), e.post(), e.comment(), null);
            changed(e.parentAuthor());
        }
        if (!Objects.equals(e.postAuthor(), e.parentAuthor())) {
            repository.notify(NotificationKind.COMMENT, e.postAuthor(), e.author(), e.post(), e.comment(), null);
            changed(e.postAuthor());
        }
    }

    @EventListener
    void on(SocialEvents.Mentioned e) {
        repository.notify(NotificationKind.MENTION, e.mentioned(), e.by(), e.post(), e.comment(), null);
        changed(e.mentioned());
    }

    @EventListener
    void on(SocialEvents.Reacted e) {
        String comment = "comment".equals(e.targetKind()) ? e.targetId() : null;
        repository.notify(NotificationKind.REACTION, e.owner(), e.by(), e.post(), comment, e.targetKind() + ":" + e.targetId());
        changed(e.owner());
    }

    @EventListener
    void on(SocialEvents.MemberFollowed e) {
        repository.notify(NotificationKind.FOLLOW, e.followed(), e.follower(), null, null, null);
        changed(e.followed());
    }

    @EventListener
    void on(SocialEvents.FollowRequested e) {
        repository.notify(NotificationKind.FOLLOW_REQUEST, e.target(), e.requester(), null, null, null);
        changed(e.target());
    }

    @EventListener
    void on(GroupEvents.JoinRequested e) {
        repository.groupModerators(e.group()).forEach(m -> {
            repository.notifyGroup(NotificationKind.GROUP_JOIN_REQUEST, m, e.requester(), e.group());
            changed(m);
        });
    }

    @EventListener
    void on(GroupEvents.JoinApproved e) {
        repository.notifyGroup(NotificationKind.GROUP_APPROVED, e.member(), e.by(), e.group());
        changed(e.member());
    }

    @EventListener
    void on(GroupEvents.Invited e) {
        repository.notifyGroup(NotificationKind.GROUP_INVITED, e.member(), e.by(), e.group());
        changed(e.member());
    }

    @EventListener
    void on(SocialEvents.MemberBlocked e) {
        repository.removeFrom(e.blocker(), e.blocked());
        repository.removeFrom(e.blocked(), e.blocker());
    }

    @EventListener
    void on(SocialEvents.MemberMuted e) {
        repository.removeFrom(e.muter(), e.muted());
    }

    @EventListener
    void on(AssociationVerified e) {
        if (e.creator() != null) {
            repository.notifyAboutAssociation(NotificationKind.ASSOCIATION_VERIFIED, e.creator(), e.verifiedBy(), e.associationId());
            changed(e.creator());
        }
    }

    @EventListener
    void on(AssociationInvitation e) {
        repository.notifyAboutAssociation(NotificationKind.ASSOCIATION_INVITED, e.invited(), e.by(), e.associationId());
        changed(e.invited());
    }

    /** The member's archive is ready: the notification links to the page where it is downloaded. */
    @EventListener
    void on(ArchiveReady e) {
        repository.notifyFromSite(NotificationKind.ARCHIVE_READY, e.memberId());
        changed(e.memberId());
    }

    @EventListener
    void on(SocialEvents.PostDeleted e) {
        repository.removeAboutPost(e.post());
    }
}
