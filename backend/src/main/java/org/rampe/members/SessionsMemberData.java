package org.rampe.members;

import java.time.Instant;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * A member's signed-in sessions: {@code :Session} nodes carrying a {@code memberId} (or Redis keys),
 * tied to no {@code :Member} by a relationship and holding no {@code :Member} property, so nothing to
 * declare. Writes the archive's {@code account-security.json}: the sessions (device, signed in, last
 * seen), and with them the account's other ways in, so that one file answers "who can get into my
 * account": passkeys, pending sign-in links and account links (never a key, token or hash).
 */
@Component
class SessionsMemberData implements MemberData {

    /** One signed-in device, as the archive lists it. */
    record SessionItem(String device, String browser, String system, Instant signedInAt, Instant lastSeenAt) {
    }

    private final MemberSessions sessions;
    private final AccountSecurityRepository security;

    SessionsMemberData(MemberSessions sessions, AccountSecurityRepository security) {
        this.sessions = sessions;
        this.security = security;
    }

    @Override
    public Coverage covers() {
        return new Coverage("sessions", Set.of(), Set.of());
    }

    @Override
    public void export(MemberArchive archive) {
        var member = archive.member();
        archive.json("account-security.json", json -> json
                .field("format", 1)
                .array("passkeys", items -> security.eachPasskey(member, items::add))
                .array("sessions", items -> sessions.of(member, null).forEach(s -> {
                    var device = Device.of(s.device());
                    items.add(new SessionItem(s.device(), device.browser(), device.system(), s.signedInAt(), s.lastSeenAt()));
                }))
                .array("signInLinks", items -> security.eachSignInLink(member, items::add))
                .array("accountLinks", items -> security.eachAccountLink(member, items::add)));
    }

    @Override
    public void erase(Erasure erasure) {
        // Ended when the member was marked (MemberErasure); again here, for a resumed erasure.
        sessions.endAllExcept(erasure.member(), null);
    }
}
