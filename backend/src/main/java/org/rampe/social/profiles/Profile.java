package org.rampe.social.profiles;

import java.util.List;

/**
 * A member's public profile as stored on the {@code :Member} node.
 *
 * @param languages keys of {@link SpokenLanguage}
 * @param avatar    null without an avatar
 */
record Profile(String id, String handle, String displayName, String bio, String pronouns, List<String> languages,
               String city, boolean privateAccount, Avatar avatar) {

    record Avatar(String imageId, String alt, int width, int height) {
    }

    public String avatarUrl() {
        return avatar == null ? null : "/members/" + handle + "/avatar.jpg?v=" + avatar.imageId();
    }
}
