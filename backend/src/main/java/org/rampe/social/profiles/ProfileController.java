package org.rampe.social.profiles;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.images.ImageDecodes;
import org.rampe.images.Images;
import org.rampe.images.JpegResponses;
import org.rampe.members.Members;
import org.rampe.members.NeedProfile;
import org.rampe.members.SignedIn;
import org.rampe.site.Limited;
import org.rampe.social.DirectMessages;
import org.rampe.social.Relation;
import org.rampe.social.Relations;
import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A member's profile page, its avatar, and "edit my profile". */
@Controller
class ProfileController {

    /** The limit members are told about; the container's own cap is higher (application.properties). */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    private final Profiles profiles;
    private final Relations relations;
    private final SignedIn signedIn;
    private final Members members;
    private final ImageDecodes decodes;
    private final DirectMessages directMessages;

    ProfileController(Profiles profiles, Relations relations, SignedIn signedIn, Members members, ImageDecodes decodes,
                      DirectMessages directMessages) {
        this.decodes = decodes;
        this.directMessages = directMessages;
        this.profiles = profiles;
        this.relations = relations;
        this.signedIn = signedIn;
        this.members = members;
    }

    @ModelAttribute("spokenLanguages")
    SpokenLanguage[] spokenLanguages() {
        return SpokenLanguage.values();
    }

    @GetMapping("/members/{handle}")
    String profile(@PathVariable String handle, @AuthenticationPrincipal Viewer viewer, Model model) {
        if (members.wasErased(handle)) {
            // Deleted (or being deleted) less than 30 days ago: 410 Gone, "This account was deleted".
            throw new ResponseStatusException(HttpStatus.GONE);
        }
        Profile profile = profiles.byHandle(handle).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String viewerId = viewer == null ? null : viewer.memberId();
        boolean self = profile.id().equals(viewerId);
        Relation relation = relations.between(viewerId, profile.id());
        long[] counts = relations.counts(profile.id());
        model.addAttribute("profile", profile);
        model.addAttribute("self", self);
        model.addAttribute("relation", relation);
        // "Send a message" only where it would be accepted (a refused member sees no button, as for a block).
        model.addAttribute("mayMessage", viewerId != null && !self && directMessages.mayWrite(viewerId, profile.id()));
        model.addAttribute("followers", counts[0]);
        model.addAttribute("following", counts[1]);
        model.addAttribute("listsVisible", !profile.privateAccount() || self || relation.following());
        model.addAttribute("needs", profiles.visibleNeeds(profile, viewerId, relation).orElse(null));
        model.addAttribute("needProfiles", NeedProfile.values());
        return "profiles/profile";
    }

    @GetMapping("/members/{handle}/avatar.jpg")
    ResponseEntity<byte[]> avatar(@PathVariable String handle) {
        byte[] jpeg = profiles.avatar(handle).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // Pages link to the avatar with its image id in the address, so a new avatar shows at once;
        // a day bounds how long a removed one lingers in shared caches.
        return JpegResponses.publicForADay().body(jpeg);
    }

    @GetMapping("/account/profile")
    String edit(@AuthenticationPrincipal Viewer viewer, Model model) {
        Profile profile = own(viewer);
        model.addAttribute("form", ProfileForm.of(profile));
        model.addAttribute("profile", profile);
        return "profiles/edit";
    }

    @Limited(value = "profile", perMember = 60, perAddress = 120)
    @PostMapping("/account/profile")
    String save(@ModelAttribute("form") ProfileForm form, BindingResult errors, @AuthenticationPrincipal Viewer account,
                HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Profile profile = own(account);
        form.validate(errors);
        Images.Cleaned image = null;
        if (form.hasFile()) {
            if (form.getAvatar().getSize() > MAX_BYTES) {
                errors.rejectValue("avatar", "profile.avatar.tooLarge");
            } else {
                try {
                    image = decodes.clean(form.getAvatar(), Profiles.AVATAR_SIDE);
                } catch (Images.Refused refused) {
                    errors.rejectValue("avatar", refused.code());
                }
            }
        }
        boolean avatarAfter = image != null || profile.avatar() != null && !form.isRemoveAvatar() && !form.hasFile();
        form.validateAlt(errors, avatarAfter);
        if (errors.hasErrors()) {
            if (image != null) {
                // The file was fine, but the browser will not send it again unless chosen again.
                errors.rejectValue("avatar", "profile.avatar.chooseAgain");
            }
            model.addAttribute("profile", profile);
            model.addAttribute("failed", true);
            return "profiles/edit";
        }
        profiles.save(account.memberId(), form, image);
        signedIn.renamed(account, ProfileForm.line(form.getDisplayName()), request, response);
        redirect.addFlashAttribute("notice", "profile.saved");
        return "redirect:/members/" + account.handle();
    }

    private Profile own(Viewer viewer) {
        return profiles.byId(viewer.memberId()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
