package org.rampe.members;

import jakarta.servlet.http.HttpServletResponse;
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
 * The link of the verification mail. Opening it shows one button that confirms: mail scanners
 * and link previews open every link of a mail, and must not use it up. It works signed in or not
 * (the link is the proof), in any browser.
 */
@Controller
class EmailVerificationController {

    static final String VERIFY = "/email/verify";

    private final EmailVerification verification;

    EmailVerificationController(EmailVerification verification) {
        this.verification = verification;
    }

    @GetMapping(VERIFY)
    String confirmPage(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        if (!verification.works(token)) {
            return LinkDead.page(model, response, LinkDead.Kind.VERIFY);
        }
        model.addAttribute("token", token);
        return "members/email-verify";
    }

    @Limited(value = "tokens", perMember = 30, perAddress = 60)
    @PostMapping(VERIFY)
    String verify(@RequestParam(required = false) String token, @AuthenticationPrincipal Viewer viewer, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        var member = verification.verify(token);
        if (member.isEmpty()) {
            return LinkDead.page(model, response, LinkDead.Kind.VERIFY);
        }
        redirect.addFlashAttribute("notice", "account.verify.done");
        boolean theirs = viewer != null && viewer.memberId().equals(member.get().value());
        return theirs ? "redirect:" + AccountController.PATH : "redirect:/";
    }
}
