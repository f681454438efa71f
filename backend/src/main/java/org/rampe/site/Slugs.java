package org.rampe.site;

import java.util.Collection;
import java.util.Locale;

/**
 * Addresses made from names, as associations and groups have them ({@code /groups/fauteuil-et-mobilite}):
 * ASCII letters and digits joined by single dashes, cut at a length, and made unique with
 * {@code -2}, {@code -3}… Each feature folds the name its own way first and names its fallback.
 */
public final class Slugs {

    private Slugs() {
    }

    /**
     * The slug of an already folded name (lower-case ASCII with marks removed): every run of other
     * characters becomes one dash, none at either end, at most {@code max} characters (cut at a
     * word end when it can). Empty when nothing usable is left.
     */
    public static String of(String folded, int max) {
        String s = folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > max) {
            s = s.substring(0, max).replaceAll("-+$", "");
        }
        return s;
    }

    /** {@code base} if no one has it, else the first of {@code base-2}, {@code base-3}… that is free. */
    public static String firstFree(String base, Collection<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
