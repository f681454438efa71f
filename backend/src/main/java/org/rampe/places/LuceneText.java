package org.rampe.places;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns what someone typed into a safe full-text query: every word required, as a prefix. */
final class LuceneText {

    private LuceneText() {
    }

    /** Null when nothing searchable is left. {@code field} may be null for all indexed fields. */
    static String query(String typed, String field) {
        if (typed == null) {
            return null;
        }
        String joined = Arrays.stream(typed.toLowerCase(Locale.ROOT).split("[\\s\\p{Punct}&&[^'’-]]+"))
                .map(w -> w.replaceAll("[^\\p{L}\\p{N}]", ""))
                .filter(w -> !w.isEmpty())
                .limit(8)
                .map(w -> (field == null ? "" : field + ":") + w + "*")
                .collect(Collectors.joining(" AND "));
        return joined.isEmpty() ? null : joined;
    }
}
