package org.rampe.emails;

import java.time.LocalDate;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily digest: once a day, at {@code rampe.emails.digest-hour} (18 by default, in
 * {@code rampe.emails.zone}, the server's zone when unset; or any cron in
 * {@code rampe.emails.digest-cron}, {@code -} to switch it off), one mail per member listing what
 * waited for them, each with its link; then the list is empty again. Where several instances share
 * the graph, the first to claim the day sends it.
 */
@Component
class DailyDigest {

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

    private final EmailsRepository repository;
    private final NotificationEmails emails;
    private final ZoneId zone;

    DailyDigest(EmailsRepository repository, NotificationEmails emails, @Value("${rampe.emails.zone:}") String zone) {
        this.repository = repository;
        this.emails = emails;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    @Scheduled(cron = "${rampe.emails.digest-cron:0 0 ${rampe.emails.digest-hour:18} * * *}", zone = "${rampe.emails.zone:}")
    void daily() {
        if (repository.claimDigestRun(LocalDate.now(zone))) {
            log.info("Daily digest: {} mails", send());
        }
    }

    /** Sends every member's digest now (the job's work; tests call it directly). Returns how many mails went out. */
    int send() {
        int sent = 0;
        for (String member : repository.awaitingDigest()) {
            try {
                if (emails.sendDigest(member)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // One member's failure must not keep the others' digests; theirs stays for tomorrow.
                log.warn("Digest of member {} not sent: {}", member, e.toString());
            }
        }
        return sent;
    }
}
