package org.rampe.moderation;

import java.util.Optional;

import org.springframework.stereotype.Service;

/** Who may moderate a group's cases: its moderators and owner (administrators moderate everything, as the callers check). */
@Service
class Moderators {

    private final ModeratorRepository repository;

    Moderators(ModeratorRepository repository) {
        this.repository = repository;
    }

    /** Whether the member moderates the group (MEMBER_OF role moderator or owner); false for null. */
    boolean moderates(String member, String group) {
        if (member == null || group == null) {
            return false;
        }
        return repository.moderates(member, group);
    }

    /** Whether the member owns the group (a mute or a ban never reaches its owner). */
    boolean ownsGroup(String member, String group) {
        return repository.ownsGroup(member, group);
    }

    /** A group as moderation pages name it, if {@code viewer} may know it exists (not hidden, or a member). */
    Optional<GroupInfo> group(String id, String viewer, boolean admin) {
        return repository.group(id, viewer, admin);
    }
}
