package org.rampe.social;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * A post as every list and page shows it (fragment {@code social/post-card :: card(post)}), built
 * only for a viewer who may read it.
 *
 * @param html     the text as safe HTML from {@link PostText#html}, the only value shown with th:utext
 * @param mine     the viewer wrote it (may edit and delete it)
 * @param canReact the viewer is signed in (reading was already checked)
 * @param moderation null, or {@code hidden} when moderators hid it (only its author reads it then)
 * @param locked   moderators locked the thread: no new comments
 */
public record PostCard(String id, String authorId, String authorHandle, String authorName, ZonedDateTime createdAt,
                       ZonedDateTime editedAt, String text, String html, String contentWarning, String language,
                       String visibility, List<PostImage> images, List<ReactionCount> reactions, long commentCount,
                       boolean mine, boolean canReact, String moderation, boolean locked) {

    /** Written by a member who has since erased their account and kept their posts: no handle, no name, no link. */
    public boolean former() {
        return authorHandle == null;
    }

    public boolean hiddenByModerators() {
        return "hidden".equals(moderation);
    }

    /** The author's name, or {@code formerMember} (the words for the former member) when it has none. */
    public String authorNameOr(String formerMember) {
        return former() ? formerMember : authorName;
    }

    public boolean edited() {
        return editedAt != null;
    }

    public boolean hasContentWarning() {
        return contentWarning != null && !contentWarning.isBlank();
    }

    /** The language tag for the lang attribute, or null when the author gave none. */
    public String lang() {
        return language == null || language.isBlank() ? null : language;
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
