package org.rampe.notifications;

import java.time.Instant;
import java.util.List;

/**
 * A notification as the page words it: who (the newest actor or two, and how many more), what
 * ({@code kind}), and the post it is about when the reader may still read it.
 */
record NotificationView(String id, String kind, Instant at, boolean unread, List<Actor> actors, long others,
                               String postId, String postExcerpt, String commentId,
                               String decisionId, String decisionAction, String decisionRule, String appealOutcome,
                               String associationSlug, String associationName, String groupSlug, String groupName) {

    /** A notification from the moderators (a decision, an appeal's outcome): no actor is named. */
    public boolean aboutDecision() {
        return decisionId != null;
    }

    /** The site telling the member their archive is ready: no actor, a link to the page of their data. */
    public boolean aboutArchive() {
        return kind.equals("archive_ready");
    }

    public record Actor(String handle, String displayName) {
    }

    /** Kinds that are about a post (all but follows, follow requests and association kinds). */
    public boolean aboutPost() {
        return !kind.equals("follow") && !kind.equals("follow_request") && decisionId == null && !aboutAssociation()
                && !aboutGroup() && !aboutArchive();
    }

    /** Kinds that are about an association ({@code association_verified}). */
    public boolean aboutAssociation() {
        return kind.startsWith("association_");
    }

    /** Kinds about a group (join requests, approvals, invitations). */
    public boolean aboutGroup() {
        return kind.startsWith("group_");
    }

    /** Whether the group can be linked to (it exists and the reader may see it). */
    public boolean groupAvailable() {
        return groupSlug != null;
    }

    /** Whether the post can be linked to (it exists and the reader may read it). */
    public boolean postAvailable() {
        return postId != null;
    }

    /** The message key of the sentence's verb part. */
    public String messageKey() {
        String key = "notification.kind." + kind;
        if (commentId != null && (kind.equals("reaction") || kind.equals("mention"))) {
            key += ".comment";
        }
        // Several people: the verb agrees ("ont réagi").
        return others > 0 ? key + ".many" : key;
    }

    /** The post's address, at the comment when there is one. */
    public String postLink() {
        return commentId == null ? "/posts/" + postId : "/posts/" + postId + "#comment-" + commentId;
    }

    /** For {@code <time datetime>}: UTC, whole seconds (HTML allows at most three decimals). */
    public String atIso() {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
