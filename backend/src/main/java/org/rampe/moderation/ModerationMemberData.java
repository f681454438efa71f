package org.rampe.moderation;

import java.util.Set;

import org.rampe.images.ImageStore;
import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/**
 * Reports a member made, cases about a member, decisions they took or that concern them, appeals
 * and reviews, audit entries, group sanctions and site suspensions.
 *
 * <p>Archive: {@code reports.json} (the reports they made, with the outcome, never a moderator) and
 * {@code decisions.json} (the decisions about them, with their appeals; never a reporter nor a
 * moderator).
 *
 * <p>Erasure: their reports stay on the cases as the former member's (with "remove", without the
 * words they wrote); decisions about them are kept without their name (no link to them, no appeal
 * text) until {@code purgeAfter}, 18 months later ({@link DecisionRetention}); what they decided,
 * reviewed or logged as a moderator stays, attributed to the former member; audit entries naming
 * them say "former member"; their mutes, bans and suspension go. The snapshots reports kept of what
 * they wrote (issue 17) lose their id and are kept as long as the decisions (then deleted by
 * {@link DecisionRetention}); with "remove" their text and image copies go at once, as they do
 * whatever the choice for a message's or their profile's. Snapshots are not in their archive:
 * what others reported about them is not theirs (the decisions about them are).
 */
@Component
class ModerationMemberData implements MemberData {

    private final MemberModerationRepository repository;
    private final ImageStore images;
    private final Suspensions suspensions;

    ModerationMemberData(MemberModerationRepository repository, ImageStore images, Suspensions suspensions) {
        this.suspensions = suspensions;
        this.repository = repository;
        this.images = images;
    }

    @Override
    public Coverage covers() {
        return new Coverage("moderation",
                Set.of("REPORTED", "ABOUT", "DECIDED", "CONCERNS", "APPEALED", "REVIEWED", "ACTED", "MUTED_IN", "BANNED_FROM"),
                Set.of("suspendedUntil"));
    }

    @Override
    public void export(MemberArchive archive) {
        String member = archive.member().value();
        archive.json("reports.json", json -> json.field("format", 1)
                .array("reports", items -> repository.reports(member, items::add)));
        archive.json("decisions.json", json -> json.field("format", 1)
                .array("decisions", items -> repository.decisions(member, items::add)));
    }

    @Override
    public void erase(Erasure erasure) {
        String member = erasure.member().value();
        String former = Erasure.FORMER_MEMBER_ID;
        String handle = repository.handle(member).orElse(null);
        repository.formerMember(former);
        while (repository.anonymiseReports(member, former, erasure.removesContent()) > 0) {
            // another batch
        }
        var purgeAfter = DecisionRetention.purgeAfter(erasure.at());
        for (var batch = repository.forgetSnapshots(member, erasure.removesContent(), purgeAfter); !batch.isEmpty();
                batch = repository.forgetSnapshots(member, erasure.removesContent(), purgeAfter)) {
            // The files go once the graph no longer names them (idempotent: run again, a missing file is no error).
            batch.forEach(ids -> ids.forEach(images::delete));
        }
        while (repository.unlinkDecisions(member, purgeAfter) > 0) {
            // another batch
        }
        for (String type : new String[] {"DECIDED", "REVIEWED", "ACTED"}) {
            while (repository.reattribute(type, member, former) > 0) {
                // another batch
            }
        }
        while (repository.forgetCaseTargets(member) > 0) {
            // another batch
        }
        while (repository.forgetInAuditLog(member, handle) > 0) {
            // another batch
        }
        while (repository.deleteSanctions(member) > 0) {
            // another batch
        }
        repository.forgetSuspension(member);
        suspensions.changed(member);
    }
}
