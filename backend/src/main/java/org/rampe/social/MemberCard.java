package org.rampe.social;

/**
 * A member as a line of a list (followers, search results, requests): enough for a link, a name and
 * a small avatar. {@code avatarImage} is the avatar's image id, null without one.
 */
public record MemberCard(String id, String handle, String displayName, String avatarImage) {

    /** The avatar's address, with the image id so that a new avatar is never served from a cache. */
    public String avatarUrl() {
        return avatarImage == null ? null : "/members/" + handle + "/avatar.jpg?v=" + avatarImage;
    }
}
