package org.rampe.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One mail to one address, before rendering. {@code template} names the pair
 * {@code templates/mail/<template>.html} and {@code templates/mail/<template>.txt} (or those of
 * {@link #drawnBy}, for kinds of mail that differ only by their words); the subject is the message
 * {@code mail.<template>.subject} (with {@link #subjectArgs}) and the sentence that says why it was
 * sent is {@code mail.<template>.why}, both in {@link #locale}. The templates see
 * {@link #model} and, from the layout, {@code unsubscribeUrl} and {@code settingsUrl} when set.
 *
 * <pre>{@code
 * mailer.send(Mail.to(email, locale, "password-reset")
 *         .with("resetUrl", mailer.link("/password/reset?token=" + token))
 *         .subject(handle));
 * }</pre>
 */
public record Mail(String to, Locale locale, String template, String file, Map<String, Object> model, List<Object> subjectArgs,
                   String unsubscribeUrl, String settingsUrl) {

    public Mail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(file, "file");
        model = Map.copyOf(model);
        subjectArgs = List.copyOf(subjectArgs);
    }

    public static Mail to(String address, Locale locale, String template) {
        return new Mail(address, locale, template, template, Map.of(), List.of(), null, null);
    }

    /** The same mail with one more template variable. */
    public Mail with(String name, Object value) {
        var more = new LinkedHashMap<>(model);
        more.put(name, value);
        return new Mail(to, locale, template, file, more, subjectArgs, unsubscribeUrl, settingsUrl);
    }

    /**
     * The same mail drawn by the templates {@code templates/mail/<file>.html} and {@code .txt}, its
     * subject and reason still those of {@link #template}: one pair of templates for several kinds.
     */
    public Mail drawnBy(String otherFile) {
        return new Mail(to, locale, template, otherFile, model, subjectArgs, unsubscribeUrl, settingsUrl);
    }

    /** The arguments of the subject's message, {@code {0}}, {@code {1}}… */
    public Mail subject(Object... args) {
        return new Mail(to, locale, template, file, model, List.of(args), unsubscribeUrl, settingsUrl);
    }

    /**
     * A one-click unsubscribe address (absolute, answering a POST without sign-in, RFC 8058): sent
     * as {@code List-Unsubscribe} with {@code List-Unsubscribe-Post}, and linked in the footer.
     */
    public Mail unsubscribe(String url) {
        return new Mail(to, locale, template, file, model, subjectArgs, url, settingsUrl);
    }

    /** The page where the member chooses which mails they get (absolute), linked in the footer. */
    public Mail settings(String url) {
        return new Mail(to, locale, template, file, model, subjectArgs, unsubscribeUrl, url);
    }
}
