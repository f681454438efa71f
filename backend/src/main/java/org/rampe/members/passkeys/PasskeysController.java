package org.rampe.members.passkeys;

import org.rampe.members.MemberId;
import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Passkeys" ({@code /account/passkeys}): the member's passkeys, listed, renamed and removed with
 * plain forms. Adding one needs the browser's WebAuthn (the page's script, {@code js/passkeys.js},
 * runs Spring Security's registration ceremony and comes back with {@code ?added}); without it the
 * page says so and names the other ways in.
 */
@Controller
class PasskeysController {

    static final String PAGE = "/account/passkeys";

    private final Passkeys passkeys;

    PasskeysController(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    @GetMapping(PAGE)
    String page(@RequestParam(required = false) String added, @AuthenticationPrincipal Viewer viewer, Model model) {
        if (added != null) {
            model.addAttribute("notice", "passkeys.added");
        }
        return page(viewer, model);
    }

    @Limited(value = "passkeys", perMember = 60, perAddress = 120)
    @PostMapping(PAGE + "/{id}/rename")
    String rename(@PathVariable PasskeyId id, @RequestParam(defaultValue = "") String name,
                  @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        MemberId member = new MemberId(viewer.memberId());
        String problem = Passkeys.nameProblem(name);
        if (problem != null) {
            if (passkeys.of(member).stream().noneMatch(p -> p.id().equals(id))) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            model.addAttribute("renaming", id);
            model.addAttribute("typedName", name);
            model.addAttribute("problem", problem);
            return page(viewer, model);
        }
        if (!passkeys.rename(member, id, name)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "passkeys.renamed");
        return "redirect:" + PAGE;
    }

    @Limited(value = "passkeys", perMember = 60, perAddress = 120)
    @PostMapping(PAGE + "/{id}/remove")
    String remove(@PathVariable PasskeyId id, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        if (!passkeys.remove(new MemberId(viewer.memberId()), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "passkeys.removed");
        return "redirect:" + PAGE;
    }

    private String page(Viewer viewer, Model model) {
        model.addAttribute("passkeys", passkeys.of(new MemberId(viewer.memberId())));
        model.addAttribute("nameMax", PasskeyCredentials.NAME_MAX);
        return "members/passkeys";
    }
}
