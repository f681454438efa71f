/**
 * Mail to members: rendered from the {@code templates/mail/} templates in the member's language
 * (plain text and simple HTML), queued in an outbox in the graph and delivered by a worker over
 * SMTP, or written to {@code data/outbox/} and the log when no SMTP server is configured. A request
 * only ever writes to the outbox; a failing server delays mail, it never loses it.
 */
@ApplicationModule(displayName = "Mail: the outbox and its delivery", allowedDependencies = {"graph", "site"})
package org.rampe.mail;

import org.springframework.modulith.ApplicationModule;
