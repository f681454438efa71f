package org.rampe.emails;

import java.util.Locale;

import org.rampe.emails.EmailsRepository.Names;
import org.rampe.mail.Mailer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words of one happening in a mail, in the member's language: the sentence (who did what), the
 * subject (the same sentence naming people by handle only), and the link with words that say where
 * it goes. Never what anyone wrote: see {@link Happening}.
 */
@Component
class MailWords {

    /** Unicode's first-strong isolate and its end: a name in another script keeps the sentence's order. */
    private static final String ISOLATE = "\u2068", END_ISOLATE = "\u2069";

    /** One happening as a mail tells it. */
    record Line(String sentence, String subject, String linkText, String url) {
    }

    private final MessageSource words;
    private final Mailer mailer;

    MailWords(MessageSource words, Mailer mailer) {
        this.words = words;
        this.mailer = mailer;
    }

    Line line(Happening h, Names names, Locale locale) {
        String key = "emails.topic." + h.topic().key();
        String handle = names.byHandle() == null ? "" : "@" + names.byHandle();
        String actor = names.byName() == null ? handle : ISOLATE + names.byName() + END_ISOLATE + " (" + handle + ")";
        String group = names.groupName() == null ? "" : ISOLATE + names.groupName() + END_ISOLATE;
        String plainGroup = names.groupName() == null ? "" : names.groupName();
        return new Line(words.getMessage(key + ".sentence", new Object[] {actor, group}, locale),
                words.getMessage(key + ".sentence", new Object[] {handle, plainGroup}, locale),
                words.getMessage(key + ".link", new Object[] {handle, plainGroup}, locale),
                mailer.link(path(h, names)));
    }

    /** A message of the bundle in the member's language. */
    String word(String key, Locale locale, Object... args) {
        return words.getMessage(key, args, locale);
    }

    /** Where the link of a happening goes: the page that shows it to whoever may read it. */
    static String path(Happening h, Names names) {
        return switch (h.topic()) {
            case REPLY, COMMENT, MENTION -> "/posts/" + h.post() + (h.comment() == null ? "" : "#comment-" + h.comment());
            case MESSAGE -> "/messages/" + h.conversation();
            case FOLLOW -> "/members/" + names.byHandle();
            case FOLLOW_REQUEST -> "/account/follow-requests";
            case GROUP_INVITED, GROUP_JOIN_REQUEST, GROUP_APPROVED -> "/groups/" + names.groupSlug();
            case DECISION, APPEAL -> "/decisions/" + h.decision();
        };
    }
}
