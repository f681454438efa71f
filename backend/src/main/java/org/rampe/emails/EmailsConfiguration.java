package org.rampe.emails;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The daily digest runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class EmailsConfiguration {
}
