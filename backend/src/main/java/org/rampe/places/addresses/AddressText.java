package org.rampe.places.addresses;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds address text as the {@code standard-folding} analyzer of V0027's full-text indexes does
 * (accents off, lower case), and turns typed words into full-text terms. Wildcard and fuzzy terms
 * are not analysed by Lucene, so the typed words must be folded here, before they become terms;
 * only letters and digits are left, so no query syntax can come through.
 */
final class AddressText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** A word this long tolerates one typing mistake (a fuzzy term); shorter ones are prefixes only. */
    static final int FUZZY_FROM = 4;
    /** At most this many words are searched: an address has fewer, and each word is a term to match. */
    static final int MAX_WORDS = 8;

    private AddressText() {
    }

    /** "Rue de l’Église" → "rue de l eglise"; "Œuvre" → "oeuvre". */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("").toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
        return NOT_WORD.matcher(s).replaceAll(" ").strip();
    }

    static List<String> words(String text) {
        String folded = fold(text);
        return folded.isEmpty() ? List.of() : Arrays.asList(folded.split(" "));
    }

    /**
     * All words required, each in any field of the index (or in {@code field}): a word of
     * {@value #FUZZY_FROM} letters or more as a prefix or with one mistake, a shorter one as a
     * prefix, a one-letter word ("l" of "l’Église") left out. Null when nothing is left.
     */
    static String query(List<String> words, String field) {
        StringBuilder q = new StringBuilder();
        words.stream().filter(w -> w.length() >= 2).limit(MAX_WORDS).forEach(w -> {
            if (!q.isEmpty()) {
                q.append(" AND ");
            }
            String prefix = field == null ? "" : field + ":";
            if (w.length() >= FUZZY_FROM && !w.chars().allMatch(Character::isDigit)) {
                q.append('(').append(prefix).append(w).append("* OR ").append(prefix).append(w).append("~1)");
            } else {
                q.append(prefix).append(w).append('*');
            }
        });
        return q.isEmpty() ? null : q.toString();
    }
}
