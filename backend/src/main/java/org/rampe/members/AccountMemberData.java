package org.rampe.members;

import java.util.LinkedHashMap;
import java.util.Set;

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
    private final AccessNeedsRepository needs;

    AccountMemberData(MemberProperties properties, AccessNeedsRepository needs) {
        this.properties = properties;
        this.needs = needs;
    }

    @Override
    public Coverage covers() {
        return new Coverage("account",
                Set.of("HAS_NEEDS", "HAS_TOKEN", "CONSENTED", "ASKED_FOR"),
                Set.of("id", "email", "handle", "displayName", "passwordHash", "language", "createdAt", "textSize", "highContrast",
                        "dyslexiaFont", "reducedMotion", "hideMap", "demo", "emailVerifiedAt"));
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

    @Override
    public void erase(Erasure erasure) {
        // issue 16: this feature's part of the erasure
    }
}
