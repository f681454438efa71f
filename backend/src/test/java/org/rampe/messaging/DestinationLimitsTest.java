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

    @Autowired
    DestinationLimits destinationLimits;

    @Test
    void everyDestinationIsFoundWithItsLimitAndAFrameOverItIsDropped() {
        assertThat(destinationLimits.entries()).extracting(DestinationLimits.Entry::pattern).contains(
                "/app/conversations/{id}/send", "/app/conversations/{id}/presence", "/app/conversations/{id}/read");
        var viewer = new org.rampe.site.Viewer() {
            public String memberId() { return "m-1"; }
            public String handle() { return "ana"; }
            public String displayName() { return "Ana"; }
            public boolean admin() { return false; }
        };
        var user = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(viewer, null, java.util.List.of());
        var headers = org.springframework.messaging.simp.SimpMessageHeaderAccessor.create(
                org.springframework.messaging.simp.SimpMessageType.MESSAGE);
        headers.setDestination("/app/conversations/0b5c6a36-3f5e-4c8e-9a63-1f6f2f3d9a10/presence");
        headers.setUser(user);
        headers.setSessionId("s-1");
        headers.setSessionAttributes(new java.util.HashMap<>());
        var frame = org.springframework.messaging.support.MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
        int passed = 0;
        for (int i = 0; i < PRESENCE_AN_HOUR + 50 && destinationLimits.preSend(frame, null) != null; i++) {
            passed++;
        }
        assertThat(passed).isBetween(PRESENCE_AN_HOUR, PRESENCE_AN_HOUR + 49);
    }

    /**
     * Through a real STOMP session: past the allowance the frame is refused on /user/queue/errors, the
     * connection stays open, and another destination keeps its own allowance.
     */
    @Test
    void pastADestinationsAllowanceTheFrameIsRefusedOnTheErrorQueueAndTheConnectionStaysOpen() throws Exception {
        try (var ana = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("ana")));
             var leo = new LiveClient(baseUrl()).as(signUpOverHttp(baseUrl(), newMember("leo")))) {
            everyoneTakesMessages();
            String conversation = messaging.startDirect(members.idOf("ana"), "leo").id();
            ana.connect().standardQueues();
            // The allowance comes back gradually (one every 6 s), so a slow run may see a few more pass:
            // fifty more than the allowance are sure to meet the limit.
            // To a destination whose handler answers nothing (no such conversation): the allowance is taken
            // before the handler all the same, and 650 presence answers would flood the socket's buffer.
            for (int i = 0; i < PRESENCE_AN_HOUR + 50; i++) {
                ana.send("/app/conversations/no-such-conversation/presence", Map.of());
            }
            var refusal = ana.next("/user/queue/errors");
            assertThat(refusal).containsEntry("code", DestinationLimits.TOO_MANY).containsEntry("conversationId", "no-such-conversation");
            assertThat((String) refusal.get("message")).startsWith("Trop de demandes en peu de temps.");
            assertThat(ana.session.isConnected()).isTrue();

            // Another destination has its own allowance: a message still goes.
            ana.send("/app/conversations/" + conversation + "/send", Map.of("clientId", "after-the-limit", "text", "Toujours là"));
            assertThat(ana.next("/user/queue/acks")).containsEntry("clientId", "after-the-limit");
        }
    }
}
