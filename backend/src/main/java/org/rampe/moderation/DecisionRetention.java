package org.rampe.moderation;

import java.time.Clock;
import java.time.Instant;

import org.rampe.images.ImageStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Decisions about an erased member are kept 18 months without their name (an appeal, a repeated
 * offence under a new account, a complaint to the authorities may need them), then deleted: the
 * erasure sets their {@code purgeAfter}; this job deletes those past it every day, with the cases
 * they leave empty. The snapshots of what an erased member wrote (issue 17) are kept as long, and
 * those of a deleted case go with it, with their image copies.
 */
@Component
class DecisionRetention {

    /** How long decisions about an erased member are kept after the erasure. */
    static final int KEPT_MONTHS = 18;

    private final MemberModerationRepository repository;
    private final ImageStore images;
    private final Clock clock;

    DecisionRetention(MemberModerationRepository repository, ImageStore images) {
        this.repository = repository;
        this.images = images;
        this.clock = Clock.systemUTC();
    }

    /** The end of the decisions kept about a member erased at {@code erasedAt}. */
    static Instant purgeAfter(Instant erasedAt) {
        return erasedAt.atOffset(java.time.ZoneOffset.UTC).plusMonths(KEPT_MONTHS).toInstant();
    }

    @Scheduled(fixedDelayString = "PT24H", initialDelayString = "PT10M")
    void purgeDaily() {
        purge(clock.instant());
    }

    /** Deletes every decision past its {@code purgeAfter} at {@code now}, in batches; how many. */
    long purge(Instant now) {
        long total = 0;
        for (long n = repository.purgeDecisions(now); n > 0; n = repository.purgeDecisions(now)) {
            total += n;
        }
        for (var batch = repository.purgeSnapshots(now); !batch.isEmpty(); batch = repository.purgeSnapshots(now)) {
            // The files go once the graph no longer names them.
            batch.forEach(ids -> ids.forEach(images::delete));
        }
        return total;
    }
}
