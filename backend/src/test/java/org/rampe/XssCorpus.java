package org.rampe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Hostile strings for the XSS tests ({@code xss-corpus.txt}, one per line, {@code \n} for a line
 * break) and the check that a rendered page carries no active content coming from them.
 */
public final class XssCorpus {

    private XssCorpus() {
    }

    public static List<String> strings() {
        try (InputStream in = XssCorpus.class.getResourceAsStream("/xss-corpus.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank())
                    .map(l -> l.replace("\\n", "\n"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern SCRIPT_URL = Pattern.compile("^\\s*(javascript|vbscript|data):", Pattern.CASE_INSENSITIVE);

    /**
     * Problems found in a page: scripts other than the site's own module, event-handler attributes,
     * script URLs in links or sources, iframes, objects, embeds and inline styles. Empty when the
     * page is safe.
     */
    public static List<String> activeContent(String html) {
        Document doc = Jsoup.parse(html);
        var problems = new java.util.ArrayList<String>();
        for (Element script : doc.select("script")) {
            String src = script.attr("src");
            if (!(src.startsWith("/js/") && script.html().isEmpty())) {
                problems.add("script: " + script.outerHtml());
            }
        }
        for (Element e : doc.select("iframe, object, embed, frame, frameset, base, meta[http-equiv], style")) {
            problems.add("element: " + e.outerHtml());
        }
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(java.util.Locale.ROOT);
                if (name.startsWith("on") || name.equals("style") || name.equals("srcdoc") || name.equals("formaction")) {
                    problems.add("attribute " + name + " on <" + e.tagName() + ">");
                }
                if ((name.equals("href") || name.equals("src") || name.equals("action") || name.equals("xlink:href"))
                        && SCRIPT_URL.matcher(a.getValue()).find()) {
                    problems.add("script URL in " + name + " on <" + e.tagName() + ">: " + a.getValue());
                }
            }
        }
        return problems;
    }
}
