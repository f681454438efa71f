package org.rampe.mail;

import static org.rampe.graph.Graph.params;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * The outbox: one {@code :OutboxMail} node a mail, from the moment a request asks for it until the
 * mail server has taken it. Instances share it; a mail is claimed for a while before it is sent,
 * so two workers never send the same one.
 */
@Repository
class OutboxRepository {

    /** One queued mail, as the worker reads it. */
    record Queued(String id, String from, String to, String subject, String text, String html, String unsubscribeUrl,
                  Instant createdAt, int attempts) {
    }

    private final Graph graph;

    OutboxRepository(Graph graph) {
        this.graph = graph;
    }

    void add(RenderedMail mail, String from) {
        graph.write("""
                CREATE (:OutboxMail {id: $id, from: $from, to: $to, subject: $subject, text: $text, html: $html,
                        unsubscribeUrl: $unsubscribe, template: $template, createdAt: datetime(), nextAttemptAt: datetime(),
                        attempts: 0})""",
                params("id", UUID.randomUUID().toString(), "from", from, "to", mail.to(), "subject", mail.subject(),
                        "text", mail.text(), "html", mail.html(), "unsubscribe", mail.unsubscribeUrl(), "template", mail.template()));
    }

    /** Up to {@code limit} due mails, oldest due first, each held by this worker until {@code leaseUntil}. */
    List<Queued> claimDue(Instant now, Instant leaseUntil, int limit) {
        return graph.writeList("""
                MATCH (m:OutboxMail) WHERE m.nextAttemptAt <= $now
                  AND (m.claimedUntil IS NULL OR m.claimedUntil < $now)
                WITH m ORDER BY m.nextAttemptAt LIMIT $limit
                // Take the node's write lock, then read the claim again: another instance's worker may
                // have claimed it between our match and our lock (Neo4j reads committed data).
                SET m._lock = true REMOVE m._lock
                WITH m WHERE m.claimedUntil IS NULL OR m.claimedUntil < $now
                SET m.claimedUntil = $lease
                RETURN m""",
                params("now", now.atOffset(ZoneOffset.UTC), "lease", leaseUntil.atOffset(ZoneOffset.UTC), "limit", limit),
                OutboxRepository::queued);
    }

    void delivered(String id) {
        graph.write("MATCH (m:OutboxMail {id: $id}) DELETE m", params("id", id));
    }

    void failed(String id, Instant nextAttempt, String error) {
        graph.write("""
                MATCH (m:OutboxMail {id: $id})
                SET m.attempts = m.attempts + 1, m.nextAttemptAt = $next, m.lastError = $error, m.claimedUntil = null""",
                params("id", id, "next", nextAttempt.atOffset(ZoneOffset.UTC), "error", error));
    }

    /** Deletes up to {@code limit} mails to this address (a seek on {@code outbox_mail_to}); returns how many. */
    long forget(String to, int limit) {
        return graph.writeOne("""
                MATCH (m:OutboxMail {to: $to})
                WITH m LIMIT $limit
                DELETE m
                RETURN count(*) AS n""", params("to", to, "limit", limit), r -> r.get("n").asLong()).orElse(0L);
    }

    long pending() {
        return graph.count("MATCH (m:OutboxMail) RETURN count(m)", params());
    }

    private static Queued queued(Record r) {
        var m = r.get("m");
        return new Queued(m.get("id").asString(), m.get("from").asString(), m.get("to").asString(),
                m.get("subject").asString(), m.get("text").asString(), m.get("html").asString(),
                m.get("unsubscribeUrl").asString(null), m.get("createdAt").asZonedDateTime().toInstant(),
                m.get("attempts").asInt());
    }
}
