package org.rampe.members;

import java.util.LinkedHashMap;
import java.util.Set;

import org.rampe.mail.Mailer;
import org.springframework.stereotype.Component;

/**
 * The account (identity, sign-in, whether the address is verified, language and display settings),
 * its pending single-use links ({@code HAS_TOKEN} to an {@code :AccountToken}), the declared access needs
 * and the history of their consent ({@code CONSENTED} to {@code :ConsentEvent}), and the archives the
 * member asked for ({@code ASKED_FOR} to {@code :Archive}). Exports {@code profile.json} and
 * {@code needs.json}; the pending links are in {@code account-security.json} (written with the
 * sessions, by {@link SessionsMemberData}).
 */
@Component
class AccountMemberData implements MemberData {

    private final MemberProperties properties;
    private final ErasureRepository erasures;
    private final AccountTokenRepository tokens;
    private final AccessNeedsRepository needs;
    private final Mailer mailer;

    AccountMemberData(MemberProperties properties, ErasureRepository erasures, AccountTokenRepository tokens,
                      AccessNeedsRepository needs, Mailer mailer) {
        this.properties = properties;
        this.erasures = erasures;
        this.tokens = tokens;
        this.needs = needs;
        this.mailer = mailer;
    }

    @Override
    public Coverage covers() {
        return new Coverage("account",
                Set.of("HAS_NEEDS", "HAS_TOKEN", "CONSENTED", "ASKED_FOR"),
                Set.of("id", "email", "handle", "displayName", "passwordHash", "language", "createdAt", "textSize", "highContrast",
                        "dyslexiaFont", "reducedMotion", "hideMap", "demo", "emailVerifiedAt",
                        // issue 17: the handle's lookalike key (HandleSkeletons); a clash left by the key's backfill
                        "handleSkeleton", "skeletonClash",
                        // issue 16: a member being erased (MemberErasure), until their node is gone
                        "erasingSince", "erasureChoice"));
    }

    @Override
    public void export(MemberArchive archive) {
        var member = archive.member();
        archive.json("profile.json", json -> {
            json.field("format", 1);
            json.field("profile", properties.of(member).map(LinkedHashMap::new).orElse(null));
        });
        archive.json("needs.json", json -> json
                .field("format", 1)
                .field("needs", needs.stored(member).orElse(null))
                .array("consentHistory", items -> needs.eachConsent(member, items::add)));
    }

    /**
     * The account's own part, run last of all (MemberErasure): every single-use link, the access
     * needs with their consent history, the mail still waiting for the address, and the handle's
     * reservation for 30 days (by digest). The member node itself goes after this.
     */
    @Override
    public void erase(Erasure erasure) {
        MemberId member = erasure.member();
        tokens.deleteAll(member, java.util.List.of(TokenPurpose.values()));
        needs.eraseWithConsentHistory(member);
        erasures.handleAndEmail(member).ifPresent(found -> {
            mailer.forget(found[1]);
            if (found[0] != null) {
                erasures.reserve(MemberErasure.digest(found[0]), erasure.at().plus(MemberErasure.HANDLE_RESERVED));
                // issue 17: its lookalikes too, so nobody takes "pau1" the day "paul" leaves
                erasures.reserve(HandleSkeletons.reservationDigest(found[0]), erasure.at().plus(MemberErasure.HANDLE_RESERVED));
            }
        });
    }
}
