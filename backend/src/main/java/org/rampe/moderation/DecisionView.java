package org.rampe.moderation;

import java.time.ZonedDateTime;

/** A decision as its page shows it, to the member concerned and to moderators. */
record DecisionView(String id, String action, String rule, String reason, ZonedDateTime at, ZonedDateTime until,
                    String deciderId, String deciderHandle, String concernedId, String concernedHandle,
                    String targetKind, String targetId, String text, String postId, String groupId, String groupName,
                    String appealText, ZonedDateTime appealedAt, String outcome, String reviewReason) {

    public boolean appealed() {
        return appealText != null;
    }

    public boolean reviewed() {
        return outcome != null;
    }

    public boolean forGood() {
        return until != null && until.getYear() >= 9999;
    }

    public boolean appealable() {
        return !action.equals(Action.DISMISS.key()) && !appealed();
    }
}
