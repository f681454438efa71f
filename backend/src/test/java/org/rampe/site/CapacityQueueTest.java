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

    /**
     * The work runs on the capacity's own thread at the lowest CPU priority (the machines the site
     * runs on are Linux), and gives back what it returned or threw, its own checked exceptions included.
     */
    @Test
    void theWorkRunsOnABackgroundThreadAtTheLowestPriorityAndItsResultAndExceptionsComeBack() throws Exception {
        var capacity = new Capacity("decodes", 1, 0, Duration.ofSeconds(1), Duration.ofSeconds(5));
        String caller = Thread.currentThread().getName();
        assertThat(BackgroundThreads.niceOfThisThread()).as("the caller's own priority is left alone").isZero();
        var seen = capacity.run(() -> Thread.currentThread().getName() + " nice " + BackgroundThreads.niceOfThisThread());
        assertThat(seen).startsWith("capacity-decodes-").endsWith(" nice " + BackgroundThreads.NICE).doesNotContain(caller);
        assertThatThrownBy(() -> capacity.run(() -> {
            throw new java.io.IOException("not an image");
        })).isInstanceOf(java.io.IOException.class).hasMessage("not an image");
        assertThatThrownBy(() -> capacity.run(() -> {
            throw new IllegalArgumentException("too large");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("too large");
        assertThat(capacity.inUse()).as("every place given back").isZero();
    }

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
