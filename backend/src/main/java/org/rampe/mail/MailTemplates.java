package org.rampe.mail;

import java.util.HashMap;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a {@link Mail} twice from {@code templates/mail/}: the HTML part ({@code <name>.html},
 * which replaces itself with {@code layout.html}) and the plain-text part ({@code <name>.txt},
 * which inserts {@code footer.txt}). Engines of their own: the web pages' engine resolves every
 * name as an HTML page of the site. Words come from the application's messages, in the mail's locale.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine html;
    private final SpringTemplateEngine text;
    private final MessageSource messages;

    MailTemplates(MessageSource messages) {
        this.messages = messages;
        this.html = engine(TemplateMode.HTML, "templates/", ".html", messages);
        this.text = engine(TemplateMode.TEXT, "templates/mail/", ".txt", messages);
    }

    RenderedMail render(Mail mail) {
        String subject = messages.getMessage("mail." + mail.template() + ".subject", mail.subjectArgs().toArray(), mail.locale());
        var variables = new HashMap<String, Object>(mail.model());
        variables.put("subject", subject);
        variables.put("why", messages.getMessage("mail." + mail.template() + ".why", mail.subjectArgs().toArray(), mail.locale()));
        variables.put("lang", mail.locale().getLanguage());
        variables.put("unsubscribeUrl", mail.unsubscribeUrl());
        variables.put("settingsUrl", mail.settingsUrl());
        var context = new Context(mail.locale(), variables);
        return new RenderedMail(mail.to(), subject,
                text.process(mail.file(), context),
                html.process("mail/" + mail.file(), context),
                mail.unsubscribeUrl(), mail.template());
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String prefix, String suffix, MessageSource messages) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(prefix);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        var engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        engine.setEnableSpringELCompiler(true);
        return engine;
    }
}
