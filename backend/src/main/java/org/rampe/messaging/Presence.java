package org.rampe.messaging;

import java.util.List;
import java.util.Map;

import org.rampe.messaging.LivePayloads.PresenceEntry;
import org.rampe.messaging.LivePayloads.PresenceList;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/**
 * Who is here, from the user registry alone (nothing stored): a member with a WebSocket session is
 * <em>online</em> if one of their pages is in front of them, which chat.js says by subscribing to
 * {@value #HERE} while the page is visible (and unsubscribing when it is hidden), and <em>away</em>
 * otherwise; without a session they are offline. Subscriptions are part of the registry, which the
 * relay broadcasts between instances, so the answer holds across instances. Members who chose to
 * hide their presence ({@code Member.presenceVisible = false}) are never listed, nor anyone in a
 * block either way with the viewer (a direct conversation keeps the blocked member as a participant).
 */
@Component
@ConditionalOnWebApplication
class Presence {

    static final String HERE = "/user/queue/here";

    private final SimpUserRegistry users;
    private final MemberSettingsRepository settings;

    Presence(SimpUserRegistry users, MemberSettingsRepository settings) {
        this.users = users;
        this.settings = settings;
    }

    /** The participants other than the viewer who are online or away and show it. */
    PresenceList of(String conversationId, String viewerId, List<ConversationView.Participant> participants) {
        var others = participants.stream().filter(p -> !p.id().equals(viewerId)).toList();
        Map<String, Boolean> visible = visibility(viewerId, others.stream().map(ConversationView.Participant::id).toList());
        var entries = others.stream()
                .filter(p -> visible.getOrDefault(p.id(), false))
                .map(p -> new PresenceEntry(p.id(), p.handle(), p.name(), state(p.id())))
                .filter(e -> e.state() != null)
                .toList();
        return new PresenceList(conversationId, entries);
    }

    /** online, away or null (offline). */
    String state(String memberId) {
        SimpUser user = users.getUser(memberId);
        if (user == null || !user.hasSessions()) {
            return null;
        }
        boolean here = user.getSessions().stream()
                .anyMatch(s -> s.getSubscriptions().stream().anyMatch(sub -> HERE.equals(sub.getDestination())));
        return here ? "online" : "away";
    }

    private Map<String, Boolean> visibility(String viewerId, List<String> ids) {
        return ids.isEmpty() ? Map.of() : settings.presenceVisible(viewerId, ids);
    }
}
