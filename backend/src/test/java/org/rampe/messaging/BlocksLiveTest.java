package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.rampe.TestMembers.signUpOverHttp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Issue 17: a block is total in live messaging too. In a direct conversation the history stays
 * after a block, and so do both participants: nothing that is not stored (typing, presence) nor a
 * read mark crosses the block, either way. Negative checks wait as the existing typing test does.
 */
class BlocksLiveTest extends RampeTest {

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
    void aDirectConversationThenABlock() throws Exception {
        ana = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("ana")));
        leo = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("leo")));
        anaId = members.idOf("ana");
        leoId = members.idOf("leo");
        graph.write("MATCH (m:Member) SET m.messagesFrom = 'everyone'", Map.of());
        conversation = messaging.startDirect(anaId, "leo").id();
        messaging.send(anaId, conversation, "c1", "Bonjour Léo");
        new SocialFixtures(graph, events).block(leoId, anaId);
    }

    @AfterEach
    void disconnect() {
        ana.close();
        leo.close();
    }

    @Test
    void typingDoesNotReachAMemberWhoBlockedTheTypistNorTheOtherWay() throws Exception {
        ana.connect().standardQueues();
        leo.connect().standardQueues();
        BrokerSubscriptions.await(broker, users, leoId, "/queue/typing");
        BrokerSubscriptions.await(broker, users, anaId, "/queue/typing");
        ana.send("/app/conversations/" + conversation + "/typing", Map.of());
        leo.send("/app/conversations/" + conversation + "/typing", Map.of());
        assertThat(leo.queue("/user/queue/typing").poll(1, TimeUnit.SECONDS)).isNull();
        assertThat(ana.queue("/user/queue/typing").poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void presenceIsNotShownAcrossABlock() throws Exception {
        ana.connect().standardQueues();
        leo.connect().standardQueues();
        BrokerSubscriptions.await(broker, users, anaId, "/queue/presence");
        BrokerSubscriptions.await(broker, users, leoId, "/queue/presence");
        ana.send("/app/conversations/" + conversation + "/presence", Map.of());
        assertThat((List<Map<String, Object>>) ana.next("/user/queue/presence").get("members")).as("Léo, online, is not shown").isEmpty();
        leo.send("/app/conversations/" + conversation + "/presence", Map.of());
        assertThat((List<Map<String, Object>>) leo.next("/user/queue/presence").get("members")).isEmpty();
    }

    @Test
    void theBlockersReadMarkDoesNotReachTheMemberTheyBlocked() throws Exception {
        ana.connect().standardQueues();
        BrokerSubscriptions.await(broker, users, anaId, "/queue/receipts");
        messaging.markRead(leoId, conversation, 1);
        assertThat(ana.queue("/user/queue/receipts").poll(1, TimeUnit.SECONDS)).isNull();
        assertThat(ana.get("/messages/" + conversation).body()).contains("Bonjour Léo").doesNotContain("Vu par");
    }
}
