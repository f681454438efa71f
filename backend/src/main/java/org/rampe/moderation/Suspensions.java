package org.rampe.moderation;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.rampe.members.SignedInGate;
import org.rampe.site.InstanceSignals;
import org.rampe.site.Viewer;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Site-wide suspensions ({@code :Member.suspendedUntil}, far future = for good). A suspended member
 * can use nothing but the page of their suspension: every other request (after signing in, or the
 * next one for a member already signed in) is sent there, where the rule, the reason and the one
 * appeal are; with no such decision, they are signed out and the sign-in page says why.
 *
 * <p>The graph is the one truth. Each instance keeps what it read of a member's suspension (the
 * end date, or none) and checks the date against the clock, so that the gate in front of every
 * request and every STOMP frame costs no database round trip (reading it at every frame, issue 17's
 * first form, was most of the chat's slowest percent). A decision or the overturning of one, on any
 * instance, is a {@linkplain InstanceSignals signal} to every instance to forget that member, so
 * that it holds everywhere from the member's next request or frame. While an instance may be
 * missing signals (cut from Redis), it reads the graph at every check again.
 */
@Component
public class Suspensions implements SignedInGate {

    /** Where a suspended member is sent: the sign-in page shows the reason for this flag. */
    private static final String SIGN_IN_SUSPENDED = "/signin?suspended";

    /** The signal channel: the message is the id of a member whose suspension changed. */
    static final String CHANGED = "suspension-changed";

    /** What one instance keeps: at most this many members (the most recently seen). */
    private static final int KEPT = 200_000;

    /** A member's suspension as read: until when, or {@link #NONE}. */
    private record Known(Instant until) {
        boolean at(Instant now) {
            return until != null && until.isAfter(now);
        }
    }

    private static final Known NONE = new Known(null);

    private final SuspensionRepository repository;
    private final InstanceSignals signals;
    private final Cache<String, Known> known = Caffeine.newBuilder().maximumSize(KEPT).build();
    /** Counts the changes heard, so that a read which raced with one is not kept. */
    private final AtomicLong changes = new AtomicLong();

    Suspensions(SuspensionRepository repository, InstanceSignals signals) {
        this.repository = repository;
        this.signals = signals;
        signals.listen(CHANGED, new InstanceSignals.Listener() {
            @Override
            public void heard(String memberId) {
                forget(memberId);
            }

            @Override
            public void mayHaveMissed() {
                changes.incrementAndGet();
                known.invalidateAll();
            }
        });
    }

    /** Whether the member is suspended now. */
    public boolean suspended(String memberId) {
        if (memberId == null) {
            return false;
        }
        if (!signals.live()) {
            return read(memberId).at(Instant.now());
        }
        Known k = known.getIfPresent(memberId);
        if (k == null) {
            long before = changes.get();
            k = read(memberId);
            known.put(memberId, k);
            // A change heard while reading may be newer than what was read: not kept, read again next time.
            if (changes.get() != before) {
                known.invalidate(memberId);
            }
        }
        return k.at(Instant.now());
    }

    private Known read(String memberId) {
        return repository.suspendedUntil(memberId).map(Known::new).orElse(NONE);
    }

    /** The member's suspension changed in the graph (committed): every instance forgets what it read. */
    void changed(String memberId) {
        if (memberId != null) {
            signals.send(CHANGED, memberId);
        }
    }

    private void forget(String memberId) {
        changes.incrementAndGet();
        known.invalidate(memberId);
    }

    @EventListener
    void on(ModerationEvents.DecisionTaken taken) {
        changed(taken.concerned());
    }

    @EventListener
    void on(ModerationEvents.AppealReviewed reviewed) {
        changed(reviewed.concerned());
    }

    /**
     * What a suspended member may still reach: the decisions about them (to read the suspension,
     * its rule and reason, and appeal it once), signing out, the display and language settings, and
     * the files every page needs.
     */
    static boolean allowedWhileSuspended(String path) {
        return path.startsWith("/decisions/") || path.equals("/signout") || path.equals("/language")
                || path.equals("/preferences") || path.equals("/preferences/text-size") || path.startsWith("/css/") || path.startsWith("/js/")
                || path.startsWith("/images/") || path.startsWith("/webjars/") || path.equals("/favicon.ico")
                || path.equals("/error");
    }

    /**
     * Keeps a suspended member to the page of their suspension, where they read why and may appeal
     * once (a member suspended for good could otherwise never appeal); without such a decision,
     * signs them out.
     */
    @Override
    public boolean admit(Viewer viewer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!suspended(viewer.memberId())) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (allowedWhileSuspended(path)) {
            return true;
        }
        String decision = repository.decisionOf(viewer.memberId()).orElse(null);
        if (decision != null) {
            response.sendRedirect(request.getContextPath() + "/decisions/" + decision);
            return false;
        }
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + SIGN_IN_SUSPENDED);
        return false;
    }
}
