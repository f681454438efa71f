package org.rampe.site;

import java.util.Collection;
import java.util.Map;

/** How many notifications a member has not read yet; implemented by the notifications feature. */
public interface UnreadNotifications {

    /**
     * The count as Cypher: the body of a subquery run with {@code me} bound to the member's
     * node, returning one row with the count as {@code n}. {@link HeaderCounts} puts both header
     * counts in one statement, so that a page pays one round trip to the database for them.
     */
    String countOfMe();

    /**
     * The counts of several members at once (a member with no row counts 0): the live header
     * pushes read them once a second for everyone whose count changed, in one query.
     */
    Map<String, Long> counts(Collection<String> memberIds);
}
