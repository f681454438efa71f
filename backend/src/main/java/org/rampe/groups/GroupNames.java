package org.rampe.groups;

import java.text.Normalizer;
import java.util.Locale;

import org.rampe.site.Slugs;

/** How a group's name is searched and becomes its address. */
final class GroupNames {

    private GroupNames() {
    }

    /** Lower case, accents folded to ASCII: how names are searched. */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).strip();
    }

    /** The group's address from its name: ASCII letters and digits separated by dashes, at most 60 characters. */
    static String slugOf(String name) {
        String s = Slugs.of(fold(name), 60);
        // Addresses under /groups/ that are pages, not groups.
        return s.isEmpty() || s.equals("new") ? "groupe" + (s.isEmpty() ? "" : "-" + s) : s;
    }
}
