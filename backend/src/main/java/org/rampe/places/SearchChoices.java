package org.rampe.places;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The needs, fit and "must have" criteria chosen in the place search, kept in the session and never
 * in an address: needs are health data, and an address ends up in the history, server logs,
 * {@code Referer} headers and shared links. A visitor's session lasts an hour without use; a member's
 * ends with signing out. Kept as plain strings, which every session store can write.
 *
 * @param needs    need keys as chosen (an empty list is a choice: "no need at all")
 * @param fit      the fit key, or null
 * @param criteria criterion keys, maybe empty
 */
record SearchChoices(List<String> needs, String fit, List<String> criteria) {

    private static final String NEEDS = "rampe.places.search.needs";
    private static final String FIT = "rampe.places.search.fit";
    private static final String CRITERIA = "rampe.places.search.criteria";

    static SearchChoices of(List<String> needs, String fit, List<String> criteria) {
        return new SearchChoices(needs == null ? List.of() : List.copyOf(needs), fit == null || fit.isBlank() ? null : fit,
                criteria == null ? List.of() : List.copyOf(criteria));
    }

    /** What this visitor or member chose last, if they chose anything in this session. Creates no session. */
    static Optional<SearchChoices> remembered(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(NEEDS) instanceof String needs)) {
            return Optional.empty();
        }
        String fit = session.getAttribute(FIT) instanceof String f ? f : null;
        String criteria = session.getAttribute(CRITERIA) instanceof String c ? c : "";
        return Optional.of(new SearchChoices(split(needs), fit, split(criteria)));
    }

    /** Remembers these choices in the session (creating one for a visitor). */
    void remember(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        session.setAttribute(NEEDS, String.join(",", needs));
        if (fit == null) {
            session.removeAttribute(FIT);
        } else {
            session.setAttribute(FIT, fit);
        }
        session.setAttribute(CRITERIA, String.join(",", criteria));
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(joined.split(",")));
    }
}
