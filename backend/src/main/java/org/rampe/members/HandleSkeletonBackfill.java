package org.rampe.members;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Gives every member created before issue 17 their handle's lookalike key (HandleSkeletons), at
 * every start before the application serves anything (a migration cannot compute a TR 39
 * skeleton). Oldest first: when two older handles already look alike, the first keeps the key and
 * the later one is marked {@code skeletonClash} (logged), so no new member can take either look.
 */
@Component
class HandleSkeletonBackfill implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(HandleSkeletonBackfill.class);
    private static final int BATCH = 500;

    private final MemberRepository repository;

    HandleSkeletonBackfill(MemberRepository repository) {
        this.repository = repository;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int written = 0;
        for (var batch = repository.withoutSkeleton(BATCH); !batch.isEmpty(); batch = repository.withoutSkeleton(BATCH)) {
            for (String[] member : batch) {
                if (repository.writeSkeleton(member[0], HandleSkeletons.of(member[1]))) {
                    written++;
                } else {
                    log.warn("Member {}'s handle looks like an older member's; both stay, no one else may take that look", member[0]);
                }
            }
        }
        if (written > 0) {
            log.info("Wrote the lookalike key of {} members' handles", written);
        }
    }
}
