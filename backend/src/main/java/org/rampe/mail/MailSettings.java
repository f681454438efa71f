package org.rampe.mail;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where mail comes from and how hard the outbox tries. The SMTP server itself is Spring Boot's
 * {@code spring.mail.*} (host, port, username, password, TLS); without {@code spring.mail.host}
 * mail goes to the outbox directory and the log. Links in mails start with {@code rampe.public-url}.
 *
 * @param from         the sender, e.g. {@code Rampe <no-reply@rampe.example>}
 * @param pollInterval how often the worker looks for mail to send
 * @param retryBase    the wait after a first failure, doubled on each further one
 * @param retryMax     the longest wait between two tries (mail is never dropped)
 * @param outboxDir    where mail goes without an SMTP server (default {@code <rampe.data-dir>/outbox})
 */
@ConfigurationProperties("rampe.mail")
record MailSettings(@DefaultValue("Rampe <no-reply@localhost>") String from,
                    @DefaultValue("5s") Duration pollInterval,
                    @DefaultValue("30s") Duration retryBase,
                    @DefaultValue("1h") Duration retryMax,
                    Path outboxDir) {

    /** The wait before try number {@code attempts + 1}, after {@code attempts} failures. */
    Duration backoff(int attempts) {
        Duration wait = retryBase;
        for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
