package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rampe.TestMembers.newMember;
import static org.rampe.TestMembers.signUpOverHttp;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.XssCorpus;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may open a STOMP session, subscribe and send, against the real server: members only, from
 * the site's own origin, with the page's CSRF token; subscriptions only to one's own queues;
 * sends only into one's own conversations; hostile text arrives inert.
 */
class StompSecurityTest extends RampeTest {

    @Autowired
    Messaging messaging;

    @Autowired
    org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler broker;

    LiveClient ana;
    LiveClient leo;
    LiveClient zoe;
    String anaId;
    String leoId;
    String conversation;

    @BeforeEach
    void membersAndAConversationZoeIsNotIn() throws Exception {
        forgetLimits();
        ana = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("ana")));
        leo = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("leo")));
        zoe = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("zoe")));
        anaId = members.idOf("ana");
        leoId = members.idOf("leo");
        everyoneTakesMessages();
        conversation = messaging.startDirect(anaId, "leo").id();
    }

    @AfterEach
    void disconnect() {
        ana.close();
        leo.close();
        zoe.close();
    }

    @Test
    void aConnectWithoutTheCsrfTokenIsRefused() throws Exception {
        var refused = ana.connectAsync(baseUrl(), null, true);
        assertThat(ana.refusal()).isEqualTo("ERROR frame: csrf");
        assertThat(refused).isNotCompleted();

        var wrongToken = leo.connectAsync(baseUrl(), "not-the-token", true);
        assertThat(leo.refusal()).isEqualTo("ERROR frame: csrf");
        assertThat(wrongToken).isNotCompleted();

        // The same member with the page's token gets in: the refusals above were about the token.
        ana.connect();
        assertThat(ana.session.isConnected()).isTrue();
    }

    @Test
    void aForeignOriginIsRefusedAtTheHandshake() throws Exception {
        var foreign = ana.connectAsync("https://evil.example", ana.csrfToken(), true);
        assertThatThrownBy(() -> foreign.get(LiveClient.WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasStackTraceContaining("403");
    }

    @Test
    void anAnonymousVisitorCannotConnect() throws Exception {
        var visitor = new LiveClient(baseUrl());
        var anonymous = visitor.connectAsync(baseUrl(), null, false);
        assertThatThrownBy(() -> anonymous.get(LiveClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        // Even with a session cookie of its own (a visitor's session has no member).
        visitor.get("/signin");
        var withCookie = visitor.connectAsync(baseUrl(), "anything", true);
        assertThatThrownBy(() -> withCookie.get(LiveClient.WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(visitor.errors).isNotEmpty();
    }

    @Test
    void subscribingToAnotherMembersQueueOrAConversationTopicIsRefusedAndReceivesNothing() throws Exception {
        leo.connect().standardQueues();
        for (String forbidden : List.of("/user/" + leoId + "/queue/messages", "/topic/conversations." + conversation,
                "/queue/messages", "/topic/rampe.user-registry")) {
            try (var spy = new LiveClient(baseUrl())) {
                spy.signIn("zoe").connect().subscribe(forbidden);
                messaging.send(anaId, conversation, UUID.randomUUID().toString(), "Pour Léo seulement");
                leo.next("/user/queue/messages");
                assertThat(spy.refusalAfterConnected()).as("the subscription to %s is refused", forbidden)
                        .isIn("ERROR frame: forbidden", LiveClient.CLOSED_WITHOUT_REASON);
                assertThat(spy.queue(forbidden).poll(1, TimeUnit.SECONDS)).as(forbidden).isNull();
            }
        }
    }

    @Test
    void sendingIntoAConversationOneIsNotInIsRefusedAndNothingIsStored() throws Exception {
        zoe.connect().standardQueues();
        leo.connect().standardQueues();
        String clientId = UUID.randomUUID().toString();

        zoe.send("/app/conversations/" + conversation + "/send", Map.of("clientId", clientId, "text", "Je m’invite"));

        assertThat(zoe.next("/user/queue/errors")).containsEntry("code", MessagingRefusal.NOT_PARTICIPANT)
                .containsEntry("clientId", clientId);
        assertThat(count("MATCH (m:Message) RETURN count(m) AS n")).isZero();
        zoe.send("/app/conversations/" + conversation + "/catch-up", Map.of("afterSeq", 0));
        assertThat(zoe.next("/user/queue/errors")).containsEntry("code", MessagingRefusal.NOT_PARTICIPANT);
        assertThat(leo.queue("/user/queue/messages").poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void sendingStraightToABrokerDestinationIsRefused() throws Exception {
        leo.connect().standardQueues();
        zoe.connect();
        zoe.send("/user/" + leoId + "/queue/messages", Map.of("type", "message", "text", "faux message"));
        assertThat(zoe.refusalAfterConnected()).isIn("ERROR frame: forbidden", LiveClient.CLOSED_WITHOUT_REASON);
        try (var again = new LiveClient(baseUrl())) {
            again.signIn("zoe").connect();
            again.send("/topic/anything", Map.of("text", "faux"));
            assertThat(again.refusalAfterConnected()).isIn("ERROR frame: forbidden", LiveClient.CLOSED_WITHOUT_REASON);
        }
        assertThat(leo.queue("/user/queue/messages").poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void theBrokerIndexesSubscriptionsAndForgetsAClosedSession() throws Exception {
        assertThat(broker.getSubscriptionRegistry()).isInstanceOf(IndexedSubscriptionRegistry.class);
        var registry = (IndexedSubscriptionRegistry) broker.getSubscriptionRegistry();
        int before = registry.destinations();
        leo.connect().standardQueues();
        ana.connect().standardQueues();
        ana.send("/app/conversations/" + conversation + "/send", Map.of("clientId", UUID.randomUUID().toString(), "text", "Bonjour"));
        assertThat(leo.next("/user/queue/messages")).containsEntry("text", "Bonjour");
        assertThat(registry.destinations()).isEqualTo(before + 14);

        leo.disconnect();
        ana.disconnect();
        long end = System.nanoTime() + LiveClient.WAIT.toNanos();
        while (registry.destinations() > before && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(registry.destinations()).isEqualTo(before);
    }

    @Test
    void hostileStringsArriveInert() throws Exception {
        ana.connect().standardQueues();
        leo.connect().standardQueues();
        int sent = 0;
        for (String hostile : XssCorpus.strings()) {
            if (sent++ % 15 == 0) {
                forgetLimits();
            }
            ana.send("/app/conversations/" + conversation + "/send", Map.of("clientId", UUID.randomUUID().toString(), "text", hostile));
            Map<String, Object> message = leo.next("/user/queue/messages");
            String html = (String) message.get("html");
            assertThat(XssCorpus.activeContent("<!DOCTYPE html><html><body>" + html + "</body></html>"))
                    .as("the html of %s", hostile).isEmpty();
            assertThat(html).doesNotContain("<script", "<img", "<iframe", "<svg");
            assertThat(message.get("text")).as("the plain text is the text as written, never markup the client would insert")
                    .isEqualTo(hostile.strip());
        }
    }

    private long count(String cypher) {
        return graph.count(cypher, Map.of());
    }

}
