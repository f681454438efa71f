package org.rampe.members;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My access needs": stored only after an explicit consent that says what they are used for;
 * private by default; withdrawing consent erases them.
 */
@Controller
class AccessNeedsController {

    private final Members members;
    private final AccessNeedsRepository needs;

    AccessNeedsController(Members members, AccessNeedsRepository needs) {
        this.members = members;
        this.needs = needs;
    }

    @GetMapping("/account/needs")
    String page(@AuthenticationPrincipal Viewer viewer, Model model) {
        var saved = members.accessNeeds(new MemberId(viewer.memberId()));
        history(model, viewer);
        return form(model, saved.orElse(null), saved.map(AccessNeeds::profiles).orElse(Set.of()),
                saved.map(AccessNeeds::note).orElse(""), saved.map(AccessNeeds::visibility).orElse("only_me"));
    }

    /** The page with what is stored, or with what was just typed when it could not be kept. */
    private static String form(Model model, AccessNeeds saved, Set<NeedProfile> chosen, String note, String visibility) {
        model.addAttribute("saved", saved);
        model.addAttribute("chosen", chosen.stream().map(NeedProfile::key).toList());
        model.addAttribute("note", note);
        model.addAttribute("visibility", visibility);
        model.addAttribute("profiles", NeedProfile.values());
        model.addAttribute("visibilities", AccessNeeds.VISIBILITIES);
        return "members/needs";
    }

    /** The consent history, as the page's table shows it: what, when (Paris time), given or withdrawn. */
    private void history(Model model, Viewer viewer) {
        model.addAttribute("consents", needs.history(new MemberId(viewer.memberId())).stream()
                .map(c -> new ConsentRow(c.purpose(), c.given(), c.at().atZone(ArchiveController.SHOWN_IN),
                        c.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), String.join(", ", c.needs())))
                .toList());
    }

    record ConsentRow(String purpose, boolean given, java.time.ZonedDateTime at, String atIso, String needs) {
    }

    @Limited(value = "access-needs", perMember = 60, perAddress = 120)
    @PostMapping("/account/needs")
    String save(@RequestParam(required = false) List<String> needs, @RequestParam(defaultValue = "") String note,
                @RequestParam(defaultValue = "only_me") String visibility, @RequestParam(defaultValue = "") String consent,
                @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        Set<NeedProfile> profiles = EnumSet.noneOf(NeedProfile.class);
        List<String> problems = new ArrayList<>();
        if (needs != null) {
            needs.forEach(n -> NeedProfile.fromKey(n).ifPresent(profiles::add));
        }
        if (!"yes".equals(consent)) {
            problems.add("consent");
        }
        if (note.strip().length() > AccessNeeds.NOTE_MAX) {
            problems.add("note");
        }
        if (!AccessNeeds.VISIBILITIES.contains(visibility)) {
            visibility = "only_me";
        }
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            history(model, viewer);
            return form(model, members.accessNeeds(new MemberId(viewer.memberId())).orElse(null), profiles, note, visibility);
        }
        members.saveAccessNeeds(new MemberId(viewer.memberId()), profiles, note.strip(), visibility);
        redirect.addFlashAttribute("notice", "needs.saved");
        return "redirect:/account/needs";
    }

    @Limited(value = "access-needs", perMember = 60, perAddress = 120)
    @PostMapping("/account/needs/withdraw")
    String withdraw(@AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        members.eraseAccessNeeds(new MemberId(viewer.memberId()));
        redirect.addFlashAttribute("notice", "needs.erased");
        return "redirect:/account/needs";
    }
}
