package org.rampe.messaging;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Whether a member is connected: has a live STOMP session on some instance (the user registry,
 * which with the broker relay spans every instance, as for {@link Presence}). A member with no live
 * session is away, and what reaches them must go by mail (notification emails). Without a web
 * application (the import command) nobody is connected.
 */
@Component
public class Connections {

    /**
     * Resolved once, then kept: the provider itself resolves the dependency through the bean factory
     * on every call, and this is asked for every recipient of every message (in the messaging
     * benchmark's profile it cost more than the live pushes themselves).
     */
    private final SingletonSupplier<SimpUserRegistry> users;

    Connections(ObjectProvider<SimpUserRegistry> users) {
        this.users = SingletonSupplier.of(users::getIfAvailable);
    }

    public boolean connected(String memberId) {
        SimpUserRegistry registry = users.get();
        if (registry == null || memberId == null) {
            return false;
        }
        SimpUser user = registry.getUser(memberId);
        return user != null && user.hasSessions();
    }
}
