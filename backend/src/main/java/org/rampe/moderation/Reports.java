package org.rampe.moderation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rampe.members.Administrators;
import org.rampe.social.SocialEvents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Reports, and the queues of the cases they open (graph-schema README, "Moderation").
 *
 * <p>Auto-hide: a post or comment reported by {@link #threshold} trusted members (3 by default,
 * {@code rampe.moderation.auto-hide-threshold}) is hidden until a moderator decides. Trusted: an
 * account older than {@link #TRUSTED_AGE_DAYS} days that no decision other than a dismissal (or an
 * overturned one) ever concerned, or any group moderator or owner, or an administrator.
 */
@Service
class Reports {

    static final int TRUSTED_AGE_DAYS = 30;

    /** How a report came out. */
    enum Reported { RECEIVED, ALREADY }

    private final CaseRepository cases;
    private final TargetRepository targets;
    private final Administrators administrators;
    private final int threshold;
    private final ApplicationEventPublisher events;

    Reports(CaseRepository cases, TargetRepository targets, Administrators administrators,
            @Value("${rampe.moderation.auto-hide-threshold:3}") int threshold, ApplicationEventPublisher events) {
        this.events = events;
        this.cases = cases;
        this.targets = targets;
        this.administrators = administrators;
        this.threshold = threshold;
    }

    int threshold() {
        return threshold;
    }

    /** What {@code viewer} reports, if they may see it; empty when it is unknown, unreadable or themselves. */
    Optional<Target> target(TargetKind kind, TargetId id, String viewer) {
        return targets.find(kind, id.value(), viewer);
    }

    /**
     * Records the report (one per reporter and case), then hides the content if enough trusted
     * members reported it; a new report is published ({@link ModerationEvents.ReportFiled}) after the commit.
     */
    Reported report(Target target, String reporter, Reason reason, String text) {
        List<String> admins = administrators.admins().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        var created = cases.report(target, reporter, reason, text,
                new CaseRepository.AutoHide(admins, TRUSTED_AGE_DAYS, threshold),
                AuditLog.summary(target.kind(), target.concernedHandle()));
        created.ifPresent(caseId -> events.publishEvent(new ModerationEvents.ReportFiled(caseId, reporter, reason.key(), target.groupId())));
        return created.isPresent() ? Reported.RECEIVED : Reported.ALREADY;
    }

    /** Editing hidden content puts it back in the queue (still hidden, marked edited). */
    @EventListener
    void on(SocialEvents.ContentEdited e) {
        cases.reopenEdited(e.kind().equals("post") ? TargetKind.POST : TargetKind.COMMENT, e.id(), e.author());
    }

    /**
     * Open cases, the most reported first, then the newest: a group's (group given) or all of them
     * (group null: the administrators' site-wide queue, which also holds every group's cases).
     */
    List<CaseView> queue(String group, int limit) {
        return cases.queue(group, limit);
    }

    Optional<CaseView> openCase(CaseId id) {
        return cases.openCase(id.value());
    }

    /** How many reports about places wait for an administrator (the places feature lists them). */
    long openPlaceReports() {
        return cases.openPlaceReports();
    }
}
