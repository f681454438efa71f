package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.messaging.RedisServer;

/**
 * Signals between instances through a real Redis (Debian's redis-server, started by the test): two
 * transports stand for two instances. A signal reaches the sender's listeners at once and the other
 * instance's once, and when Redis cuts an instance's subscription (as a restart or a network cut
 * would), that instance says it may have missed signals and is not live until Lettuce has
 * reconnected, then hears signals again.
 */
class InstanceSignalsTest {

    private RedisClient clientOne;
    private RedisClient clientTwo;
    private InstanceSignalTransports.RedisSignals one;
    private InstanceSignalTransports.RedisSignals two;
    private RedisServer redis;

    @BeforeEach
    void twoInstances() {
        redis = RedisServer.ensureRunning();
        clientOne = RedisClient.create(RedisURI.create(redis.url()));
        clientTwo = RedisClient.create(RedisURI.create(redis.url()));
        one = new InstanceSignalTransports.RedisSignals(clientOne);
        two = new InstanceSignalTransports.RedisSignals(clientTwo);
    }

    @AfterEach
    void stop() {
        one.close();
        two.close();
        clientOne.shutdown();
        clientTwo.shutdown();
    }

    /** What one instance's listener heard, in order ("missed" for a possible loss). */
    private static BlockingQueue<String> listen(InstanceSignals signals, String channel) {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        signals.listen(channel, new InstanceSignals.Listener() {
            @Override
            public void heard(String message) {
                heard.add(message);
            }

            @Override
            public void mayHaveMissed() {
                heard.add("missed");
            }
        });
        return heard;
    }

    @Test
    void aSignalReachesItsOwnInstanceAtOnceAndTheOtherOnceOnItsChannelOnly() throws Exception {
        var heardOnOne = listen(one, "test");
        var heardOnTwo = listen(two, "test");
        var otherChannel = listen(two, "other");

        one.send("test", "membre-1");
        assertThat(heardOnOne.poll()).as("the sender's own listeners, before send returns").isEqualTo("membre-1");
        assertThat(heardOnTwo.poll(10, TimeUnit.SECONDS)).isEqualTo("membre-1");
        two.send("test", "membre-2 é 🦽");
        assertThat(heardOnTwo.poll()).isEqualTo("membre-2 é 🦽");
        assertThat(heardOnOne.poll(10, TimeUnit.SECONDS)).isEqualTo("membre-2 é 🦽");

        // Nothing more: no echo of a signal to its sender, nothing on another channel.
        one.send("test", "last");
        assertThat(heardOnTwo.poll(10, TimeUnit.SECONDS)).isEqualTo("last");
        assertThat(heardOnOne).containsExactly("last");
        assertThat(otherChannel).isEmpty();
    }

    @Test
    void anInstanceCutFromRedisIsNotLiveForgetsWhatItKeptAndHearsAgainOnceReconnected() throws Exception {
        var heardOnTwo = listen(two, "test");
        assertThat(two.live()).isTrue();

        assertThat(redis.command("CLIENT KILL TYPE pubsub")).as("Redis cuts the subscribers").startsWith(":");
        assertThat(heardOnTwo.poll(10, TimeUnit.SECONDS)).as("told of the cut").isEqualTo("missed");
        // Lettuce reconnects and subscribes again by itself (within its first retry delays).
        await(() -> two.live(), Duration.ofSeconds(30));
        assertThat(heardOnTwo.poll(10, TimeUnit.SECONDS)).as("told again on reconnecting").isEqualTo("missed");

        // Signals flow again once the subscription is back (a signal sent before it is lost, hence "missed").
        String heard = null;
        for (int attempt = 0; attempt < 50 && heard == null; attempt++) {
            one.send("test", "after-" + attempt);
            heard = heardOnTwo.poll(200, TimeUnit.MILLISECONDS);
        }
        assertThat(heard).as("a signal after the reconnection").startsWith("after-");
        assertThat(List.copyOf(heardOnTwo)).allSatisfy(m -> assertThat(m).startsWith("after-"));
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + within).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
