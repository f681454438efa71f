package org.rampe.emails;

import static org.rampe.graph.Graph.params;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * One member's notification-email data as a whole, for their archive and their erasure (issue 16):
 * the items waiting for their digest and the conversations they were mailed about while away (their
 * choices are read by {@link EmailsRepository#choices}). Erasing writes handle at most
 * {@link #BATCH} items and say how many, so that the caller loops.
 */
@Repository
class MemberEmailsRepository {

    static final int BATCH = 1_000;

    private final Graph graph;

    MemberEmailsRepository(Graph graph) {
        this.graph = graph;
    }

    /** A line waiting for the member's digest: when, and about what kind of thing (never who did it). */
    record DigestLine(Instant at, String topic) {
    }

    /** A conversation they were mailed about while away. */
    record AwayMail(Instant at, String conversationId) {
    }

    /** Which kinds' choices the member set themselves (the others are the defaults). */
    List<String> chosenProperties(String member) {
        return graph.one("MATCH (m:Member {id: $m}) RETURN [k IN keys(m) WHERE k IN $properties] AS set",
                params("m", member, "properties", EmailKind.properties()), r -> r.get("set").asList(Value::asString))
                .orElse(List.of());
    }

    void digestLines(String member, Consumer<DigestLine> each) {
        graph.each("""
                MATCH (:Member {id: $m})-[:DIGEST_ITEM]->(i:DigestItem)
                RETURN i.at AS at, i.topic AS topic ORDER BY i.at""", params("m", member),
                r -> each.accept(new DigestLine(instant(r.get("at")), r.get("topic").asString(null))));
    }

    void awayMails(String member, Consumer<AwayMail> each) {
        graph.each("""
                MATCH (:Member {id: $m})-[a:AWAY_MAILED]->(c:Conversation)
                RETURN a.at AS at, c.id AS conversation ORDER BY a.at""", params("m", member),
                r -> each.accept(new AwayMail(instant(r.get("at")), r.get("conversation").asString())));
    }

    private static Instant instant(Value v) {
        return v == null || v.isNull() ? null : v.asZonedDateTime().toInstant();
    }

    /** Their digest items, and the items of others' digests about what they did ({@code by} holds their id). */
    long deleteDigestItems(String member) {
        return graph.writeOne("""
                CALL {
                    MATCH (:Member {id: $m})-[:DIGEST_ITEM]->(i:DigestItem) RETURN i
                    UNION
                    MATCH (i:DigestItem {by: $m}) RETURN i
                }
                WITH i LIMIT $batch
                DETACH DELETE i
                RETURN count(i) AS n""", params("m", member, "batch", BATCH), r -> r.get("n").asLong()).orElse(0L);
    }

    long deleteAwayMarks(String member) {
        return graph.writeOne("""
                MATCH (:Member {id: $m})-[a:AWAY_MAILED]->(:Conversation)
                WITH a LIMIT $batch
                DELETE a
                RETURN count(a) AS n""", params("m", member, "batch", BATCH), r -> r.get("n").asLong()).orElse(0L);
    }
}
