package org.rampe.social.profiles;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.neo4j.driver.exceptions.ClientException;
import org.rampe.social.MemberCard;
import org.springframework.stereotype.Service;

/**
 * Finds members by name or handle through the full-text index {@code member_text}. What was typed
 * never reaches Lucene as syntax: it is cut into words of letters, digits and underscores, each
 * folded as the index folds (no accents, lower case) and searched as a prefix, all required.
 */
@Service
class MemberSearch {

    /** Results shown at most: a search is for finding someone, not for browsing everyone. */
    static final int LIMIT = 30;
    static final int MAX_QUERY = 100;
    private static final int MAX_WORDS = 6;

    /** Why a query gives no search: a message key. */
    enum Problem { EMPTY, TOO_LONG, NOTHING_SEARCHABLE, TOO_SHORT, UNAVAILABLE }

    /** The shortest word searched as a prefix (issue 17): "a*" would list nearly every member. */
    static final int MIN_WORD = 2;

    record Outcome(List<MemberCard> members, Problem problem) {
        public boolean more() {
            return members.size() >= LIMIT;
        }
    }

    private final ProfileRepository repository;

    MemberSearch(ProfileRepository repository) {
        this.repository = repository;
    }

    Outcome search(String typed, String viewerId) {
        String q = typed == null ? "" : typed.strip();
        if (q.isEmpty()) {
            return new Outcome(List.of(), Problem.EMPTY);
        }
        if (q.codePointCount(0, q.length()) > MAX_QUERY) {
            return new Outcome(List.of(), Problem.TOO_LONG);
        }
        Optional<String> lucene = query(q);
        if (lucene.isEmpty()) {
            return new Outcome(List.of(), words(q).isEmpty() ? Problem.NOTHING_SEARCHABLE : Problem.TOO_SHORT);
        }
        try {
            return new Outcome(repository.search(lucene.get(), viewerId, LIMIT), null);
        } catch (ClientException e) {
            // The index is being rebuilt (after an upgrade): say so rather than fail.
            return new Outcome(List.of(), Problem.UNAVAILABLE);
        }
    }

    /** Every word required, as a prefix: "hél dup" → {@code hel* AND dup*}. Empty when nothing is left. */
    static Optional<String> query(String typed) {
        String joined = words(typed).stream()
                .filter(w -> w.codePointCount(0, w.length()) >= MIN_WORD)
                .limit(MAX_WORDS)
                .map(w -> w + "*")
                .collect(Collectors.joining(" AND "));
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    private static List<String> words(String typed) {
        return Arrays.stream(fold(typed).split("[^\\p{L}\\p{N}_]+")).filter(w -> !w.isEmpty()).toList();
    }

    /** Accents off and lower case, as the index's {@code standard-folding} analyzer stores words. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT)
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss").replace("ø", "o").replace("ł", "l")
                .replace("đ", "d").replace("ð", "d").replace("þ", "th");
    }
}
