package org.rampe.emails;

import java.util.LinkedHashSet;
import java.util.Set;

import org.rampe.mail.Mail;
import org.rampe.mail.Mailer;
import org.rampe.members.Administrators;
import org.rampe.members.MemberId;
import org.rampe.members.Members;
import org.rampe.moderation.ModerationEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When someone reports content for self-harm, the people who handle its queue are mailed at once,
 * whatever their choices: a group's queue goes to the group's owners and moderators, the site-wide
 * queue to the administrators ({@code rampe.admins}). Not the reporter themselves. The mail holds no
 * content (neither the report nor what was reported, nor who): only which queue, and a link to the
 * case, where the moderation pages apply their own rules. The subject does not name the reason
 * either, since subjects show on locked phone screens. It has no unsubscribe link: it is part of
 * moderating, which a moderator stops by stepping down.
 */
@Component
class SelfHarmAlerts {

    private static final Logger log = LoggerFactory.getLogger(SelfHarmAlerts.class);
    static final String TEMPLATE = "self-harm-report";

    private final EmailsRepository repository;
    private final Members members;
    private final Administrators administrators;
    private final Mailer mailer;

    SelfHarmAlerts(EmailsRepository repository, Members members, Administrators administrators, Mailer mailer) {
        this.repository = repository;
        this.members = members;
        this.administrators = administrators;
        this.mailer = mailer;
    }

    @EventListener
    void on(ModerationEvents.ReportFiled e) {
        if (!e.selfHarm()) {
            return;
        }
        try {
            String groupName = null;
            String path;
            Set<String> handlers = new LinkedHashSet<>();
            if (e.group() != null) {
                groupName = repository.group(e.group()).map(EmailsRepository.Names::groupName).orElse(null);
                path = "/moderation/groups/" + e.group() + "#case-" + e.caseId();
                handlers.addAll(repository.groupModerators(e.group()));
            } else {
                path = "/moderation#case-" + e.caseId();
                administrators.admins().forEach(handle -> members.byHandle(handle).ifPresent(m -> handlers.add(m.id().value())));
            }
            handlers.remove(e.reporter());
            String url = mailer.link(path);
            for (String handler : handlers) {
                String queue = groupName;
                members.mailRecipient(new MemberId(handler)).ifPresent(to -> {
                    Mail alert = Mail.to(to.email(), to.locale(), TEMPLATE).with("url", url)
                            .settings(mailer.link(NotificationEmails.SETTINGS));
                    // The site-wide queue has no name: the template says "the site's queue".
                    mailer.send(queue == null ? alert : alert.with("groupName", queue));
                });
            }
        } catch (RuntimeException ex) {
            log.warn("No self-harm alert for case {}: {}", e.caseId(), ex.toString());
        }
    }
}
