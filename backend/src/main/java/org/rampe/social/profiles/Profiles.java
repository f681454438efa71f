package org.rampe.social.profiles;

import java.util.Optional;

import org.rampe.images.ImageStore;
import org.rampe.images.Images;
import org.rampe.members.AccessNeeds;
import org.rampe.members.MemberId;
import org.rampe.members.Members;
import org.rampe.social.Relation;
import org.rampe.social.Relations;
import org.springframework.stereotype.Service;

/** Reading and editing profiles, and the one rule for showing access needs on them. */
@Service
class Profiles {

    /** Avatars are shown small: no more than this many pixels on the long side are kept. */
    static final int AVATAR_SIDE = 512;

    private final ProfileRepository repository;
    private final Members members;
    private final Relations relations;
    private final ImageStore images;

    Profiles(ProfileRepository repository, Members members, Relations relations, ImageStore images) {
        this.repository = repository;
        this.members = members;
        this.relations = relations;
        this.images = images;
    }

    Optional<Profile> byHandle(String handle) {
        return handle == null ? Optional.empty() : repository.byHandle(handle.toLowerCase(java.util.Locale.ROOT));
    }

    Optional<Profile> byId(String id) {
        return repository.byId(id);
    }

    /**
     * The owner's access needs if this viewer may read them: never a visitor, never across a block;
     * the owner always; otherwise as the owner chose — every member, or the members the owner follows.
     */
    Optional<AccessNeeds> visibleNeeds(Profile owner, String viewerId, Relation relation) {
        if (viewerId == null || relation.blockedEitherWay()) {
            return Optional.empty();
        }
        Optional<AccessNeeds> needs = members.accessNeeds(new MemberId(owner.id()));
        if (owner.id().equals(viewerId)) {
            return needs;
        }
        return needs.filter(n -> switch (n.visibility()) {
            case "members" -> true;
            case "following" -> relation.followedBy();
            default -> false;
        });
    }

    /**
     * Saves the checked form. A new avatar replaces the old (whose file goes); "remove" removes it.
     * An account made open again lets in whoever was waiting for approval.
     */
    void save(String memberId, ProfileForm form, Images.Cleaned newAvatar) {
        boolean wasPrivate = repository.save(memberId, form.changes());
        String alt = ProfileForm.line(form.getAvatarAlt());
        Optional<String> oldImage = Optional.empty();
        if (newAvatar != null) {
            String id = ProfileRepository.newImageId();
            images.put(id, newAvatar.jpeg());
            oldImage = repository.replaceAvatar(memberId, alt, newAvatar.width(), newAvatar.height(), id);
        } else if (form.isRemoveAvatar()) {
            oldImage = repository.removeAvatar(memberId);
        } else if (!alt.isEmpty()) {
            repository.changeAvatarAlt(memberId, alt);
        }
        oldImage.ifPresent(images::delete);
        if (wasPrivate && !form.isPrivateAccount()) {
            relations.approveAllRequests(memberId);
        }
    }

    Optional<byte[]> avatar(String handle) {
        return repository.avatarImage(handle.toLowerCase(java.util.Locale.ROOT)).flatMap(images::get);
    }
}
