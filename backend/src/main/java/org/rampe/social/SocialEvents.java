package org.rampe.social;

/**
 * What happens between members, published by the feature that does it and heard by the ones that
 * follow from it (the home feed, notifications). Ids are application ids (UUID strings).
 */
public final class SocialEvents {

    private SocialEvents() {
    }

    /** {@code follower} now follows {@code followed} (directly, or once a request was approved). */
    public record MemberFollowed(String follower, String followed) {
    }

    /** {@code requester} asked to follow the private account {@code target}. */
    public record FollowRequested(String requester, String target) {
    }

    /** {@code follower} no longer follows {@code followed} (unfollowed, removed or blocked). */
    public record MemberUnfollowed(String follower, String followed) {
    }

    /** {@code blocker} blocked {@code blocked}: follows both ways are gone too. */
    public record MemberBlocked(String blocker, String blocked) {
    }

    /** {@code muter} muted {@code muted}; the muted member is not told. */
    public record MemberMuted(String muter, String muted) {
    }

    /** {@code muter} no longer mutes {@code muted} (the mute existed); the muted member was never told. */
    public record MemberUnmuted(String muter, String muted) {
    }

    /** A post was written (or its visibility changed and its audience must be worked out again). */
    public record PostPublished(String post, String author) {
    }

    /** A post is gone. */
    public record PostDeleted(String post, String author) {
    }

    /**
     * A comment on {@code post}; {@code parentComment} and {@code parentAuthor} are null for a
     * comment on the post itself.
     */
    public record CommentWritten(String comment, String post, String author, String postAuthor,
                                 String parentComment, String parentAuthor) {
    }

    /** {@code by} reacted with {@code reaction} to a post or comment ({@code targetKind} "post" or "comment") of {@code owner}. */
    public record Reacted(String targetKind, String targetId, String post, String by, String owner, String reaction) {
    }

    /** {@code by} mentioned {@code mentioned} in a post ({@code comment} null) or in a comment of that post. */
    public record Mentioned(String mentioned, String by, String post, String comment) {
    }

    /** A post or comment ({@code kind} = "post" / "comment") was edited by its author (moderation puts a hidden one back in the queue). */
    public record ContentEdited(String kind, String id, String author) {
    }
}
