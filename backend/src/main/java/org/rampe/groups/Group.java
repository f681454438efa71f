package org.rampe.groups;

import java.time.ZonedDateTime;

/**
 * A group as its pages show it, with what the viewer is to it. {@code ownerKind} is {@code member}
 * or {@code association}; {@code ownerKey} is the owner's handle or slug (empty when nobody owns it:
 * an archived group). {@code archived}: its last owner erased their account and nobody could take
 * it over; it stays readable, but nobody posts in it or joins it any more.
 */
record Group(String id, String slug, String name, String description, String rules, String kind,
                    ZonedDateTime createdAt, String ownerKind, String ownerName, String ownerKey, long memberCount,
                    Viewer viewer, boolean publicAuditLog, boolean archived) {

    /** The viewer's relation to the group: role ({@code owner}, {@code moderator}, {@code member} or null) and state. */
    public record Viewer(String memberId, String role, boolean requested, boolean invited, boolean banned,
                         ZonedDateTime mutedUntil, boolean admin) {

        public boolean signedIn() {
            return memberId != null;
        }

        public boolean member() {
            return role != null;
        }

        public boolean owner() {
            return "owner".equals(role);
        }

        /** Moderators and owners of the group, and administrators (who moderate everything). */
        public boolean moderates() {
            return "owner".equals(role) || "moderator".equals(role) || admin;
        }

        public boolean muted() {
            return mutedUntil != null;
        }
    }

    public boolean isPublic() {
        return "public".equals(kind);
    }

    public boolean isHidden() {
        return "hidden".equals(kind);
    }

    /** Hidden groups exist only for their members, invited members and administrators. */
    public boolean visible() {
        return !isHidden() || viewer.member() || viewer.invited() || viewer.admin();
    }

    /** The posts and the member list: everyone for a public group, members otherwise. */
    public boolean readable() {
        return isPublic() || viewer.member();
    }

    /** Members post, unless muted in the group (a ban removes the membership). */
    public boolean canPost() {
        return viewer.member() && !viewer.muted() && !viewer.banned() && !archived;
    }

    /** Owners appoint moderators (administrators too). */
    public boolean managesRoles() {
        return viewer.owner() || viewer.admin();
    }

    /** Owners edit the group's name, description and rules (administrators too). */
    public boolean canEdit() {
        return viewer.owner() || viewer.admin();
    }

    public boolean canJoin() {
        return viewer.signedIn() && !viewer.member() && !viewer.banned() && isPublic() && !archived;
    }

    public boolean canRequest() {
        return viewer.signedIn() && !viewer.member() && !viewer.banned() && "private".equals(kind) && !viewer.requested()
                && !archived;
    }
}
