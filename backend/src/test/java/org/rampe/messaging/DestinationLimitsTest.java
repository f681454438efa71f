package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.rampe.TestMembers.signUpOverHttp;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A STOMP destination's {@code @Limited} allowance is taken before its handler, per member: past it,
 * the frame is dropped and the session told on {@code /user/queue/errors}, in the shape the chat
 * script shows any refusal; the connection stays open and the other destinations keep working.
 */
class DestinationLimitsTest extends RampeTest {

    /** {@code @Limited("chat.presence")}: 600 an hour per member. */
    private static final int PRESENCE_AN_HOUR = 600;

    @Autowired
    Messaging messaging;

    @Test
    void pastADestinationsAllowanceTheFrameIsRefusedOnTheErrorQueueAndTheConnectionStaysOpen() throws Exception {
        try (var ana = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("ana")));
             var leo = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("leo")))) {
            String conversation = messaging.startDirect(members.idOf("ana"), "leo").id();
            ana.connect().standardQueues();
            for (int i = 0; i < PRESENCE_AN_HOUR; i++) {
                ana.send("/app/conversations/" + conversation + "/presence", Map.of());
            }
            assertThat(ana.queue("/user/queue/errors")).as("nothing refused within the allowance").isEmpty();
            ana.send("/app/conversations/" + conversation + "/presence", Map.of());
            var refusal = ana.next("/user/queue/errors");
            assertThat(refusal).containsEntry("code", DestinationLimits.TOO_MANY).containsEntry("conversationId", conversation);
            assertThat((String) refusal.get("message")).startsWith("Trop de demandes en peu de temps.");
            assertThat(ana.session.isConnected()).isTrue();

            // Another destination has its own allowance: a message still goes.
            ana.send("/app/conversations/" + conversation + "/send", Map.of("clientId", "after-the-limit", "text", "Toujours là"));
            assertThat(ana.next("/user/queue/acks")).containsEntry("clientId", "after-the-limit");
        }
    }
}
