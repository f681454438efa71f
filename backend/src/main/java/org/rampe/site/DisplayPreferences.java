package org.rampe.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a person wants every page drawn. Kept on the member once signed in, and in a cookie for
 * visitors, so it holds from the first page on.
 *
 * @param textSize      percent of the browser's own text size: 100, 125, 150 or 200
 * @param highContrast  black on white with strong borders and a yellow focus
 * @param dyslexiaFont  a plain sans-serif with wider letter, word and line spacing
 * @param reducedMotion no animation or smooth scrolling, whatever the system says
 * @param hideMap       never draw maps: the lists say everything the map would
 */
public record DisplayPreferences(int textSize, boolean highContrast, boolean dyslexiaFont, boolean reducedMotion,
                                 boolean hideMap) {

    public static final List<Integer> TEXT_SIZE_CHOICES = List.of(100, 125, 150, 200);
    public static final Set<Integer> TEXT_SIZES = Set.copyOf(TEXT_SIZE_CHOICES);
    public static final DisplayPreferences DEFAULT = new DisplayPreferences(100, false, false, false, false);

    public DisplayPreferences {
        if (!TEXT_SIZES.contains(textSize)) {
            textSize = 100;
        }
    }

    /** The classes the layout puts on {@code <html>}; the stylesheet does the rest. */
    public String htmlClass() {
        List<String> classes = new ArrayList<>();
        if (textSize != 100) {
            classes.add("text-" + textSize);
        }
        if (highContrast) {
            classes.add("theme-contrast");
        }
        if (dyslexiaFont) {
            classes.add("font-readable");
        }
        if (reducedMotion) {
            classes.add("motion-reduced");
        }
        return String.join(" ", classes);
    }

    /** A compact cookie value such as {@code t150.c1.f0.m1.h0}; anything unreadable gives the defaults. */
    public String toCookieValue() {
        return "t" + textSize + ".c" + (highContrast ? 1 : 0) + ".f" + (dyslexiaFont ? 1 : 0) + ".m" + (reducedMotion ? 1 : 0)
                + ".h" + (hideMap ? 1 : 0);
    }

    /** Reads the current form and the older one without the map flag. */
    public static DisplayPreferences fromCookieValue(String value) {
        if (value == null || !value.matches("t\\d{3}\\.c[01]\\.f[01]\\.m[01](\\.h[01])?")) {
            return DEFAULT;
        }
        String[] parts = value.split("\\.");
        return new DisplayPreferences(Integer.parseInt(parts[0].substring(1)), parts[1].endsWith("1"),
                parts[2].endsWith("1"), parts[3].endsWith("1"), parts.length > 4 && parts[4].endsWith("1"));
    }
}
