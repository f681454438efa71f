package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.QueryPlans.assertScansNothing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.QueryPlans;
import org.rampe.QueryPlans.Operator;
import org.rampe.RampeTest;

/**
 * The hot messaging reads start from the member and the conversation found through their
 * uniqueness constraints and reach messages through {@code message_conversation_seq}: checked with
 * {@code EXPLAIN} on the Cypher that {@link ConversationRepository}, {@link MessageRepository} and
 * {@link ReadMarkRepository} run. Nothing scans a label.
 */
class MessagingQueryPlanTest extends RampeTest {

    private List<Operator> operators(String query) {
        Map<String, Object> params = new HashMap<>();
        params.put("viewer", "someone");
        params.put("conversation", "some-conversation");
        params.put("before", Long.MAX_VALUE);
        params.put("after", 0L);
        params.put("limit", 50);
        params.put("sender", "someone");
        params.put("clientKey", "someone:1");
        params.put("id", "a-message");
        params.put("text", "Bonjour");
        params.put("ids", List.of("someone", "someone-else"));
        params.put("image", null);
        // In a write transaction: sending is a write.
        return QueryPlans.explainInWrite(graph, query, params);
    }

    private static void seeksMemberAndConversation(List<Operator> ops) {
        assertScansNothing(ops);
        assertThat(ops).as("member seek in %s", ops).anyMatch(o -> o.seeksUnique("me:Member(id) WHERE id = $viewer"));
        assertThat(ops).as("conversation seek in %s", ops).anyMatch(o -> o.seeksUnique("c:Conversation(id) WHERE id = $conversation"));
    }

    @Test
    void isParticipantSeeksBothNodesAndScansNothing() {
        seeksMemberAndConversation(operators(ConversationRepository.IS_PARTICIPANT));
    }

    @Test
    void historySeeksTheMessagesByConversationAndSeq() {
        var ops = operators(MessageRepository.HISTORY);
        seeksMemberAndConversation(ops);
        assertThat(ops).as("message range seek in %s", ops).anyMatch(o -> o.name().contains("NodeIndexSeek")
                && o.details().contains("x:Message(conversationId, seq)") && o.details().contains("seq < $before"));
    }

    @Test
    void catchUpSeeksTheMessagesByConversationAndSeq() {
        var ops = operators(MessageRepository.AFTER);
        seeksMemberAndConversation(ops);
        assertThat(ops).as("message range seek in %s", ops).anyMatch(o -> o.name().contains("NodeIndexSeek")
                && o.details().contains("x:Message(conversationId, seq)") && o.details().contains("seq > $after"));
    }

    @Test
    void sendingSeeksConversationSenderAndClientKeyAndScansNothing() {
        var ops = operators(MessageRepository.SEND);
        assertScansNothing(ops);
        assertThat(ops).as("conversation seek in %s", ops).anyMatch(o -> o.name().startsWith("NodeUniqueIndexSeek")
                && o.details().contains("UNIQUE c:Conversation(id) WHERE id = $conversation"));
        assertThat(ops).as("sender seek in %s", ops).anyMatch(o -> o.name().startsWith("NodeUniqueIndexSeek")
                && o.details().contains("UNIQUE me:Member(id) WHERE id = $sender"));
        assertThat(ops).as("client key seek in %s", ops).anyMatch(o -> o.name().startsWith("NodeUniqueIndexSeek")
                && o.details().contains("UNIQUE x0:Message(clientKey) WHERE clientKey = $clientKey"));
    }

    @Test
    void headerCountsOfManyMembersSeekEachMemberAndScanNothing() {
        var ops = operators(ReadMarkRepository.UNREAD_TOTALS);
        assertScansNothing(ops);
        assertThat(ops).as("member seek in %s", ops).anyMatch(o -> o.seeksUnique("me:Member(id) WHERE id = id"));
    }

    @Test
    void theCheckCatchesAScan() {
        var ops = operators("MATCH (x:Message) WHERE x.text = $viewer RETURN x");
        assertThat(ops).anyMatch(Operator::isScan);
    }
}
