package org.rampe.members.sessions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rampe.site.SharedRedis.WithoutRedis;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.stereotype.Repository;

/**
 * Spring Session's store when no Redis is configured: one {@code :Session} node per session in the
 * graph the site already has, so that a member stays signed in across a restart and several
 * instances sharing one database share their sessions too. The attributes are one Java-serialized
 * {@code byte[]} property; {@code memberId} (see {@link MemberIndex}) finds a member's sessions for
 * the "signed-in devices" page.
 *
 * <p>Writes are kept rare: a request that changed no attribute writes nothing unless its last access
 * moved more than {@link #TOUCH_AFTER} since the stored one (then only the two times), so reading
 * pages costs one indexed read per request and no write. A write never brings back a session that
 * was deleted meanwhile (ended from another device): it matches the node, it does not merge it.
 * Expired sessions are deleted when met and by a sweep every {@link #SWEEP_EVERY}.
 *
 * <p>Attributes are read back through an allow-list ({@code java.*}, Spring, Rampe): the store is
 * trusted, but a session blob is no place to accept any class at all.
 */
@Repository
@WithoutRedis
@ConditionalOnWebApplication
class GraphSessionRepository implements FindByIndexNameSessionRepository<GraphSessionRepository.GraphSession>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GraphSessionRepository.class);

    /** A request that changed nothing writes its last access only if it moved more than this. */
    static final Duration TOUCH_AFTER = Duration.ofMinutes(1);
    static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    private static final int SWEEP_BATCH = 5_000;
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "maxdepth=40;maxrefs=100000;maxbytes=4000000;java.**;org.springframework.**;org.rampe.**;!*");

    private final Graph graph;
    private final IndexResolver<Session> indexResolver;
    private final Duration defaultMaxInactive;
    private final ClassLoader classLoader = GraphSessionRepository.class.getClassLoader();
    private final ScheduledExecutorService sweeper;

    GraphSessionRepository(Graph graph, IndexResolver<Session> memberIndex, SessionSettings settings) {
        this.graph = graph;
        this.indexResolver = memberIndex;
        this.defaultMaxInactive = settings.visitorTimeout();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("session-sweeper").factory());
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, 1, SWEEP_EVERY.toMinutes(), TimeUnit.MINUTES);
    }

    /** One session as this request sees it, and what it changed. */
    static final class GraphSession implements Session {

        private final MapSession values;
        /** Its id in the graph; null until it is first stored. */
        private String storedId;
        private Instant storedLastAccess;
        private boolean attributesChanged;
        private boolean maxInactiveChanged;

        private GraphSession(MapSession values, String storedId) {
            this.values = values;
            this.storedId = storedId;
            this.storedLastAccess = values.getLastAccessedTime();
        }

        @Override
        public String getId() {
            return values.getId();
        }

        @Override
        public String changeSessionId() {
            return values.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String name) {
            return values.getAttribute(name);
        }

        @Override
        public Set<String> getAttributeNames() {
            return values.getAttributeNames();
        }

        @Override
        public void setAttribute(String name, Object value) {
            values.setAttribute(name, value);
            attributesChanged = true;
        }

        @Override
        public void removeAttribute(String name) {
            if (values.getAttribute(name) != null) {
                values.removeAttribute(name);
                attributesChanged = true;
            }
        }

        @Override
        public Instant getCreationTime() {
            return values.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            values.setLastAccessedTime(lastAccessedTime);
        }

        @Override
        public Instant getLastAccessedTime() {
            return values.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            if (!interval.equals(values.getMaxInactiveInterval())) {
                values.setMaxInactiveInterval(interval);
                maxInactiveChanged = true;
            }
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return values.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return values.isExpired();
        }

        private Instant expiresAt() {
            return getLastAccessedTime().plus(getMaxInactiveInterval());
        }
    }

    @Override
    public GraphSession createSession() {
        var values = new MapSession();
        values.setMaxInactiveInterval(defaultMaxInactive);
        return new GraphSession(values, null);
    }

    @Override
    public void save(GraphSession session) {
        if (session.storedId == null) {
            graph.write("""
                    CREATE (:Session {id: $id, memberId: $member, createdAt: $createdAt, lastAccessedAt: $lastAccessedAt,
                                      maxInactiveSeconds: $maxInactive, expiresAt: $expiresAt, attributes: $attributes})""",
                    fullParameters(session));
        } else if (!session.storedId.equals(session.getId()) || session.attributesChanged || session.maxInactiveChanged) {
            var parameters = fullParameters(session);
            parameters.put("storedId", session.storedId);
            graph.write("""
                    MATCH (s:Session {id: $storedId})
                    SET s.id = $id, s.memberId = $member, s.lastAccessedAt = $lastAccessedAt,
                        s.maxInactiveSeconds = $maxInactive, s.expiresAt = $expiresAt, s.attributes = $attributes""",
                    parameters);
        } else if (Duration.between(session.storedLastAccess, session.getLastAccessedTime()).compareTo(TOUCH_AFTER) > 0) {
            graph.write("""
                    MATCH (s:Session {id: $id})
                    SET s.lastAccessedAt = $lastAccessedAt, s.expiresAt = $expiresAt""",
                    Map.of("id", session.getId(), "lastAccessedAt", utc(session.getLastAccessedTime()),
                            "expiresAt", utc(session.expiresAt())));
        } else {
            return;
        }
        session.storedId = session.getId();
        session.storedLastAccess = session.getLastAccessedTime();
        session.attributesChanged = false;
        session.maxInactiveChanged = false;
    }

    private Map<String, Object> fullParameters(GraphSession session) {
        var parameters = new HashMap<String, Object>();
        parameters.put("id", session.getId());
        parameters.put("member", indexResolver.resolveIndexesFor(session).get(PRINCIPAL_NAME_INDEX_NAME));
        parameters.put("createdAt", utc(session.getCreationTime()));
        parameters.put("lastAccessedAt", utc(session.getLastAccessedTime()));
        parameters.put("maxInactive", session.getMaxInactiveInterval().toSeconds());
        parameters.put("expiresAt", utc(session.expiresAt()));
        parameters.put("attributes", serialize(session));
        return parameters;
    }

    @Override
    public GraphSession findById(String id) {
        var found = graph.query("""
                MATCH (s:Session {id: $id})
                RETURN s.id AS id, s.createdAt AS createdAt, s.lastAccessedAt AS lastAccessedAt,
                       s.maxInactiveSeconds AS maxInactive, s.attributes AS attributes""",
                Map.of("id", id), this::read);
        if (found.isEmpty()) {
            return null;
        }
        GraphSession session = found.getFirst();
        if (session == null || session.isExpired()) {
            deleteById(id);
            return null;
        }
        return session;
    }

    @Override
    public void deleteById(String id) {
        graph.write("MATCH (s:Session {id: $id}) DELETE s", Map.of("id", id));
    }

    @Override
    public Map<String, GraphSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        if (!PRINCIPAL_NAME_INDEX_NAME.equals(indexName) || indexValue == null) {
            return Map.of();
        }
        var sessions = new LinkedHashMap<String, GraphSession>();
        graph.list("""
                MATCH (s:Session {memberId: $member})
                WHERE s.expiresAt > datetime()
                RETURN s.id AS id, s.createdAt AS createdAt, s.lastAccessedAt AS lastAccessedAt,
                       s.maxInactiveSeconds AS maxInactive, s.attributes AS attributes""",
                Map.of("member", indexValue), this::read)
                .forEach(session -> {
                    if (session != null) {
                        sessions.put(session.getId(), session);
                    }
                });
        return sessions;
    }

    /** Deletes every expired session; returns how many. */
    long sweep() {
        long total = 0;
        while (true) {
            long deleted = graph.writeOne("""
                    MATCH (s:Session) WHERE s.expiresAt < datetime()
                    WITH s LIMIT $batch
                    DELETE s
                    RETURN count(*) AS deleted""", Map.of("batch", SWEEP_BATCH), r -> r.get("deleted").asLong()).orElse(0L);
            total += deleted;
            if (deleted < SWEEP_BATCH) {
                return total;
            }
        }
    }

    private void sweepQuietly() {
        try {
            long deleted = sweep();
            if (deleted > 0) {
                log.debug("Deleted {} expired sessions", deleted);
            }
        } catch (RuntimeException e) {
            // The database may be briefly unreachable (a restart of the graph server): the next sweep catches up.
            log.warn("Could not delete expired sessions: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
    }

    /** A stored session; null when its attributes cannot be read back (a class that changed or is not allowed). */
    private GraphSession read(Record r) {
        String id = r.get("id").asString();
        var values = new MapSession(id);
        values.setCreationTime(r.get("createdAt").asZonedDateTime().toInstant());
        values.setLastAccessedTime(r.get("lastAccessedAt").asZonedDateTime().toInstant());
        values.setMaxInactiveInterval(Duration.ofSeconds(r.get("maxInactive").asLong()));
        try {
            deserialize(r.get("attributes").asByteArray()).forEach(values::setAttribute);
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            // Signed out rather than a broken page: the member signs in again.
            log.warn("Session attributes could not be read back ({}); the session is dropped", e.toString());
            return null;
        }
        return new GraphSession(values, id);
    }

    private byte[] serialize(Session session) {
        var attributes = new HashMap<String, Object>();
        session.getAttributeNames().forEach(name -> attributes.put(name, session.getAttribute(name)));
        var bytes = new ByteArrayOutputStream(1024);
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(attributes);
        } catch (NotSerializableException e) {
            throw new IllegalStateException("A session attribute cannot be stored: " + e.getMessage()
                    + " is not Serializable (session attributes " + attributes.keySet() + ")", e);
        } catch (IOException e) {
            throw new IllegalStateException("Session attributes could not be serialized", e);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (var in = new ConfigurableObjectInputStream(new ByteArrayInputStream(bytes), classLoader)) {
            in.setObjectInputFilter(ALLOWED);
            return (Map<String, Object>) in.readObject();
        }
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
