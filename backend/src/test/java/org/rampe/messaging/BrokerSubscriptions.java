package org.rampe.messaging;

import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;

/**
 * Waits until the in-memory broker holds a member's subscriptions. A client's SUBSCRIBE frames are
 * handled by the inbound pool, concurrently with the frames of other sessions, and the simple
 * broker sends no RECEIPT: a push that needs no database work (typing, presence, a count) could
 * otherwise be published before the subscription it is for exists, and be lost by the test, not by
 * the product (seen once in CI for typing).
 */
final class BrokerSubscriptions {

    private BrokerSubscriptions() {
    }

    /** Every connected session of the member is subscribed to each of {@code userQueues} (e.g. "/queue/typing"). */
    static void await(SimpleBrokerMessageHandler broker, SimpUserRegistry users, String memberId, String... userQueues)
            throws InterruptedException {
        var registry = (IndexedSubscriptionRegistry) broker.getSubscriptionRegistry();
        long end = System.nanoTime() + LiveClient.WAIT.toNanos();
        while (System.nanoTime() < end) {
            SimpUser user = users.getUser(memberId);
            if (user != null && !user.getSessions().isEmpty() && user.getSessions().stream().allMatch(session -> {
                for (String queue : userQueues) {
                    // The user destination /user/queue/x of session s is the broker's /queue/x-user{s}.
                    if (!registry.subscribed(queue + "-user" + session.getId(), session.getId())) {
                        return false;
                    }
                }
                return true;
            })) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("The broker did not hold " + String.join(", ", userQueues) + " for " + memberId + " within " + LiveClient.WAIT);
    }
}
