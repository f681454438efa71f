package org.rampe.social;

import java.util.ArrayList;
import java.util.List;

/** How many members chose one reaction on a post or comment, and whether the viewer is one of them. */
public record ReactionCount(Reaction reaction, long count, boolean mine) {

    public String key() {
        return reaction.key();
    }

    public String emoji() {
        return reaction.emoji();
    }

    /** Every reaction of the set, in its fixed order, counted from the chosen keys. */
    static List<ReactionCount> of(List<String> all, List<String> viewers) {
        List<ReactionCount> counts = new ArrayList<>();
        for (Reaction r : Reaction.values()) {
            long n = all.stream().filter(r.key()::equals).count();
            counts.add(new ReactionCount(r, n, viewers.contains(r.key())));
        }
        return counts;
    }
}
