package org.rampe.social;

/**
 * Whether a member may write to another, for the profile's "send a message": implemented by
 * messaging (above social), which owns the rule (blocks either way, the other's choice of who may
 * message them, a conversation already going on).
 */
public interface DirectMessages {

    /** Whether {@code viewerId} may start (or go on with) a direct conversation with {@code memberId}. */
    boolean mayWrite(String viewerId, String memberId);
}
