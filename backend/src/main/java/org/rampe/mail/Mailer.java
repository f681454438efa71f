package org.rampe.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends mail without ever waiting for a mail server. THE API IS SETTLED; the outbox and its worker
 * land next (this first version only logs).
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    /** Renders the mail in its language and queues it; throws if a template is missing or broken. */
    public void send(Mail mail) {
        log.info("mail {} to {}", mail.template(), mail.to());
    }

    /** An absolute link for a mail: the site's public address ({@code rampe.public-url}) and the path. */
    public String link(String path) {
        return "http://localhost:8080" + path;
    }
}
