package org.rampe.groups;

/**
 * What happens in groups, heard by the home feed (membership) and notifications (requests,
 * approvals, invitations). Ids are application ids (UUID strings).
 */
public final class GroupEvents {

    private GroupEvents() {
    }

    /** {@code member} is now a member of {@code group} (joined, approved or accepted an invitation). */
    public record MemberJoined(String group, String member) {
    }

    /** {@code member} is no longer a member of {@code group}. */
    public record MemberLeft(String group, String member) {
    }

    /** {@code requester} asked to join the private group {@code group}; its moderators are told. */
    public record JoinRequested(String group, String requester) {
    }

    /** {@code by}, a moderator, approved the request of {@code member}. */
    public record JoinApproved(String group, String member, String by) {
    }

    /** {@code by}, a moderator, invited {@code member}. */
    public record Invited(String group, String member, String by) {
    }
}
