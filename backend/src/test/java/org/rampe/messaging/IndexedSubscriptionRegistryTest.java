package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.DefaultSubscriptionRegistry;
import org.springframework.messaging.simp.broker.SubscriptionRegistry;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The broker's indexed registry answers what Spring's default one answers (same sessions, same
 * subscription ids) for exact destinations and patterns, through subscribing, unsubscribing and
 * sessions closing, and forgets a closed session entirely.
 */
class IndexedSubscriptionRegistryTest {

    private final IndexedSubscriptionRegistry registry = new IndexedSubscriptionRegistry();

    @Test
    void findsTheSubscribersOfAnExactDestination() {
        subscribe(registry, "s1", "sub-0", "/queue/messages-users1");
        subscribe(registry, "s1", "sub-1", "/queue/acks-users1");
        subscribe(registry, "s2", "sub-0", "/queue/messages-users2");
        subscribe(registry, "s3", "sub-0", "/topic/shared");
        subscribe(registry, "s4", "a", "/topic/shared");
        subscribe(registry, "s4", "b", "/topic/shared");

        assertThat(find(registry, "/queue/messages-users1")).isEqualTo(Map.of("s1", List.of("sub-0")));
        assertThat(find(registry, "/queue/acks-users1")).isEqualTo(Map.of("s1", List.of("sub-1")));
        assertThat(find(registry, "/topic/shared")).isEqualTo(Map.of("s3", List.of("sub-0"), "s4", List.of("a", "b")));
        assertThat(find(registry, "/queue/nobody")).isEmpty();
    }

    @Test
    void unsubscribingAndClosingASessionLeaveNothingBehind() {
        subscribe(registry, "s1", "sub-0", "/queue/messages-users1");
        subscribe(registry, "s1", "sub-1", "/topic/shared");
        subscribe(registry, "s2", "sub-0", "/topic/shared");
        subscribe(registry, "s1", "sub-2", "/topic/shared.*");

        registry.unregisterSubscription(frame(SimpMessageType.UNSUBSCRIBE, "s1", "sub-1", null));
        assertThat(find(registry, "/topic/shared")).isEqualTo(Map.of("s2", List.of("sub-0")));
        assertThat(find(registry, "/topic/shared.x")).isEqualTo(Map.of("s1", List.of("sub-2")));

        registry.unregisterAllSubscriptions("s1");
        assertThat(find(registry, "/queue/messages-users1")).isEmpty();
        assertThat(find(registry, "/topic/shared.x")).isEmpty();
        registry.unregisterAllSubscriptions("s2");
        assertThat(registry.destinations()).isZero();
    }

    @Test
    void aReusedSubscriptionIdReplacesTheSubscription() {
        subscribe(registry, "s1", "sub-0", "/topic/a");
        subscribe(registry, "s1", "sub-0", "/topic/b");

        assertThat(find(registry, "/topic/a")).isEmpty();
        assertThat(find(registry, "/topic/b")).isEqualTo(Map.of("s1", List.of("sub-0")));
    }

    @Test
    void answersAsSpringsDefaultRegistryDoesThroughARandomHistory() {
        var spring = new DefaultSubscriptionRegistry();
        var random = new Random(7);
        List<String> destinations = List.of("/queue/a", "/queue/b", "/topic/c", "/topic/c.d", "/topic/c.e");
        List<String> subscribable = List.of("/queue/a", "/queue/b", "/topic/c", "/topic/c.d", "/topic/c.*", "/topic/**");
        for (int step = 0; step < 5_000; step++) {
            String session = "s" + random.nextInt(12);
            String id = "sub-" + random.nextInt(4);
            int what = random.nextInt(10);
            if (what < 6) {
                // Spring's registry adds a second subscription under a reused id; ours replaces it. Both
                // agree when a client does what STOMP asks (a fresh id per subscription), as here.
                var unsubscribe = frame(SimpMessageType.UNSUBSCRIBE, session, id, null);
                spring.unregisterSubscription(unsubscribe);
                registry.unregisterSubscription(unsubscribe);
                String destination = subscribable.get(random.nextInt(subscribable.size()));
                subscribe(spring, session, id, destination);
                subscribe(registry, session, id, destination);
            } else if (what < 9) {
                var unsubscribe = frame(SimpMessageType.UNSUBSCRIBE, session, id, null);
                spring.unregisterSubscription(unsubscribe);
                registry.unregisterSubscription(unsubscribe);
            } else {
                spring.unregisterAllSubscriptions(session);
                registry.unregisterAllSubscriptions(session);
            }
            for (String destination : destinations) {
                assertThat(sorted(find(registry, destination))).as("step %d, %s", step, destination)
                        .isEqualTo(sorted(find(spring, destination)));
            }
        }
    }

    @Test
    void manyThreadsSubscribingAndLeavingLeaveItConsistent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 2_000; i++) {
                    String session = "t" + thread + "-" + i;
                    subscribe(registry, session, "sub-0", "/queue/messages-user" + session);
                    subscribe(registry, session, "sub-1", "/topic/shared");
                    assertThat(find(registry, "/queue/messages-user" + session)).containsOnlyKeys(session);
                    if (i % 2 == 0) {
                        registry.unregisterAllSubscriptions(session);
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        // 4 threads × 1,000 sessions still open, each with its own queue, all on the shared topic.
        assertThat(registry.destinations()).isEqualTo(4 * 1_000 + 1);
        assertThat(find(registry, "/topic/shared")).hasSize(4_000);
    }

    private static void subscribe(SubscriptionRegistry registry, String session, String id, String destination) {
        registry.registerSubscription(frame(SimpMessageType.SUBSCRIBE, session, id, destination));
    }

    private static Map<String, List<String>> find(SubscriptionRegistry registry, String destination) {
        return Map.copyOf(registry.findSubscriptions(frame(SimpMessageType.MESSAGE, null, null, destination)));
    }

    private static Map<String, List<String>> sorted(Map<String, List<String>> found) {
        var sorted = new java.util.TreeMap<String, List<String>>();
        found.forEach((session, ids) -> sorted.put(session, ids.stream().sorted().toList()));
        return sorted;
    }

    private static Message<byte[]> frame(SimpMessageType type, String session, String subscription, String destination) {
        var headers = SimpMessageHeaderAccessor.create(type);
        headers.setSessionId(session);
        headers.setSubscriptionId(subscription);
        headers.setDestination(destination);
        return MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
    }
}
