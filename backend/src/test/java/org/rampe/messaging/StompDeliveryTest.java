package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.rampe.TestMembers.signUpOverHttp;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The live delivery protocol over the real {@code /ws} endpoint: stored before acknowledged, once
 * per client id, caught up after a reconnect, pushed whichever way a message was sent, refusals
 * in the member's language.
 */
class StompDeliveryTest extends RampeTest {

    @Autowired
    Messaging messaging;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler broker;

    @Autowired
    org.springframework.messaging.simp.user.SimpUserRegistry users;

    LiveClient ana;
    LiveClient leo;
    String anaId;
    String leoId;
    String conversation;

    @BeforeEach
    void twoMembersInAConversation() throws Exception {
        forgetLimits();
        ana = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("ana")));
        leo = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("leo")));
        anaId = members.idOf("ana");
        leoId = members.idOf("leo");
        everyoneTakesMessages();
        conversation = messaging.startDirect(anaId, "leo").id();
    }

    @AfterEach
    void disconnect() {
        ana.close();
        leo.close();
    }

    @Test
    void aMessageIsAcknowledgedAfterItIsStoredAndReachesBothParticipants() throws Exception {
        ana.connect().standardQueues();
        leo.connect().standardQueues();
        String clientId = UUID.randomUUID().toString();

        ana.send("/app/conversations/" + conversation + "/send", Map.of("clientId", clientId, "text", "Bonjour Léo"));

        Map<String, Object> ack = ana.next("/user/queue/acks");
        assertThat(ack).containsEntry("clientId", clientId).containsEntry("duplicate", false)
                .containsEntry("conversationId", conversation);
        assertThat(storedWithClientId(clientId)).as("stored before the acknowledgement").isEqualTo(1);
        assertThat(((Number) ack.get("seq")).longValue()).isEqualTo(1);

        Map<String, Object> atLeo = leo.next("/user/queue/messages");
        assertThat(atLeo).containsEntry("type", "message").containsEntry("id", ack.get("id"))
                .containsEntry("text", "Bonjour Léo").containsEntry("authorHandle", "ana");
        assertThat(ana.next("/user/queue/messages")).containsEntry("id", ack.get("id"));
    }

    @Test
    void resendingTheSameClientIdStoresOneMessageAndSaysDuplicate() throws Exception {
        ana.connect().standardQueues();
        leo.connect().standardQueues();
        String clientId = UUID.randomUUID().toString();
        var message = Map.of("clientId", clientId, "text", "Une seule fois");

        ana.send("/app/conversations/" + conversation + "/send", message);
        Map<String, Object> first = ana.next("/user/queue/acks");
        ana.send("/app/conversations/" + conversation + "/send", message);
        Map<String, Object> second = ana.next("/user/queue/acks");

        assertThat(first).containsEntry("duplicate", false);
        assertThat(second).containsEntry("duplicate", true).containsEntry("id", first.get("id")).containsEntry("seq", first.get("seq"));
        assertThat(storedWithClientId(clientId)).isEqualTo(1);
        leo.next("/user/queue/messages");
        // The resend is not pushed again: a catch-up round trip shows nothing else waited for Léo.
        leo.send("/app/conversations/" + conversation + "/catch-up", Map.of("afterSeq", 1));
        assertThat(leo.next("/user/queue/messages")).containsEntry("type", "batch");
    }

    @Test
    void catchUpAfterAReconnectReturnsExactlyTheMissedMessages() throws Exception {
        leo.connect().standardQueues();
        messaging.send(anaId, conversation, "c1", "un");
        assertThat(leo.next("/user/queue/messages")).containsEntry("seq", 1);
        leo.disconnect();

        messaging.send(anaId, conversation, "c2", "deux");
        messaging.send(anaId, conversation, "c3", "trois");

        leo.connect().standardQueues();
        leo.send("/app/conversations/" + conversation + "/catch-up", Map.of("afterSeq", 1));
        Map<String, Object> batch = leo.next("/user/queue/messages");
        assertThat(batch).containsEntry("type", "batch").containsEntry("more", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> missed = (List<Map<String, Object>>) batch.get("messages");
        assertThat(missed).extracting(m -> m.get("text")).containsExactly("deux", "trois");
        assertThat(missed).extracting(m -> ((Number) m.get("seq")).longValue()).containsExactly(2L, 3L);
    }

    @Test
    void aMessageStoredOutsideTheSocketIsPushedToConnectedParticipants() throws Exception {
        leo.connect().standardQueues();
        // Pushed from this thread at once: the broker must hold Léo's subscriptions first.
        BrokerSubscriptions.await(broker, users, leoId, "/queue/messages", "/queue/counts");
        // As the page's form does: through the service, no WebSocket involved.
        messaging.send(anaId, conversation, UUID.randomUUID().toString(), "Envoyé sans JavaScript");
        assertThat(leo.next("/user/queue/messages")).containsEntry("text", "Envoyé sans JavaScript");
        assertThat(leo.next("/user/queue/counts")).containsEntry("messages", 1).containsEntry("messagesText", ", 1 non lu");
    }

    @Test
    void aNewNotificationPushesTheHeaderCountInWords() throws Exception {
        leo.connect().standardQueues();
        BrokerSubscriptions.await(broker, users, leoId, "/queue/counts");
        new SocialFixtures(graph, events).follow(anaId, leoId);
        assertThat(leo.next("/user/queue/counts")).containsEntry("notifications", 1)
                .containsEntry("notificationsText", ", 1 non lue").containsEntry("messages", 0);
    }

    @Test
    void readingPushesAReceiptWithTheSeenByLineToTheOthers() throws Exception {
        ana.connect().standardQueues();
        leo.connect().standardQueues();
        messaging.send(anaId, conversation, "r1", "Tu as vu ?");
        leo.next("/user/queue/messages");
        leo.send("/app/conversations/" + conversation + "/read", Map.of("seq", 1));
        assertThat(ana.next("/user/queue/receipts")).containsEntry("memberId", leoId).containsEntry("seq", 1)
                .containsEntry("seenBy", "Vu par Leo");
    }

    @Test
    void typingIsPushedToTheOthersOnly() throws Exception {
        ana.connect().standardQueues();
        leo.connect().standardQueues();
        BrokerSubscriptions.await(broker, users, leoId, "/queue/typing");
        BrokerSubscriptions.await(broker, users, anaId, "/queue/typing");
        ana.send("/app/conversations/" + conversation + "/typing", Map.of());
        assertThat(leo.next("/user/queue/typing")).containsEntry("conversationId", conversation).containsEntry("handle", "ana")
                .containsEntry("name", "Ana");
        assertThat(ana.queue("/user/queue/typing").poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void refusalsArriveOnTheErrorQueueInTheMembersLanguageAndNothingIsStored() throws Exception {
        ana.connect().standardQueues();
        String clientId = UUID.randomUUID().toString();
        ana.send("/app/conversations/" + conversation + "/send", Map.of("clientId", clientId, "text", "   "));
        Map<String, Object> error = ana.next("/user/queue/errors");
        assertThat(error).containsEntry("clientId", clientId).containsEntry("code", MessagingRefusal.EMPTY)
                .containsEntry("conversationId", conversation);
        assertThat((String) error.get("message")).isNotBlank().isNotEqualTo(MessagingRefusal.EMPTY);
        assertThat(storedWithClientId(clientId)).isZero();

        String tooLong = "x".repeat(5_001);
        ana.send("/app/conversations/" + conversation + "/send", Map.of("clientId", "long-1", "text", tooLong));
        assertThat(ana.next("/user/queue/errors")).containsEntry("code", MessagingRefusal.TOO_LONG);
        assertThat(storedWithClientId("long-1")).isZero();
    }

    @Test
    void theRateLimitIsAClearRefusal() throws Exception {
        ana.connect().standardQueues();
        // The allowance refills a little every few seconds, so count until the refusal rather than to exactly 20.
        for (int i = 0; i < SendThrottle.PER_MINUTE * 3; i++) {
            String clientId = "m-" + i;
            ana.send("/app/conversations/" + conversation + "/send", Map.of("clientId", clientId, "text", "n° " + i));
            Map<String, Object> ack = null;
            Map<String, Object> error = null;
            long end = System.nanoTime() + LiveClient.WAIT.toNanos();
            while (ack == null && error == null && System.nanoTime() < end) {
                ack = ana.queue("/user/queue/acks").poll(50, TimeUnit.MILLISECONDS);
                error = ack == null ? ana.queue("/user/queue/errors").poll() : null;
            }
            if (error != null) {
                assertThat(i).as("refused only after the allowance").isGreaterThanOrEqualTo(SendThrottle.PER_MINUTE);
                assertThat(error).containsEntry("code", MessagingRefusal.RATE_LIMITED).containsEntry("clientId", clientId);
                assertThat((String) error.get("message")).contains("Attendez une minute");
                assertThat(storedWithClientId(clientId)).isZero();
                return;
            }
            assertThat(ack).as("an answer to %s", clientId).isNotNull().containsEntry("clientId", clientId);
        }
        throw new AssertionError("never refused");
    }

    @Test
    void presenceSaysAwayOrOnlineAndNothingForWhoHidesIt() throws Exception {
        ana.connect().standardQueues();
        leo.connect().standardQueues();
        BrokerSubscriptions.await(broker, users, leoId, "/queue/presence");
        assertThat(presenceOfAnaSeenByLeo()).isEqualTo("away");
        ana.subscribe(Presence.HERE); // her page is in front of her
        long end = System.nanoTime() + LiveClient.WAIT.toNanos();
        String state = presenceOfAnaSeenByLeo();
        while (!"online".equals(state) && System.nanoTime() < end) {
            state = presenceOfAnaSeenByLeo();
        }
        assertThat(state).isEqualTo("online");

        messaging.saveSettings(anaId, new MessagingSettings(true, false));
        assertThat(presenceOfAnaSeenByLeo()).as("hidden").isNull();
        ana.disconnect();
    }

    @SuppressWarnings("unchecked")
    private String presenceOfAnaSeenByLeo() throws InterruptedException {
        leo.send("/app/conversations/" + conversation + "/presence", Map.of());
        var members = (List<Map<String, Object>>) leo.next("/user/queue/presence").get("members");
        return members.stream().filter(m -> anaId.equals(m.get("memberId"))).map(m -> (String) m.get("state")).findFirst().orElse(null);
    }

    private long storedWithClientId(String clientId) {
        return graph.count("MATCH (m:Message) WHERE m.clientKey ENDS WITH $k RETURN count(m) AS n", Map.of("k", ":" + clientId));
    }

}
