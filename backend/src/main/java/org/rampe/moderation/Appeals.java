package org.rampe.moderation;

import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The one appeal a member concerned by a decision may make, and its review: upheld, or overturned
 * (the decision's effect undone). The member concerned is told of the review.
 */
@Service
class Appeals {

    private final AppealRepository repository;
    private final Decisions decisions;
    private final Moderators moderators;
    private final ApplicationEventPublisher events;

    Appeals(AppealRepository repository, Decisions decisions, Moderators moderators,
            ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.decisions = decisions;
        this.moderators = moderators;
    }

    /** Appeals waiting for a review: a group's (group given) or all (null, for administrators). */
    List<DecisionView> pending(String group) {
        return repository.pending(group);
    }

    /** Who may review an appeal: another moderator of the group than the decider, or an administrator (not the decider either). */
    boolean mayReview(DecisionView d, String viewer, boolean admin) {
        return !viewer.equals(d.deciderId()) && !viewer.equals(d.concernedId())
                && (admin || moderators.moderates(viewer, d.groupId()));
    }

    /** The member concerned appeals, once. */
    Outcome appeal(DecisionId id, String member, String text) {
        Optional<DecisionView> found = decisions.decision(id);
        if (found.isEmpty() || !member.equals(found.get().concernedId())) {
            return Outcome.NOT_FOUND;
        }
        if (!found.get().appealable()) {
            return Outcome.FORBIDDEN;
        }
        repository.appeal(id.value(), member, text);
        return Outcome.DONE;
    }

    /** Upholds or overturns an appealed decision; overturning undoes its effect. The member concerned is told. */
    Outcome review(DecisionId id, String reviewer, boolean admin, ReviewOutcome outcome, String reason) {
        Optional<DecisionView> found = decisions.decision(id);
        if (found.isEmpty() || !decisions.mayRead(found.get(), reviewer, admin)) {
            return Outcome.NOT_FOUND;
        }
        DecisionView d = found.get();
        if (!d.appealed() || d.reviewed() || !mayReview(d, reviewer, admin)) {
            return Outcome.FORBIDDEN;
        }
        if (outcome == null) {
            return Outcome.INVALID;
        }
        String target = d.targetKind().equals(TargetKind.COMMENT.key()) && d.action().equals(Action.LOCK.key())
                ? d.postId() : d.targetId();
        repository.review(d, reviewer, outcome, reason, target, AuditLog.summary(d.targetKind(), d.concernedHandle()));
        if (d.concernedId() != null) {
            events.publishEvent(new ModerationEvents.AppealReviewed(d.id(), d.concernedId()));
        }
        return Outcome.DONE;
    }
}
