package org.rampe.moderation;

import java.util.List;

/**
 * What can be reported, as the report form and the queue show it.
 *
 * @param concernedId the member a decision would concern (the author; the member; the group's owning member), or null
 * @param text        the content in context (a post's or comment's text, a member's name and bio, a place's name)
 * @param postId      the post to link to (the post itself, or the comment's post), or null
 * @param groupId     the group the content is in (its queue), or null for the site-wide queue
 * @param groupRules  the group's rules, shown on the report form
 */
record Target(String kind, String id, String concernedId, String concernedHandle, String concernedName, String text,
              String postId, String groupId, String groupName, String groupRules) {

    static final List<String> KINDS = List.of("post", "comment", "member", "group", "message", "place");

    boolean content() {
        return kind.equals("post") || kind.equals("comment");
    }

    /** The label of the target's node, for the kinds that have one (the kind comes from {@link #KINDS} only). */
    static String label(String kind) {
        return switch (kind) {
            case "post" -> "Post";
            case "comment" -> "Comment";
            case "member" -> "Member";
            case "group" -> "Group";
            case "message" -> "Message";
            case "place" -> "Place";
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
