package org.rampe.mail;

import org.rampe.site.PublicUrl;
import org.springframework.stereotype.Service;

/**
 * Sends mail without ever waiting for a mail server: {@link #send} renders the mail and writes it
 * to the outbox in the graph (one short write), and the outbox worker delivers it, retrying with
 * backoff while the server fails. Who may receive which mail (a verified address, the member's
 * own choices) is the caller's rule, not this class's.
 */
@Service
public class Mailer {

    private final MailTemplates templates;
    private final OutboxRepository outbox;
    private final MailSettings settings;
    private final PublicUrl publicUrl;

    Mailer(MailTemplates templates, OutboxRepository outbox, MailSettings settings, PublicUrl publicUrl) {
        this.templates = templates;
        this.outbox = outbox;
        this.settings = settings;
        this.publicUrl = publicUrl;
    }

    /** Renders the mail in its language and queues it; throws if a template is missing or broken. */
    public void send(Mail mail) {
        outbox.add(templates.render(mail), settings.from());
    }

    /**
     * Deletes every mail still waiting in the outbox for {@code address} (exact, as it was queued):
     * the account of that address is being erased, and nothing may be sent to it afterwards. A mail
     * already handed to the SMTP server is gone from the outbox anyway. Idempotent.
     */
    public void forget(String address) {
        if (address == null || address.isBlank()) {
            return;
        }
        while (outbox.forget(address, 1_000) == 1_000) {
            // another batch
        }
    }

    /** An absolute link for a mail: the site's public address ({@code rampe.public-url}) and the path. */
    public String link(String path) {
        return publicUrl.link(path);
    }
}
