package org.rampe.places;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One open-data import at a time for the whole site, whichever process runs it (an instance's
 * administrators' page, the command line, another instance): a single {@code (:ImportLock)} node in
 * the graph (V0028) says who holds it, on what file, since when, how far it is, and when it last
 * said so (the heartbeat). A holder whose heartbeat is older than {@link #STALE} is taken to be dead
 * (its process was killed) and the lock may be taken over; a live import beats at least every
 * {@link #KEEP_ALIVE}, whatever its speed (see {@link Holding}).
 */
@Component
class ImportLock {

    /** A lock not heard from for this long belongs to a process that died. */
    static final Duration STALE = Duration.ofMinutes(3);
    /** Progress is written to the lock at most this often (the page's bar moves at that pace). */
    static final Duration BEAT = Duration.ofSeconds(5);
    /** How often a holder says it is alive whatever it reads: far within {@link #STALE}. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /** The one who holds the lock (or held it last), as the page and the command line tell it. */
    record Holder(String by, String source, String file, Instant startedAt, Instant heartbeat, long rows, int percent) {

        static Holder of(Record r) {
            return new Holder(r.get("by").asString(""), r.get("source").asString(""), r.get("file").asString(""),
                    r.get("startedAt").asZonedDateTime().toInstant(), r.get("heartbeat").asZonedDateTime().toInstant(),
                    r.get("rows").asLong(0), r.get("percent").asInt(-1));
        }

        /** What the command line prints when it is refused. */
        String describe() {
            return by + " is importing " + source + " data from " + file + " since " + startedAt
                    + " (" + rows + " rows read" + (percent >= 0 ? ", " + percent + " %" : "") + ")";
        }
    }

    /** The answer to a claim: the lock is ours ({@code holding} set), or someone else's ({@code busy} set). */
    record Claim(Holding holding, Holder busy) {
        boolean granted() {
            return holding != null;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ImportLock.class);

    private final Graph graph;
    private final Clock clock;

    @Autowired
    ImportLock(Graph graph) {
        this(graph, Clock.systemUTC());
    }

    ImportLock(Graph graph, Clock clock) {
        this.graph = graph;
        this.clock = clock;
    }

    /**
     * Takes the lock for an import of {@code file} by {@code by} ("command line" or an administrator's
     * handle), unless a live import holds it. The first SET takes the node's write lock before its
     * heartbeat is read, so that two claims at once cannot both find it free.
     */
    Claim claim(String by, String source, String file) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        var result = graph.writeOne("""
                MERGE (l:ImportLock {name: 'import'})
                SET l.claimedAt = $now
                WITH l, l.token IS NULL OR l.heartbeat < $staleBefore AS free
                FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END |
                  SET l.token = $token, l.by = $by, l.source = $source, l.file = $file,
                      l.startedAt = $now, l.heartbeat = $now, l.rows = 0, l.percent = -1)
                RETURN free, l.by AS by, l.source AS source, l.file AS file, l.startedAt AS startedAt,
                       l.heartbeat AS heartbeat, l.rows AS rows, l.percent AS percent""",
                Map.of("now", at(now), "staleBefore", at(now.minus(STALE)), "token", token, "by", by,
                        "source", source, "file", file),
                r -> r.get("free").asBoolean() ? null : Holder.of(r));
        return result.isPresent() ? new Claim(null, result.get()) : new Claim(new Holding(token), null);
    }

    /** The live import holding the lock, if any (a stale lock is none). */
    Optional<Holder> current() {
        return graph.one("""
                MATCH (l:ImportLock {name: 'import'}) WHERE l.token IS NOT NULL AND l.heartbeat >= $staleBefore
                RETURN l.by AS by, l.source AS source, l.file AS file, l.startedAt AS startedAt,
                       l.heartbeat AS heartbeat, l.rows AS rows, l.percent AS percent""",
                Map.of("staleBefore", at(clock.instant().minus(STALE))), Holder::of);
    }

    private static ZonedDateTime at(Instant instant) {
        return instant.atZone(java.time.ZoneOffset.UTC);
    }

    /** The lock as its holder has it: beat with the progress, release when done (in a finally). */
    final class Holding implements AutoCloseable {

        private final String token;
        private volatile Instant lastBeat = Instant.EPOCH;
        /** Beats every {@link #KEEP_ALIVE} whatever the import does, so that a long batch never looks like a dead process. */
        private final ScheduledExecutorService alive = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("import-heartbeat").factory());

        private Holding(String token) {
            this.token = token;
            alive.scheduleWithFixedDelay(this::beatQuietly, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void beatQuietly() {
            try {
                beat();
            } catch (RuntimeException e) {
                log.warn("Import lock heartbeat not written: {}", e.toString());
            }
        }

        /** Says how far the import is; writes at most every {@link #BEAT} unless {@code force}. */
        void beat(long rows, int percent, boolean force) {
            Instant now = clock.instant();
            if (!force && Duration.between(lastBeat, now).compareTo(BEAT) < 0) {
                return;
            }
            lastBeat = now;
            graph.write("""
                    MATCH (l:ImportLock {name: 'import', token: $token})
                    SET l.heartbeat = $now, l.rows = $rows, l.percent = $percent""",
                    Map.of("token", token, "now", at(now), "rows", rows, "percent", percent));
        }

        /** Keeps the lock alive without news (a slow batch), as a timer calls it. */
        void beat() {
            graph.write("MATCH (l:ImportLock {name: 'import', token: $token}) SET l.heartbeat = $now",
                    Map.of("token", token, "now", at(clock.instant())));
        }

        /** Whether this holding still has the lock (it was not taken over as stale). */
        boolean held() {
            return graph.exists("MATCH (l:ImportLock {name: 'import', token: $token}) RETURN true", Map.of("token", token));
        }

        @Override
        public void close() {
            alive.shutdownNow();
            graph.write("""
                    MATCH (l:ImportLock {name: 'import', token: $token})
                    REMOVE l.token
                    SET l.heartbeat = $now""", Map.of("token", token, "now", at(clock.instant())));
        }
    }
}
