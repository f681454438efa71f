package org.rampe.social;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.encoder.Encode;

/**
 * Member text (posts, comments) turned into safe HTML: every character goes through the OWASP
 * encoder; the only markup added is paragraphs, line breaks, links for http(s) addresses (marked
 * {@code rel="nofollow ugc noopener"}) and links for mentions the caller allows. Nothing the member
 * typed is ever taken as markup.
 */
public final class PostText {

    /** Characters, not bytes nor UTF-16 units: an emoji counts as one. */
    public static final int MAX_POST = 5_000;

    private static final Pattern TOKENS = Pattern.compile(
            "(?<url>https?://[^\\s<>\"'\\u0000-\\u001f\\u007f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]+)"
                    + "|(?<![\\p{L}\\p{N}_@])@(?<handle>[a-z0-9_]{3,30})(?![\\p{L}\\p{N}_])",
            Pattern.CASE_INSENSITIVE);
    /** Punctuation that ends a sentence rather than an address: "see https://a.fr/x." */
    private static final String TRAILING = ".,;:!?)]}»”’…";

    private PostText() {
    }

    /** NFC, unix line ends, no surrounding blanks: how text is stored. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The handles written as {@code @handle} in the text, lower-cased, in order, once each. */
    public static Set<String> mentions(String text) {
        Set<String> handles = new LinkedHashSet<>();
        Matcher m = TOKENS.matcher(text);
        while (m.find()) {
            if (m.group("handle") != null) {
                handles.add(m.group("handle").toLowerCase(Locale.ROOT));
            }
        }
        return handles;
    }

    /**
     * The safe HTML of {@code text}. A mention becomes a link to the profile only if
     * {@code linkMention} accepts the (lower-cased) handle — an unknown member, or one who blocks
     * the author, stays plain text.
     */
    public static String html(String text, Predicate<String> linkMention) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : normalise(text).split("\\n\\s*\\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            out.append("<p>");
            String[] lines = paragraph.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    out.append("<br>");
                }
                line(lines[i], linkMention, out);
            }
            out.append("</p>");
        }
        return out.toString();
    }

    private static void line(String line, Predicate<String> linkMention, StringBuilder out) {
        Matcher m = TOKENS.matcher(line);
        int last = 0;
        while (m.find()) {
            out.append(Encode.forHtml(line.substring(last, m.start())));
            if (m.group("url") != null) {
                String url = m.group("url");
                int end = url.length();
                while (end > 0 && TRAILING.indexOf(url.charAt(end - 1)) >= 0) {
                    end--;
                }
                String tail = url.substring(end);
                url = url.substring(0, end);
                if (isWebAddress(url)) {
                    out.append("<a href=\"").append(Encode.forHtmlAttribute(url))
                            .append("\" rel=\"nofollow ugc noopener\">").append(Encode.forHtml(url)).append("</a>");
                } else {
                    out.append(Encode.forHtml(url));
                }
                out.append(Encode.forHtml(tail));
            } else {
                String handle = m.group("handle").toLowerCase(Locale.ROOT);
                if (linkMention.test(handle)) {
                    out.append("<a class=\"mention\" href=\"/members/").append(handle).append("\">@")
                            .append(Encode.forHtml(m.group("handle"))).append("</a>");
                } else {
                    out.append(Encode.forHtml(m.group()));
                }
            }
            last = m.end();
        }
        out.append(Encode.forHtml(line.substring(last)));
    }

    private static boolean isWebAddress(String url) {
        if (url.length() <= "https://".length()) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
