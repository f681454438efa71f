package org.rampe.moderation;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Decisions on cases: hide, remove, lock, warn, mute, ban, suspend, or dismiss the reports. The
 * decider must moderate the case's group, or be an administrator (any case; only they suspend).
 * Nobody decides on a case concerning themselves.
 */
@Service
class Decisions {

    /** "For good": a suspension or a ban without end is stored with this date (suspension) or null (ban). */
    static final ZonedDateTime FOR_GOOD = ZonedDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

    /** How a decision came out: its id when done, a message key when invalid for a reason the form shows. */
    record Decided(Outcome outcome, String decisionId, String problem) {
        static Decided of(Outcome o) {
            return new Decided(o, null, null);
        }
    }

    private final CaseRepository cases;
    private final DecisionRepository repository;
    private final Moderators moderators;
    private final ApplicationEventPublisher events;

    Decisions(CaseRepository cases, DecisionRepository repository, Moderators moderators,
              ApplicationEventPublisher events) {
        this.events = events;
        this.cases = cases;
        this.repository = repository;
        this.moderators = moderators;
    }

    /**
     * Applies the action to the case's target. {@code days} is the duration of a mute, ban or
     * suspension (null = for good for a ban or a suspension).
     */
    Decided decide(CaseId caseId, String decider, boolean admin, Action action, String rule, String reason, Integer days) {
        Optional<CaseView> found = cases.openCase(caseId.value());
        if (found.isEmpty()) {
            return Decided.of(Outcome.NOT_FOUND);
        }
        CaseView c = found.get();
        if (!admin && !moderators.moderates(decider, c.groupId())) {
            return Decided.of(Outcome.FORBIDDEN);
        }
        String concerned = repository.concernedId(c.id());
        if (decider.equals(concerned)) {
            return Decided.of(Outcome.FORBIDDEN);
        }
        if (action == null || !action.appliesTo(c.kind(), c.groupId() != null, concerned != null, admin)) {
            return action == Action.SUSPEND && !admin ? Decided.of(Outcome.FORBIDDEN) : Decided.of(Outcome.INVALID);
        }
        if ((action == Action.MUTE && days == null) || (days != null && (days < 1 || days > 3650))) {
            return new Decided(Outcome.INVALID, null, "mod.decide.days.invalid");
        }
        if ((action == Action.MUTE || action == Action.BAN) && moderators.ownsGroup(concerned, c.groupId())) {
            return new Decided(Outcome.INVALID, null, "mod.decide.owner");
        }
        ZonedDateTime until = !action.lasts() ? null
                : days == null ? (action == Action.SUSPEND ? FOR_GOOD : null)
                : ZonedDateTime.now(ZoneOffset.UTC).plusDays(days);
        String decision = UUID.randomUUID().toString();
        String appliesTo = c.kind().equals(TargetKind.COMMENT.key()) && action == Action.LOCK ? c.postId() : c.targetId();
        repository.record(new DecisionRepository.NewDecision(decision, c, decider, action, rule, reason, until, concerned,
                appliesTo, AuditLog.summary(c.kind(), c.authorHandle())));
        if (concerned != null && action != Action.DISMISS) {
            events.publishEvent(new ModerationEvents.DecisionTaken(decision, concerned));
        }
        return new Decided(Outcome.DONE, decision, null);
    }

    Optional<DecisionView> decision(DecisionId id) {
        return repository.decision(id.value());
    }

    /** Who may read a decision: the member concerned, the group's moderators, administrators. */
    boolean mayRead(DecisionView d, String viewer, boolean admin) {
        return admin || viewer.equals(d.concernedId()) || viewer.equals(d.deciderId()) || moderators.moderates(viewer, d.groupId());
    }
}
