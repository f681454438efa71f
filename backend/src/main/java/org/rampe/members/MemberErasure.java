package org.rampe.members;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Deleting a member's account (GDPR article 17). First the member is marked as being erased
 * ({@code erasingSince}, {@code erasureChoice}): from then on nobody signs in as them, their pages
 * answer 410, and every session of theirs ends. Then every other feature erases its part
 * ({@link MemberData#erase}), the account's own parts last (sessions, passkeys, sign-in links,
 * tokens, access needs and consent history, waiting mail, the handle's reservation), and the member
 * node goes. Each step is idempotent: an erasure interrupted by a crash is run again from the start
 * at the next start-up ({@link #resumeInterrupted}) and finishes.
 *
 * <p>The handle is reserved for {@link #HANDLE_RESERVED} by the SHA-256 of its lower-cased form
 * (never in clear), so that nobody takes over an erased member's name while others still remember it.
 */
@Service
class MemberErasure {

    /** How long an erased member's handle cannot be taken again. */
    static final Duration HANDLE_RESERVED = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(MemberErasure.class);

    private final ErasureRepository repository;
    private final List<MemberData> features;
    private final MemberSessions sessions;
    private final MemberArchives archives;
    private final Clock clock = Clock.systemUTC();

    MemberErasure(ErasureRepository repository, List<MemberData> memberData, MemberSessions sessions, MemberArchives archives) {
        this.repository = repository;
        // The other features first, in a stable order; the account's own parts (this module's) last,
        // the account itself at the very end: it reads the handle and address the others no longer need.
        this.features = memberData.stream()
                .sorted(Comparator.comparingInt(MemberErasure::rank).thenComparing(d -> d.covers().feature()))
                .toList();
        this.sessions = sessions;
        this.archives = archives;
    }

    private static int rank(MemberData data) {
        if (data instanceof AccountMemberData) {
            return 2;
        }
        return data.getClass().getPackageName().startsWith(MemberErasure.class.getPackageName()) ? 1 : 0;
    }

    /**
     * Erases the member now, after they confirmed (the caller checked their password or link and
     * signed this browser out). Returns false for no such member.
     */
    boolean erase(MemberId member, Erasure.Choice choice) {
        Optional<ErasureRepository.Marked> marked = repository.mark(member, choice, clock.instant());
        if (marked.isEmpty()) {
            return false;
        }
        // Marked: no new sign-in. Every device signed in as them is signed out at once.
        sessions.endAllExcept(member, null);
        run(marked.get().erasure());
        return true;
    }

    /** Every feature's part, then the account's, then the member node. */
    void run(Erasure erasure) {
        for (MemberData data : features) {
            data.erase(erasure);
        }
        // Their archives hold everything above: the files and their nodes go with the account.
        archives.deleteAll(erasure.member());
        repository.deleteMember(erasure.member());
        log.info("Member {} erased", erasure.member());
    }

    /** The erasures a stop interrupted are finished when the application is ready, in the background. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInBackground() {
        Thread.ofVirtual().name("member-erasure-resume").start(() -> {
            try {
                resumeInterrupted();
            } catch (RuntimeException e) {
                log.error("Resuming interrupted erasures failed; they are tried again at the next start", e);
            }
        });
    }

    /** Runs again every erasure that began and did not finish; returns how many. */
    int resumeInterrupted() {
        var interrupted = repository.interrupted();
        for (var marked : interrupted) {
            log.info("Resuming the erasure of member {}", marked.member());
            sessions.endAllExcept(marked.member(), null);
            run(marked.erasure());
        }
        return interrupted.size();
    }

    /** Whether the member is being erased (they may not sign in). */
    boolean erasing(MemberId member) {
        return repository.marked(member).isPresent();
    }

    /** Reservations over are removed every hour. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT7M")
    void purgeReservations() {
        while (repository.purgeExpired(clock.instant(), 1_000) == 1_000) {
            // another batch
        }
    }

    /** The stored form of a reserved handle: the hex SHA-256 of the handle as sign-up normalises it. */
    static String digest(String handle) {
        return HexFormat.of().formatHex(Secrets.sha256(SignUpForm.normalizeHandle(handle)));
    }
}
