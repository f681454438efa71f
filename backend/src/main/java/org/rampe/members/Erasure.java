package org.rampe.members;

import java.time.Instant;

/**
 * One member's erasure (GDPR article 17), as each feature carries it out on its own data
 * ({@link MemberData#erase}). The member has confirmed; they are signed out everywhere and can no
 * longer sign in before the features are called.
 *
 * <p>Every feature's erasure must be <b>idempotent</b> and work in bounded batches (a member may
 * have written 10,000 posts): an erasure interrupted by a crash is run again from the start on the
 * next start-up, and must then finish what it began. Image files are deleted from the store after
 * the graph no longer refers to them.
 *
 * @param member the member being erased
 * @param choice what becomes of the posts and comments they wrote
 * @param at     when they confirmed
 */
public record Erasure(MemberId member, Choice choice, Instant at) {

    /**
     * The id of the one "former member" node ({@code (:Member:Former)}, no handle, no name, no
     * address, no way to sign in) that anonymised content is attributed to. One node for all erased
     * members, so that anonymised posts cannot be linked back to each other (per-member stand-ins
     * would let a reader gather one person's posts). Created on first use by {@link #formerMember}.
     * Pages draw a member without a handle as "former member" (message key {@code member.former}).
     */
    public static final String FORMER_MEMBER_ID = "00000000-0000-4000-8000-00000000f0e7";

    public static MemberId formerMember() {
        return new MemberId(FORMER_MEMBER_ID);
    }

    public enum Choice {
        /** Remove the posts and comments they wrote. */
        REMOVE,
        /** Keep posts and comments, attributed to the former member. */
        ANONYMISE
    }

    public boolean removesContent() {
        return choice == Choice.REMOVE;
    }
}
