package org.rampe.members;

import java.util.HexFormat;
import java.util.Locale;

import com.ibm.icu.text.SpoofChecker;

/**
 * What a handle looks like, to keep apart two handles that a reader cannot tell apart (Unicode
 * TR 39 confusables, issue 17): {@code pau1} and {@code paul}, {@code rnartin} and {@code martin},
 * {@code b0b} and {@code bob}. The key is the TR 39 skeleton of the handle as sign-up normalises it,
 * lower-cased (handles are shown lower-cased, so the skeleton's capital {@code O} for a zero is an
 * {@code o}). Two members cannot have the same key (the {@code member_handle_skeleton_unique}
 * constraint), and an erased member's handle is reserved by its key as well as by itself.
 */
final class HandleSkeletons {

    // Thread-safe once built (ICU: a SpoofChecker may be shared by threads for checks and skeletons).
    private static final SpoofChecker CHECKER = new SpoofChecker.Builder().build();

    private HandleSkeletons() {
    }

    /** The key of a handle (normalised first, as sign-up does); "" for none. */
    static String of(String handle) {
        String h = SignUpForm.normalizeHandle(handle);
        return h.isEmpty() ? "" : CHECKER.getSkeleton(h).toLowerCase(Locale.ROOT);
    }

    /**
     * The digest that reserves an erased member's lookalikes: the hex SHA-256 of the key, prefixed so
     * that it never equals the digest of a handle itself (which answers 410 on the handle's pages).
     */
    static String reservationDigest(String handle) {
        return HexFormat.of().formatHex(Secrets.sha256("skeleton:" + of(handle)));
    }
}
