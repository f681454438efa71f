package org.rampe.social;

/**
 * How one member (the viewer) stands towards another, as a profile page needs it.
 *
 * @param following   the viewer follows the other (approved)
 * @param requested   the viewer asked to follow the other's private account, not yet answered
 * @param followedBy  the other follows the viewer
 * @param blocking    the viewer blocks the other
 * @param blockedBy   the other blocks the viewer
 * @param muting      the viewer mutes the other
 */
public record Relation(boolean following, boolean requested, boolean followedBy, boolean blocking, boolean blockedBy,
                       boolean muting) {

    public static final Relation NONE = new Relation(false, false, false, false, false, false);

    public boolean blockedEitherWay() {
        return blocking || blockedBy;
    }
}
