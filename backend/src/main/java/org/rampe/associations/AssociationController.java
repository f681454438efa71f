package org.rampe.associations;

import java.util.Locale;

import org.rampe.images.ImageDecodes;
import org.rampe.images.Images;
import org.rampe.images.JpegResponses;
import org.rampe.site.Limited;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Association pages: the list, one page, creating (any signed-in member), and what only its
 * representatives may do — edit, add or remove representatives, change the logo. Signing in is
 * enforced by the security rules; being a representative is checked here (403 otherwise).
 */
@Controller
class AssociationController {

    /** The limit members are told about; the container's own cap is higher (application.properties). */
    static final long MAX_BYTES = 10L * 1024 * 1024;

    private final Associations associations;
    private final ImageDecodes decodes;

    AssociationController(Associations associations, ImageDecodes decodes) {
        this.decodes = decodes;
        this.associations = associations;
    }

    @GetMapping("/associations")
    String list(@RequestParam(defaultValue = "") String q, Model model) {
        // At most 100 characters, never cutting an emoji in half.
        String query = q.codePointCount(0, q.length()) > 100 ? q.substring(0, q.offsetByCodePoints(0, 100)) : q;
        model.addAttribute("q", query);
        model.addAttribute("associations", associations.list(query));
        model.addAttribute("max", Associations.LIST_MAX);
        return "associations/list";
    }

    @GetMapping("/associations/new")
    String newForm(Model model) {
        model.addAttribute("form", new AssociationForm());
        return "associations/form";
    }

    @Limited(value = "associations.new", perMember = 10, perAddress = 20, window = "1d")
    @PostMapping("/associations/new")
    String create(@ModelAttribute("form") AssociationForm form, BindingResult errors,
                  @AuthenticationPrincipal Viewer member, Model model, RedirectAttributes redirect) {
        form.validate(errors);
        if (errors.hasErrors()) {
            model.addAttribute("failed", true);
            return "associations/form";
        }
        String slug = associations.create(member.memberId(), form.fields());
        redirect.addFlashAttribute("notice", "association.created");
        return "redirect:/associations/" + slug;
    }

    @GetMapping("/associations/{slug}")
    String page(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, Model model) {
        Association a = existing(slug);
        model.addAttribute("association", a);
        model.addAttribute("representatives", associations.representatives(a));
        model.addAttribute("groups", associations.groups(a));
        model.addAttribute("representative", viewer != null && associations.isRepresentative(viewer.memberId(), a.id()));
        model.addAttribute("admin", viewer != null && viewer.admin());
        model.addAttribute("invitedToRepresent", viewer != null && associations.isInvited(viewer.memberId(), a));
        return "associations/association";
    }

    @GetMapping("/associations/{slug}/edit")
    String editForm(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, Model model) {
        Association a = represented(slug, viewer);
        model.addAttribute("form", AssociationForm.of(a));
        return edit(model, a);
    }

    private String edit(Model model, Association a) {
        model.addAttribute("association", a);
        model.addAttribute("representatives", associations.representatives(a));
        model.addAttribute("invited", associations.invited(a));
        return "associations/form";
    }

    @Limited(value = "associations.edits", perMember = 60, perAddress = 120)
    @PostMapping("/associations/{slug}/edit")
    String save(@PathVariable String slug, @ModelAttribute("form") AssociationForm form, BindingResult errors,
                @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        Association a = represented(slug, viewer);
        form.validate(errors);
        if (errors.hasErrors()) {
            model.addAttribute("failed", true);
            return edit(model, a);
        }
        boolean backToQueue = associations.update(a, form.fields());
        redirect.addFlashAttribute("notice", backToQueue ? "association.saved.unverified" : "association.saved");
        return "redirect:/associations/" + a.slug();
    }

    /** Invites a member: they become a representative only when they accept (issue 17). */
    @Limited(value = "invitations", perMember = 60, perAddress = 120)
    @PostMapping("/associations/{slug}/representatives")
    String addRepresentative(@PathVariable String slug, @RequestParam(defaultValue = "") String handle,
                             @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Association a = represented(slug, viewer);
        String h = handleOf(handle);
        var outcome = h.isEmpty() ? AssociationRepository.Invited.NO_SUCH_MEMBER : associations.invite(a, h, viewer.memberId());
        redirect.addFlashAttribute("notice", switch (outcome) {
            case INVITED -> "safety.invitation.sent";
            case ALREADY -> "association.representative.already";
            case ALREADY_INVITED -> "safety.invitation.already";
            case NO_SUCH_MEMBER -> "association.representative.unknown";
        });
        return "redirect:/associations/" + a.slug() + "/edit#representatives";
    }

    /** A representative withdraws a pending invitation. */
    @Limited(value = "invitations", perMember = 60, perAddress = 120)
    @PostMapping("/associations/{slug}/invitations/withdraw")
    String withdrawInvitation(@PathVariable String slug, @RequestParam(defaultValue = "") String handle,
                              @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Association a = represented(slug, viewer);
        boolean withdrawn = associations.withdraw(a, handleOf(handle));
        redirect.addFlashAttribute("notice", withdrawn ? "safety.invitation.withdrawn" : "safety.invitation.none");
        return "redirect:/associations/" + a.slug() + "/edit#invitations";
    }

