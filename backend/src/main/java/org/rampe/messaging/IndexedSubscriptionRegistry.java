package org.rampe.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.broker.AbstractSubscriptionRegistry;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.PathMatcher;

/**
 * The in-memory broker's subscriptions, indexed by destination.
 *
 * <p>Spring's {@code DefaultSubscriptionRegistry} answers "who subscribed to this destination" from
 * a cache that it fills, the first time a destination is asked for, by scanning every subscription
 * of every session. Here every session has queues of its own ({@code /queue/messages-user<session>}
 * and so on, about seven), so every newly opened page pays such a scan on its first push, and the
 * cost grows with the square of the connected clients: with 2,000 clients it was a fifth of the
 * application's CPU during the messaging benchmark (JFR, run 4 in docs/benchmarks.md). Here an exact
 * destination is one map lookup, whatever the number of sessions.
 *
 * <p>Patterns ({@code /topic/a.*}) are still matched one by one, as Spring does; members may not
 * subscribe to anything but their own queues ({@link StompSecurity}), so there are normally none.
 * The STOMP {@code selector} header is not supported (the site never sends one): a subscription
 * with a selector receives everything sent to its destination, which the destination rules already
 * limit to what the member may read.
 *
 * <p>Thread-safe: the broker asks from its own threads while inbound threads subscribe and
 * unsubscribe. The subscribers of a destination are an immutable map replaced whole under
 * {@link ConcurrentHashMap#compute}, so a lookup never sees one half-changed.
 */
final class IndexedSubscriptionRegistry extends AbstractSubscriptionRegistry {

    private final PathMatcher pathMatcher = new AntPathMatcher();

    /** Exact destination → session → its subscription ids there (immutable values). */
    private final ConcurrentMap<String, Map<String, List<String>>> byDestination = new ConcurrentHashMap<>();

    /** Session → subscription id → destination (exact or pattern): what to undo when it goes. */
    private final ConcurrentMap<String, ConcurrentMap<String, String>> bySession = new ConcurrentHashMap<>();

    /** Session → subscription id → pattern, for the pattern subscriptions only. */
    private final ConcurrentMap<String, ConcurrentMap<String, String>> patterns = new ConcurrentHashMap<>();

    @Override
    protected void addSubscriptionInternal(String sessionId, String subscriptionId, String destination, Message<?> message) {
        String previous = bySession.computeIfAbsent(sessionId, s -> new ConcurrentHashMap<>()).put(subscriptionId, destination);
        if (previous != null) {
            // A client reusing a subscription id replaces that subscription, it does not add a second one.
            forget(sessionId, subscriptionId, previous);
        }
        if (pathMatcher.isPattern(destination)) {
            patterns.compute(sessionId, (s, own) -> {
                var mine = own == null ? new ConcurrentHashMap<String, String>() : own;
                mine.put(subscriptionId, destination);
                return mine;
            });
            return;
        }
        byDestination.compute(destination, (d, sessions) -> {
            Map<String, List<String>> copy = sessions == null ? new HashMap<>() : new HashMap<>(sessions);
            List<String> ids = new ArrayList<>(copy.getOrDefault(sessionId, List.of()));
            ids.add(subscriptionId);
            copy.put(sessionId, List.copyOf(ids));
            return Map.copyOf(copy);
        });
    }

    @Override
    protected void removeSubscriptionInternal(String sessionId, String subscriptionId, Message<?> message) {
        var subscriptions = bySession.get(sessionId);
        String destination = subscriptions == null ? null : subscriptions.remove(subscriptionId);
        if (destination != null) {
            forget(sessionId, subscriptionId, destination);
        }
    }

    @Override
    public void unregisterAllSubscriptions(String sessionId) {
        var subscriptions = bySession.remove(sessionId);
        if (subscriptions != null) {
            subscriptions.forEach((subscriptionId, destination) -> forget(sessionId, subscriptionId, destination));
        }
        patterns.remove(sessionId);
    }

    @Override
    protected MultiValueMap<String, String> findSubscriptionsInternal(String destination, Message<?> message) {
        Map<String, List<String>> exact = byDestination.getOrDefault(destination, Map.of());
        if (patterns.isEmpty()) {
            return CollectionUtils.unmodifiableMultiValueMap(CollectionUtils.toMultiValueMap(exact));
        }
        var result = new LinkedMultiValueMap<String, String>();
        exact.forEach(result::addAll);
        patterns.forEach((sessionId, subscriptions) -> subscriptions.forEach((subscriptionId, pattern) -> {
            if (pathMatcher.match(pattern, destination)) {
                result.add(sessionId, subscriptionId);
            }
        }));
        return result;
    }

    /** How many exact destinations have subscribers (for tests: nothing stays behind a closed session). */
    int destinations() {
        return byDestination.size();
    }

    /**
     * Whether a session subscribed to this exact destination (for tests: a SUBSCRIBE is handled by
     * the inbound pool, and a later frame of another session may be handled before it).
     */
    boolean subscribed(String destination, String sessionId) {
        return byDestination.getOrDefault(destination, Map.of()).containsKey(sessionId);
    }

    private void forget(String sessionId, String subscriptionId, String destination) {
        if (pathMatcher.isPattern(destination)) {
            patterns.computeIfPresent(sessionId, (s, own) -> {
                own.remove(subscriptionId, destination);
                return own.isEmpty() ? null : own;
            });
            return;
        }
        byDestination.computeIfPresent(destination, (d, sessions) -> {
            List<String> ids = sessions.get(sessionId);
            if (ids == null || !ids.contains(subscriptionId)) {
                return sessions;
            }
            Map<String, List<String>> copy = new HashMap<>(sessions);
            List<String> rest = new ArrayList<>(ids);
            rest.remove(subscriptionId);
            if (rest.isEmpty()) {
                copy.remove(sessionId);
            } else {
                copy.put(sessionId, List.copyOf(rest));
            }
            return copy.isEmpty() ? null : Map.copyOf(copy);
        });
    }
}
