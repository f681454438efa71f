package org.rampe.members;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one feature keeps about a member in the graph: the seam through which a member's data is
 * found, exported and erased feature by feature, instead of by one place that would have to know
 * every feature's graph. Each module that stores member data has one bean implementing it (named
 * {@code <Feature>MemberData}), collected by Spring as a {@code List<MemberData>}.
 *
 * <p>Today each declares what it {@link #covers() covers}: the relationship types that touch a
 * {@code :Member} node and the properties of {@code :Member} nodes it writes. The test run holds the
 * declarations to the graph: after every test, a relationship type or property around a member
 * that no module declares fails that test (RampeTest), so new member data cannot slip in unowned.
 *
 * <p>Each also writes its part of the member's archive ({@link #export}) and carries out its part of
 * their erasure ({@link #erase}); the members module runs both (the archive in the background, the
 * erasure after the member confirmed) and removes the account itself last.
 */
public interface MemberData {

    /** What this feature keeps about members. */
    Coverage covers();

    /**
     * Writes this feature's files into the member's archive. Reads in pages or streams
     * ({@code Graph.each}) and writes as it reads; never loads a member's whole history at once.
     */
    void export(MemberArchive archive);

    /**
     * Removes (or, for content the member chose to keep, anonymises) what this feature keeps about
     * the member. Idempotent, batched: see {@link Erasure}.
     */
    void erase(Erasure erasure);

    /**
     * What erasing this member will do here that the member should know before confirming, beyond
     * the general explanation: one sentence per item, in the member's language ("Your group
     * « Marcheurs » will go to its moderator @lea"). Empty by default.
     */
    default List<String> foresee(MemberId member, Locale locale) {
        return List.of();
    }

    /**
     * @param feature       the feature, as an export names its part ({@code places}, {@code social})
     * @param relationships relationship types with a {@code :Member} at one end (either direction)
     * @param properties    properties of {@code :Member} nodes
     */
    record Coverage(String feature, Set<String> relationships, Set<String> properties) {

        public Coverage {
            relationships = Set.copyOf(relationships);
            properties = Set.copyOf(properties);
        }
    }
}
