package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Live messaging's frames and pushes run on threads of their own, as many as configured, never on
 * the scheduler of {@code @Scheduled} jobs (two threads): with the scheduler as the only async
 * executor in the context, Spring Boot gave it both STOMP channels, and the messaging benchmark's
 * p95 went from 8 to 180 ms.
 */
class ChannelExecutorsTest extends RampeTest {

    @Autowired
    @Qualifier("clientInboundChannel")
    ExecutorSubscribableChannel inbound;

    @Autowired
    @Qualifier("clientOutboundChannel")
    ExecutorSubscribableChannel outbound;

    @Autowired
    @Qualifier("taskScheduler")
    Executor scheduler;

    @Test
    void theStompChannelsRunOnThreadsOfTheirOwnNotOnTheScheduler() {
        assertThat(inbound.getExecutor()).isNotSameAs(scheduler).isInstanceOfSatisfying(ThreadPoolTaskExecutor.class, e -> {
            assertThat(e.getThreadNamePrefix()).isEqualTo("clientInboundChannel-");
            assertThat(e.getCorePoolSize()).as("rampe.messaging.inbound-threads").isEqualTo(16);
        });
        assertThat(outbound.getExecutor()).isNotSameAs(scheduler).isInstanceOfSatisfying(ThreadPoolTaskExecutor.class,
                e -> assertThat(e.getThreadNamePrefix()).isEqualTo("clientOutboundChannel-"));
    }
}