    /** The invited member's page: what representing means, accept or decline. Anyone else: 404. */
    @GetMapping("/associations/{slug}/invitation")
    String invitation(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, Model model) {
        Association a = invitedTo(slug, viewer);
        model.addAttribute("association", a);
        model.addAttribute("representatives", associations.representatives(a));
        return "associations/invitation";
    }

    @Limited(value = "invitations", perMember = 60, perAddress = 120)
    @PostMapping("/associations/{slug}/invitation/accept")
    String accept(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Association a = invitedTo(slug, viewer);
        if (!associations.accept(viewer.memberId(), a)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "safety.invitation.accepted");
        return "redirect:/associations/" + a.slug();
    }

    @Limited(value = "invitations", perMember = 60, perAddress = 120)
    @PostMapping("/associations/{slug}/invitation/decline")
    String decline(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Association a = invitedTo(slug, viewer);
        if (!associations.decline(viewer.memberId(), a)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "safety.invitation.declined");
        return "redirect:/associations/" + a.slug();
    }

    /** The association, if the viewer has a pending invitation to represent it: 404 otherwise (for anyone else, nothing to see). */
    private Association invitedTo(String slug, Viewer viewer) {
        Association a = existing(slug);
        if (viewer == null || !associations.isInvited(viewer.memberId(), a)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return a;
    }

    @Limited(value = "invitations", perMember = 60, perAddress = 120)
    @PostMapping("/associations/{slug}/representatives/remove")
    String removeRepresentative(@PathVariable String slug, @RequestParam(defaultValue = "") String handle,
                                @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Association a = represented(slug, viewer);
        String h = handleOf(handle);
        var outcome = associations.removeRepresentative(a, h);
        redirect.addFlashAttribute("notice", switch (outcome) {
            case REMOVED -> "association.representative.removed";
            case LAST -> "association.representative.last";
            case NOT_REPRESENTATIVE -> "association.representative.notOne";
        });
        // Removing oneself ends one's right to the edit page: back to the association's page then.
        boolean self = outcome == AssociationRepository.Removed.REMOVED && h.equals(viewer.handle());
        return "redirect:/associations/" + a.slug() + (self ? "" : "/edit#representatives");
    }

    @GetMapping("/associations/{slug}/logo")
    String logoForm(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, Model model) {
        Association a = represented(slug, viewer);
        var form = new LogoForm();
        if (a.logo() != null) {
            form.setAlt(a.logo().alt());
        }
        model.addAttribute("form", form);
        model.addAttribute("association", a);
        return "associations/logo";
    }

    @Limited(value = "logos", perMember = 30, perAddress = 60)
    @PostMapping("/associations/{slug}/logo")
    String uploadLogo(@PathVariable String slug, @ModelAttribute("form") LogoForm form, BindingResult errors,
                      @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        Association a = represented(slug, viewer);
        Images.Cleaned image = null;
        if (!form.hasFile()) {
            errors.rejectValue("file", "association.logo.file.required");
        } else if (form.getFile().getSize() > MAX_BYTES) {
            errors.rejectValue("file", "photo.file.tooLarge");
        } else {
            try {
                image = decodes.clean(form.getFile(), Associations.LOGO_SIDE);
            } catch (Images.Refused refused) {
                errors.rejectValue("file", refused.code());
            }
        }
        form.validateAlt(errors);
        if (errors.hasErrors()) {
            if (image != null) {
                // The file was fine, but the browser will not send it again unless chosen again.
                errors.rejectValue("file", "photo.file.chooseAgain");
            }
            model.addAttribute("failed", true);
            model.addAttribute("association", a);
            return "associations/logo";
        }
        associations.replaceLogo(a, image, form.normalizedAlt());
        redirect.addFlashAttribute("notice", "association.logo.saved");
        return "redirect:/associations/" + a.slug();
    }

    @Limited(value = "logos", perMember = 30, perAddress = 60)
    @PostMapping("/associations/{slug}/logo/remove")
    String removeLogo(@PathVariable String slug, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Association a = represented(slug, viewer);
        associations.removeLogo(a);
        redirect.addFlashAttribute("notice", "association.logo.removed");
        return "redirect:/associations/" + a.slug();
    }

    @GetMapping("/associations/{slug}/logo.jpg")
    ResponseEntity<byte[]> logo(@PathVariable String slug) {
        byte[] jpeg = associations.logo(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return JpegResponses.publicForADay().body(jpeg);
    }

    /** "@Ana" and " ana " name the same member. */
    static String handleOf(String typed) {
        String h = typed.strip();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.length() > 30 ? "" : h.toLowerCase(Locale.ROOT);
    }

    private Association existing(String slug) {
        return associations.bySlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The association, if the viewer represents it: 404 if it does not exist, 403 if they do not. */
    private Association represented(String slug, Viewer viewer) {
        Association a = existing(slug);
        if (viewer == null || !associations.isRepresentative(viewer.memberId(), a.id())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return a;
    }
}
