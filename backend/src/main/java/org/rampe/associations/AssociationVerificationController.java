package org.rampe.associations;

import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' side: associations awaiting verification, verifying them and withdrawing a
 * verification. Everything under /moderation needs ROLE_ADMIN (security rules); checked here again.
 */
@Controller
class AssociationVerificationController {

    private final Associations associations;

    AssociationVerificationController(Associations associations) {
        this.associations = associations;
    }

    @GetMapping("/moderation/associations")
    String queue(@AuthenticationPrincipal Viewer viewer, Model model) {
        administrator(viewer);
        model.addAttribute("pending", associations.pending());
        model.addAttribute("verified", associations.verified());
        return "associations/queue";
    }

    @Limited(value = "moderation", perMember = 600)
    @PostMapping("/moderation/associations/{slug}/verify")
    String verify(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        administrator(viewer);
        associations.verify(existing(slug), viewer.memberId());
        redirect.addFlashAttribute("notice", "association.verify.done");
        return "redirect:/moderation/associations";
    }

    @Limited(value = "moderation", perMember = 600)
    @PostMapping("/moderation/associations/{slug}/withdraw")
    String withdraw(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        administrator(viewer);
        associations.withdrawVerification(existing(slug));
        redirect.addFlashAttribute("notice", "association.verify.withdrawn");
        return "redirect:/moderation/associations";
    }

    private static void administrator(Viewer viewer) {
        if (viewer == null || !viewer.admin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private Association existing(String slug) {
        return associations.bySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
