package org.rampe.places;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns what someone typed into a safe full-text query: every word required, as a prefix. A word
 * of one character is left out (issue 17): "a*" would match nearly every place, a whole index's
 * worth of work for one letter.
 */
final class LuceneText {

    /** The shortest word searched as a prefix. */
    static final int MIN_WORD = 2;

    private LuceneText() {
    }

    /** Whether the text has words, all of them too short to search (the form says how long a word must be). */
    static boolean onlyShortWords(String typed) {
        return typed != null && !words(typed).isEmpty() && words(typed).stream().allMatch(w -> w.codePointCount(0, w.length()) < MIN_WORD);
    }

    private static java.util.List<String> words(String typed) {
        return Arrays.stream(typed.toLowerCase(Locale.ROOT).split("[\\s\\p{Punct}&&[^'’-]]+"))
                .map(w -> w.replaceAll("[^\\p{L}\\p{N}]", ""))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** Null when nothing searchable is left. {@code field} may be null for all indexed fields. */
    static String query(String typed, String field) {
        if (typed == null) {
            return null;
        }
        String joined = words(typed).stream()
                .filter(w -> w.codePointCount(0, w.length()) >= MIN_WORD)
                .limit(8)
                .map(w -> (field == null ? "" : field + ":") + w + "*")
                .collect(Collectors.joining(" AND "));
        return joined.isEmpty() ? null : joined;
    }
}
