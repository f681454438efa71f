package org.rampe;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** One mail as the test SMTP server received it: its subject, both parts and headers. */
public record ReceivedMail(String to, String subject, String text, String html, Map<String, String> headers) {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"')]+");

    static ReceivedMail of(MimeMessage message) {
        try {
            var parts = new String[2];
            collect(message, parts);
            Map<String, String> headers = new LinkedHashMap<>();
            var all = message.getAllHeaders();
            while (all.hasMoreElements()) {
                var h = all.nextElement();
                headers.putIfAbsent(h.getName().toLowerCase(java.util.Locale.ROOT), h.getValue());
            }
            return new ReceivedMail(message.getAllRecipients()[0].toString(), message.getSubject(), parts[0], parts[1], headers);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A header's value (case-insensitive name), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The first link in the plain-text part whose path starts with {@code pathPrefix}, as path and
     * query ({@code /password/reset?token=…}): tests open it on the port the application listens on.
     */
    public String link(String pathPrefix) {
        URI uri = URI.create(absoluteLink(pathPrefix));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The same link as written in the mail, absolute. */
    public String absoluteLink(String pathPrefix) {
        var m = URL.matcher(text == null ? "" : text);
        while (m.find()) {
            String candidate = m.group();
            if (URI.create(candidate).getRawPath().startsWith(pathPrefix)) {
                return candidate;
            }
        }
        throw new AssertionError("No link to " + pathPrefix + "… in the mail \"" + subject + "\":\n" + text);
    }

    private static void collect(Part part, String[] parts) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && parts[0] == null) {
            parts[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && parts[1] == null) {
            parts[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, parts);
            }
        }
    }
}
