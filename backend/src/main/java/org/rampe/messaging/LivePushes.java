package org.rampe.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.rampe.messaging.LivePayloads.Counts;
import org.rampe.messaging.LivePayloads.LiveMessage;
import org.rampe.messaging.LivePayloads.Receipt;
import org.rampe.notifications.NotificationsChanged;
import org.rampe.site.UnreadNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Everything the server pushes on its own: each stored message, edit and deletion to every
 * participant's {@code /user/queue/messages} (from the events, so a message sent from the page's
 * form is pushed as well as one sent live), read receipts, and the header counts.
 * <p>
 * Counts are coalesced: a member marked as changed gets one push within a second, however many
 * messages or notifications arrived, and only if they are connected somewhere (the user registry,
 * which with the relay spans every instance). Each second's counts are read in two queries for all
 * the members whose counts changed; per message and participant they were the largest share of the
 * graph's work in the send benchmark.
 */
@Component
@ConditionalOnWebApplication
class LivePushes {

    static final String MESSAGES = "/queue/messages";
    static final String ACKS = "/queue/acks";
    static final String ERRORS = "/queue/errors";
    static final String RECEIPTS = "/queue/receipts";
    static final String TYPING = "/queue/typing";
    static final String PRESENCE = "/queue/presence";
    static final String COUNTS = "/queue/counts";
    static final Duration COUNTS_EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(LivePushes.class);

    private final SimpMessageSendingOperations template;
    private final SimpUserRegistry users;
    private final ObjectProvider<Messaging> messaging;
    private final ObjectProvider<UnreadNotifications> notifications;
    private final MessageSource words;
    private final MemberLanguages languages;
    private final Set<String> countsChanged = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledFuture<?> flushing;

    LivePushes(SimpMessageSendingOperations template, SimpUserRegistry users, ObjectProvider<Messaging> messaging,
            ObjectProvider<UnreadNotifications> notifications, @Lazy TaskScheduler messageBrokerTaskScheduler,
            MessageSource words, MemberLanguages languages) {
        this.words = words;
        this.languages = languages;
        this.template = template;
        this.users = users;
        this.messaging = messaging;
        this.notifications = notifications;
        this.flushing = messageBrokerTaskScheduler.scheduleWithFixedDelay(this::flushCounts, COUNTS_EVERY);
    }

    @PreDestroy
    void stop() {
        flushing.cancel(false);
    }

    /** To every session of a member (on any instance). */
    void toUser(String memberId, String destination, Object payload) {
        var user = users.getUser(memberId);
        if (user == null || user.getSessions().size() < 2) {
            template.convertAndSendToUser(memberId, destination, payload);
            return;
        }
        // One send per session, straight to the broker destination each session subscribed to (what
        // the user destination resolver computes: destination + "-user" + session id). Through the
        // resolver, a member with two sessions got pushes on one only: with receive order preserved,
        // Spring 7.0's UserDestinationMessageHandler failed on the second session ("Expected mutable
        // SimpMessageHeaderAccessor"), and its per-session path then reached neither of a member's
        // sessions on two instances (ScaleOutTest). The registry spans the instances with the relay,
        // so a session on another instance is reached through its queue in the broker. Clients
        // dispatch by subscription id, not by the destination header.
        for (var session : user.getSessions()) {
            template.convertAndSend(destination + "-user" + session.getId(), payload);
        }
    }

    /** To one WebSocket session only (an acknowledgement, a refusal, a catch-up answer). */
    void toSession(String memberId, String sessionId, String destination, Object payload) {
        var headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(sessionId);
        headers.setLeaveMutable(true);
        template.convertAndSendToUser(memberId, destination, payload, headers.getMessageHeaders());
    }

    @EventListener
    void on(MessageSent e) {
        var payload = LiveMessage.of("message", e.message());
        for (String recipient : e.recipientIds()) {
            toUser(recipient, MESSAGES, payload);
            if (!Objects.equals(recipient, e.message().authorId())) {
                countsChanged.add(recipient);
            }
        }
    }

    @EventListener
    void on(MessageEdited e) {
        var payload = LiveMessage.of("edited", e.message());
        e.recipientIds().forEach(r -> toUser(r, MESSAGES, payload));
    }

    @EventListener
    void on(MessageDeleted e) {
        var payload = LiveMessage.deleted(e);
        e.recipientIds().forEach(r -> toUser(r, MESSAGES, payload));
    }

    /**
     * Others learn how far a member read only if the member shows read receipts; the reader's own
     * count changes anyway. Each recipient gets the "seen by" line as their page would draw it
     * (the participants other than them who show receipts and have read the newest message).
     */
    @EventListener
    void on(ConversationRead e) {
        countsChanged.add(e.memberId());
        if (!e.receiptsVisible()) {
            return;
        }
        var view = messaging.getObject().open(e.memberId(), e.conversationId()).orElse(null);
        if (view == null) {
            return;
        }
        for (String recipient : e.recipientIds()) {
            if (recipient.equals(e.memberId())) {
                continue;
            }
            List<String> seen = view.participants().stream()
                    .filter(p -> !p.id().equals(recipient) && p.readReceipts() && p.readSeq() > 0 && p.readSeq() >= view.lastSeq())
                    .map(ConversationView.Participant::name)
                    .toList();
            String line = seen.isEmpty() ? "" : words.getMessage("messaging.seenBy", new Object[] {String.join(", ", seen)}, languages.of(recipient));
            toUser(recipient, RECEIPTS, new Receipt(e.conversationId(), e.memberId(), e.handle(), e.seq(), view.lastSeq(), line));
        }
    }

    @EventListener
    void on(NotificationsChanged e) {
        countsChanged.add(e.memberId());
    }

    void flushCounts() {
        if (countsChanged.isEmpty()) {
            return;
        }
        var changed = new ArrayList<>(countsChanged);
        countsChanged.removeAll(changed);
        // Not connected anywhere: the next page they open shows the counts.
        var members = changed.stream().filter(id -> users.getUser(id) != null).toList();
        if (members.isEmpty()) {
            return;
        }
        Map<String, Long> notificationCounts;
        Map<String, Long> messageCounts;
        try {
            // Two queries for everyone who changed in the last second, not two per member.
            var unreadNotifications = notifications.getIfAvailable();
            notificationCounts = unreadNotifications == null ? Map.of() : unreadNotifications.counts(members);
            messageCounts = messaging.getObject().counts(members);
        } catch (RuntimeException e) {
            // Counts that cannot be read now are pushed with the next change; the pages show them anyway.
            log.warn("Could not push the counts of {} members: {}", members.size(), e.toString());
            return;
        }
        for (String memberId : members) {
            long notificationCount = notificationCounts.getOrDefault(memberId, 0L);
            long messageCount = messageCounts.getOrDefault(memberId, 0L);
            Locale locale = languages.of(memberId);
            toUser(memberId, COUNTS, new Counts(notificationCount, messageCount,
                    notificationCount > 0 ? words.getMessage("notification.nav.unread", new Object[] {notificationCount}, locale) : "",
                    messageCount > 0 ? words.getMessage("messaging.nav.unread", new Object[] {messageCount}, locale) : ""));
        }
    }
}
