package org.rampe.social;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * A comment in the thread of a post, with its replies. A deleted comment keeps its place (its
 * replies stay readable) but no text and no author; a comment by a member the viewer blocks, or
 * who blocks the viewer, keeps its place too but its text and author are not shown.
 *
 * @param parentAuthorName the display name of the author of the comment this one replies to, or null
 * @param moderation null; {@code hidden} or {@code removed} when moderators took it out of the viewer's sight
 *                   (a placeholder); {@code hidden_mine} when the viewer wrote it and moderators hid it
 */
record CommentView(String id, String authorId, String authorHandle, String authorName, String parentId,
                          String parentAuthorName, ZonedDateTime createdAt, ZonedDateTime editedAt, String text,
                          String html, boolean deleted, boolean hidden, List<ReactionCount> reactions, boolean mine,
                          boolean canReply, List<CommentView> replies, String moderation) {

    /** Moderators hid or removed it: its place only. */
    public boolean moderated() {
        return moderation != null && !"hidden_mine".equals(moderation);
    }

    /** The viewer wrote it and moderators hid it from others. */
    public boolean hiddenMine() {
        return "hidden_mine".equals(moderation);
    }

    /** Shown, and written by the former member (an erased member who kept their comments): no handle, no link. */
    public boolean former() {
        return visible() && authorHandle == null;
    }

    /** The author's name, or {@code formerMember} (the words for the former member) when it has none. */
    public String authorNameOr(String formerMember) {
        return former() ? formerMember : authorName;
    }

    public boolean edited() {
        return editedAt != null;
    }

    /** Whether the text and author are shown. */
    public boolean visible() {
        return !deleted && !hidden;
    }

    public List<ReactionCount> chosenReactions() {
        return reactions.stream().filter(r -> r.count() > 0).toList();
    }

    /** For {@code <time datetime>}: UTC, whole seconds (HTML allows at most three decimals, the graph keeps nine). */
    public String createdIso() {
        return Times.iso(createdAt);
    }

    public String editedIso() {
        return editedAt == null ? null : Times.iso(editedAt);
    }
}
