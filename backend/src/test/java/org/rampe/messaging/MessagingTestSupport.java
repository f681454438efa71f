package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.rampe.graph.Graph;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * What the tests of the messaging service share: the real embedded Neo4j, three members (Ana, Léo,
 * Zoé) written with Cypher, and every messaging event as it is published, each with whether its
 * message was already readable then.
 */
abstract class MessagingTestSupport extends RampeTest {

    @Autowired
    Messaging messaging;

    @Autowired
    ConfigurableApplicationContext context;

    SocialFixtures social;
    String ana;
    String leo;
    String zoe;

    /** Events as they are published, each with whether its message was already readable then. */
    final List<Object> published = new CopyOnWriteArrayList<>();
    final List<Boolean> storedWhenPublished = new CopyOnWriteArrayList<>();
    ApplicationListener<PayloadApplicationEvent<?>> listener;

    @BeforeEach
    void threeMembersAndTheirEvents() {
        social = new SocialFixtures(graph, context);
        ana = members.create("ana");
        leo = members.create("leo");
        zoe = members.create("zoe");
        everyoneTakesMessages();
        listener = e -> {
            Object payload = e.getPayload();
            if (payload instanceof MessageSent sent) {
                published.add(sent);
                storedWhenPublished.add(count("MATCH (x:Message {id: $id}) RETURN count(x)", "id", sent.message().id()) == 1);
            } else if (payload instanceof MessageEdited || payload instanceof MessageDeleted || payload instanceof ConversationRead) {
                published.add(payload);
            }
        };
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    long count(String query, Object... pairs) {
        return graph.count(query, Graph.params(pairs));
    }

    long messages() {
        return count("MATCH (x:Message) RETURN count(x)");
    }

    String direct() {
        return messaging.startDirect(ana, "leo").id();
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MessagingRefusal.class, e -> assertThat(e.key()).isEqualTo(key));
    }
}
