package org.rampe.messaging;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/**
 * Whether a member is connected: has a live STOMP session on some instance (the user registry,
 * which with the broker relay spans every instance, as for {@link Presence}). A member with no live
 * session is away, and what reaches them must go by mail (notification emails). Without a web
 * application (the import command) nobody is connected.
 */
@Component
public class Connections {

    private final ObjectProvider<SimpUserRegistry> users;

    Connections(ObjectProvider<SimpUserRegistry> users) {
        this.users = users;
    }

    public boolean connected(String memberId) {
        SimpUserRegistry registry = users.getIfAvailable();
        if (registry == null || memberId == null) {
            return false;
        }
        SimpUser user = registry.getUser(memberId);
        return user != null && user.hasSessions();
    }
}
