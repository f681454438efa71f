package org.rampe.moderation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.rampe.images.ImageStore;
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
 * {@code rampe.moderation.auto-hide-threshold}) is hidden until a moderator decides. Trusted
 * (issue 17): an administrator; a moderator or owner of the content's own group (whose queue holds
 * the case); or an established member, whose account is older than {@link #TRUSTED_AGE_DAYS} days,
 * with a verified address, at least {@link #TRUSTED_CONTRIBUTIONS} posts, comments or place answers
 * still published, written on at least {@link #TRUSTED_CONTRIBUTION_DAYS} different days, and no
 * decision other than a dismissal (or an overturned one) ever concerning them. Moderating some
 * other group is worth nothing: anyone can create one.
 *
 * <p>Evidence (issue 17): each report keeps a snapshot of its target as the reporter saw it, its
 * text and copies of its images (new keys in the image store, which the author's delete does not
 * touch); a report that sees the same version as the latest snapshot counts on it.
 */
@Service
class Reports {

    static final int TRUSTED_AGE_DAYS = 30;
    static final int TRUSTED_CONTRIBUTIONS = 5;
    static final int TRUSTED_CONTRIBUTION_DAYS = 3;

    /** How a report came out. */
    enum Reported { RECEIVED, ALREADY }

    private final CaseRepository cases;
    private final TargetRepository targets;
    private final Administrators administrators;
    private final int threshold;
    private final ApplicationEventPublisher events;
    private final ImageStore images;

    Reports(CaseRepository cases, TargetRepository targets, Administrators administrators,
            @Value("${rampe.moderation.auto-hide-threshold:3}") int threshold, ApplicationEventPublisher events,
            ImageStore images) {
        this.events = events;
        this.images = images;
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
        CaseRepository.Snapshot snapshot = snapshot(target);
        Optional<CaseRepository.Filed> created;
        try {
            created = cases.report(target, reporter, reason, text,
                    new CaseRepository.AutoHide(admins, TRUSTED_AGE_DAYS, TRUSTED_CONTRIBUTIONS, TRUSTED_CONTRIBUTION_DAYS, threshold),
                    AuditLog.summary(target.kind(), target.concernedHandle()), snapshot);
        } catch (RuntimeException e) {
            forget(snapshot);
            throw e;
        }
        if (created.isEmpty()) {
            // A second report by the same member: nothing new was kept.
            forget(snapshot);
        }
        // The case's own queue (issue 17: not the group's when it is about one of its moderators), so
        // that a self-harm alert goes to who handles it.
        created.ifPresent(f -> events.publishEvent(new ModerationEvents.ReportFiled(f.caseId(), reporter, reason.key(), f.group())));
        return created.isPresent() ? Reported.RECEIVED : Reported.ALREADY;
    }

    /**
     * The snapshot to keep with this report: null when the case's latest one already holds this
     * version (same text, same images); else the text and copies of the images, made now, before
     * the author can delete them.
     */
    private CaseRepository.Snapshot snapshot(Target target) {
        List<CaseRepository.CurrentImage> now = cases.currentImages(target);
        List<String> sources = now.stream().map(CaseRepository.CurrentImage::id).toList();
        var latest = cases.latestSnapshot(target);
        if (latest.isPresent() && latest.get().text().equals(target.text()) && latest.get().sourceImages().equals(sources)) {
            return null;
        }
        List<CaseRepository.KeptImage> kept = new java.util.ArrayList<>();
        for (var image : now) {
            images.get(image.id()).ifPresent(jpeg -> {
                String copy = UUID.randomUUID().toString();
                images.put(copy, jpeg);
                kept.add(new CaseRepository.KeptImage(copy, image.alt(), image.width(), image.height(), image.position()));
            });
        }
        // Groups and places are the community's; the rest is a member's, erased with them.
        String author = target.type() == TargetKind.GROUP || target.type() == TargetKind.PLACE ? null : target.concernedId();
        return new CaseRepository.Snapshot(target.text(), sources, List.copyOf(kept), author);
    }

    /** Deletes the image copies of a snapshot that was not kept. */
    private void forget(CaseRepository.Snapshot snapshot) {
        if (snapshot != null) {
            snapshot.images().forEach(i -> images.delete(i.id()));
        }
    }

    /** Editing hidden content puts it back in the queue (still hidden, marked edited). */
    @EventListener
    void on(SocialEvents.ContentEdited e) {
        cases.reopenEdited(e.kind().equals("post") ? TargetKind.POST : TargetKind.COMMENT, e.id(), e.author());
    }

    /**
     * Open cases, the most reported first, then the newest: a group's (group given) or all of them
     * (group null: the administrators' site-wide queue, which also holds every group's cases).
     * Reporters are named to administrators only: a group's moderators see reports without who
     * made them (issue 17), so a member can report someone who moderates them without fear.
     */
    List<CaseView> queue(String group, int limit, boolean admin) {
        List<CaseView> found = cases.queue(group, limit);
        return admin ? found : found.stream().map(CaseView::withoutReporters).toList();
    }

    Optional<CaseView> openCase(CaseId id) {
        return cases.openCase(id.value());
    }

    /** How many reports about places wait for an administrator (the places feature lists them). */
    long openPlaceReports() {
        return cases.openPlaceReports();
    }
}
