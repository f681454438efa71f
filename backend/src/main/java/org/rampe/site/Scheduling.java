package org.rampe.site;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * {@code @Scheduled} jobs (digests, clean-ups) run on a small pool of their own, named
 * {@code taskScheduler} so that Spring picks it: without it they would land on the STOMP broker's
 * scheduler, where a slow job would delay heartbeats.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {

    @Bean
    ThreadPoolTaskScheduler taskScheduler() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("rampe-scheduled-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        return scheduler;
    }
}
