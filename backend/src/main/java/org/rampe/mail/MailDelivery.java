package org.rampe.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.rampe.graph.GraphProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands one mail to the SMTP server ({@code spring.mail.host} set: Spring Boot's
 * {@link JavaMailSender}), or, without one, writes it as an {@code .eml} file into the outbox
 * directory and logs it, so that a developer's first run still shows every mail (links included).
 * Plain text and HTML as alternatives, UTF-8, with RFC 8058 one-click unsubscribe headers when the
 * mail has an unsubscribe address.
 */
@Component
class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final JavaMailSender smtp;
    private final Path outboxDir;

    MailDelivery(ObjectProvider<JavaMailSender> smtp, MailSettings settings, GraphProperties graph) {
        this.smtp = smtp.getIfAvailable();
        this.outboxDir = settings.outboxDir() != null ? settings.outboxDir() : graph.dataDir().resolve("outbox");
        if (this.smtp == null) {
            log.info("No SMTP server configured (spring.mail.host): mail is written to {} and to this log.",
                    outboxDir.toAbsolutePath().normalize());
        }
    }

    /** Throws when the server refuses or cannot be reached; the outbox tries again later. */
    void deliver(OutboxRepository.Queued mail) throws MessagingException, IOException {
        if (smtp != null) {
            MimeMessage message = smtp.createMimeMessage();
            fill(message, mail);
            smtp.send(message);
            return;
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        fill(message, mail);
        message.saveChanges();
        Files.createDirectories(outboxDir);
        Path file = outboxDir.resolve(FILE_TIME.format(mail.createdAt()) + "-" + mail.id() + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
        log.info("Mail not sent (no SMTP server configured), written to {}\nTo: {}\nSubject: {}\n\n{}",
                file, mail.to(), mail.subject(), mail.text());
    }

    private static void fill(MimeMessage message, OutboxRepository.Queued mail) throws MessagingException {
        var helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, StandardCharsets.UTF_8.name());
        helper.setFrom(mail.from());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setSentDate(Date.from(mail.createdAt()));
        helper.setText(mail.text(), mail.html());
        // Sent by a program: auto-responders must not answer it (RFC 3834).
        message.setHeader("Auto-Submitted", "auto-generated");
        if (mail.unsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
    }
}
