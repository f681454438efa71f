package org.rampe.members;

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
 * The "Your data" issue adds each module's part of a member's export and of their erasure here.
 */
public interface MemberData {

    /** What this feature keeps about members. */
    Coverage covers();

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
