package org.rampe.members;

import java.time.Instant;
import java.util.Set;


/**
 * A member's access needs: special-category health data, kept only with their explicit consent and
 * shown only as they choose.
 *
 * @param visibility {@code only_me} (the default), {@code following} or {@code members}
 * @param consentAt  when the member agreed; withdrawing consent erases the whole record
 */
public record AccessNeeds(Set<NeedProfile> profiles, String note, String visibility, Instant consentAt) {

    public static final java.util.List<String> VISIBILITIES = java.util.List.of("only_me", "following", "members");
    public static final int NOTE_MAX = 500;
    /** Bump when the consent text changes, so that the stored consent says which text was agreed to. */
    static final int CONSENT_VERSION = 1;
    /** What the consent of the needs page is for, as the history names it. */
    static final String CONSENT_PURPOSE = "access_needs";

    /**
     * One consent given ({@code given}) or withdrawn, for a purpose, with the needs it covered
     * (emptied once the consent is withdrawn: the needs are erased everywhere).
     */
    public record ConsentEvent(String purpose, boolean given, Instant at, int version, java.util.List<String> needs) {
    }
}
