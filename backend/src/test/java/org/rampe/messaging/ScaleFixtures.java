package org.rampe.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rampe.graph.Graph;

/**
 * Data the scale-out tests and the benchmark need in the shared database, written over Bolt as
 * {@code ConversationRepository} writes it (the applications under test run in other JVMs, so their
 * {@code Messaging} bean is out of reach; the conversation's shape is the contract's).
 */
final class ScaleFixtures {

    private ScaleFixtures() {
    }

    static String memberId(Graph graph, String handle) {
        return graph.one("MATCH (m:Member {handle: $h}) RETURN m.id AS id", Map.of("h", handle), r -> r.get("id").asString())
                .orElseThrow();
    }

    /** The direct conversation of two members (by handle), as {@code Messaging.startDirect} makes it. */
    static String direct(Graph graph, String handleA, String handleB) {
        String a = memberId(graph, handleA);
        String b = memberId(graph, handleB);
        String pairKey = a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
        return graph.writeOne("""
                MATCH (a:Member {id: $a}), (b:Member {id: $b})
                MERGE (c:Conversation {pairKey: $pairKey})
                  ON CREATE SET c.id = $id, c.kind = 'direct', c.createdAt = datetime(), c.lastSeq = 0
                WITH a, b, c
                UNWIND [a, b] AS m
                MERGE (m)-[p:IN_CONVERSATION]->(c)
                  ON CREATE SET p.joinedAt = datetime(), p.readSeq = 0, p.muted = false
                RETURN DISTINCT c.id AS id""", Map.of("a", a, "b", b, "pairKey", pairKey, "id", UUID.randomUUID().toString()),
                r -> r.get("id").asString()).orElseThrow();
    }

    /**
     * Asks the instance {@code viewer} is connected to who of the conversation is present, until
     * {@code handle} is listed or {@code seconds} have passed (the instances share their user
     * registries every few seconds); returns its entry or null.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> awaitPresence(StompMember viewer, String conversationId, String handle, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            viewer.askPresence(conversationId);
            Map<String, Object> answer = StompMember.next(viewer.presence, 10);
            if (answer != null) {
                for (var entry : (List<Map<String, Object>>) answer.getOrDefault("members", List.of())) {
                    if (handle.equals(entry.get("handle"))) {
                        return entry;
                    }
                }
            }
            Thread.sleep(1000);
        }
        return null;
    }
}
