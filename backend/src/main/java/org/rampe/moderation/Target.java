package org.rampe.moderation;

/**
 * What can be reported, as the report form and the queue show it.
 *
 * @param type        what it is
 * @param concernedId the member a decision would concern (the author; the member; the group's owning member), or null
 * @param text        the content in context (a post's or comment's text, a member's name and bio, a place's name)
 * @param postId      the post to link to (the post itself, or the comment's post), or null
 * @param groupId     the group the content is in (its queue), or null for the site-wide queue
 * @param groupRules  the group's rules, shown on the report form
 */
record Target(TargetKind type, String id, String concernedId, String concernedHandle, String concernedName, String text,
              String postId, String groupId, String groupName, String groupRules) {

    /** The kind as stored and as the report form and its message keys name it. */
    public String kind() {
        return type.key();
    }

    boolean content() {
        return type.content();
    }
}
