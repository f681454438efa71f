package org.rampe.members;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.rampe.graph.Graph;

/** Moves a stored session's sign-in time back, as the days would (graph store, as GraphSessionRepository keeps it). */
final class SessionClock {

    private SessionClock() {
    }

    @SuppressWarnings("unchecked")
    static void signedInDaysAgo(Graph graph, String sessionId, int days) throws IOException, ClassNotFoundException {
        byte[] stored = graph.one("MATCH (s:Session {id: $id}) RETURN s.attributes AS a", Map.of("id", sessionId),
                r -> r.get("a").asByteArray()).orElseThrow(() -> new AssertionError("No session " + sessionId));
        Map<String, Object> attributes;
        try (var in = new ObjectInputStream(new ByteArrayInputStream(stored))) {
            attributes = new HashMap<>((Map<String, Object>) in.readObject());
        }
        attributes.put(SignedInSessions.SIGNED_IN_AT, Instant.now().minus(Duration.ofDays(days)));
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(attributes);
        }
        graph.write("MATCH (s:Session {id: $id}) SET s.attributes = $a", Map.of("id", sessionId, "a", bytes.toByteArray()));
    }
}
