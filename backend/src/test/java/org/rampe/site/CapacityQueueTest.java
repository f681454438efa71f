package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The gate itself, without the application: places, a bounded queue, and the wait. */
class CapacityQueueTest {

    @Test
    void beyondThePlacesAndTheQueueARequestIsRefusedAtOnceAndAWaitingOneGetsTheFreedPlace() throws Exception {
        // A long wait: a refusal seen below can only come from the full queue, not from the wait running out.
        var capacity = new Capacity("hashes", 1, 1, Duration.ofSeconds(60), Duration.ofSeconds(5));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            var entered = new CountDownLatch(1);
            var release = new CountDownLatch(1);
            Future<String> holder = threads.submit(() -> capacity.run(() -> {
                entered.countDown();
                release.await();
                return "held";
            }));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            Future<String> waiter = threads.submit(() -> capacity.run(() -> "waited"));
            while (capacity.waiting() < 1) {
                Thread.sleep(10);
            }

            assertThatThrownBy(() -> capacity.run(() -> "third"))
                    .isInstanceOfSatisfying(ServerBusy.class, busy -> {
                        assertThat(busy.work()).isEqualTo("hashes");
                        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(5));
                    });

            release.countDown();
            assertThat(holder.get(30, TimeUnit.SECONDS)).isEqualTo("held");
            assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo("waited");
            assertThat(capacity.inUse()).isZero();
            assertThat(capacity.waiting()).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aWaitThatRunsOutIsABusyAnswerAndHoldsNoPlace() throws Exception {
        var capacity = new Capacity("decodes", 1, 4, Duration.ofMillis(50), Duration.ofSeconds(5));
        var release = new CountDownLatch(1);
        var entered = new CountDownLatch(1);
        var thread = new Thread(() -> {
            try {
                capacity.run(() -> {
                    entered.countDown();
                    release.await();
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> capacity.run(() -> "late")).isInstanceOf(ServerBusy.class);
        assertThat(capacity.inUse()).isEqualTo(1);
        release.countDown();
        thread.join();
        assertThat(capacity.run(() -> "now")).isEqualTo("now");
    }
}
