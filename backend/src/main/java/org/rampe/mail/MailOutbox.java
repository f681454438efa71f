package org.rampe.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker that drains the outbox: every {@code rampe.mail.poll-interval} it claims the due
 * mails and delivers them one by one. A failure (server down, refused) keeps the mail and sets its
 * next try after a wait that doubles up to {@code rampe.mail.retry-max}; nothing is ever dropped,
 * and a restart simply resumes (the outbox is in the graph). Runs on a thread of its own, so a slow
 * mail server never holds a request or another scheduled job.
 */
@Component
public class MailOutbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);
    private static final int BATCH = 20;
    /** How long a claimed mail stays with this worker before another may take it (a crash mid-send). */
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** After this many failures in a row a mail's failure is logged as an error, not a warning. */
    private static final int LOUD_AFTER = 5;

    private final OutboxRepository outbox;
    private final MailDelivery delivery;
    private final MailSettings settings;
    private final Object draining = new Object();
    private ScheduledExecutorService worker;

    MailOutbox(OutboxRepository outbox, MailDelivery delivery, MailSettings settings) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.settings = settings;
    }

    /**
     * Delivers every mail due now and returns how many went out. The worker calls it on its
     * schedule; tests call it to deliver at once. Safe to call from several threads or instances.
     */
    public int drain() {
        synchronized (draining) {
            return drainDue();
        }
    }

    private int drainDue() {
        int sent = 0;
        while (true) {
            Instant now = Instant.now();
            var due = outbox.claimDue(now, now.plus(LEASE), BATCH);
            if (due.isEmpty()) {
                return sent;
            }
            for (var mail : due) {
                try {
                    delivery.deliver(mail);
                    outbox.delivered(mail.id());
                    sent++;
                } catch (Exception e) {
                    int failures = mail.attempts() + 1;
                    Duration wait = settings.backoff(failures);
                    outbox.failed(mail.id(), Instant.now().plus(wait), String.valueOf(e.getMessage()));
                    String line = "Mail {} ({}) not delivered, try {} failed ({}); next try in {} s";
                    if (failures >= LOUD_AFTER) {
                        log.error(line, mail.id(), mail.subject(), failures, e.toString(), wait.toSeconds());
                    } else {
                        log.warn(line, mail.id(), mail.subject(), failures, e.toString(), wait.toSeconds());
                    }
                }
            }
            if (due.size() < BATCH) {
                return sent;
            }
        }
    }

    /** Mails waiting (due or not). */
    public long pending() {
        return outbox.pending();
    }

    @Override
    public synchronized void start() {
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mail-outbox");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, settings.pollInterval().toMillis());
        worker.scheduleWithFixedDelay(this::drainQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            // The graph itself failed (shutting down, unreachable): try again on the next round.
            log.warn("Mail outbox not read: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }

    /** Stops before the graph's driver closes (higher phases stop first). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
