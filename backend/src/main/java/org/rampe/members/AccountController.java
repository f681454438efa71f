package org.rampe.members;

import jakarta.servlet.http.HttpServletRequest;
import org.rampe.site.ClientAddress;
import org.rampe.site.Limited;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My account": the address and whether it is verified, and a link to each thing a member can
 * change about their account, one page each.
 */
@Controller
class AccountController {

    static final String PATH = "/account";
    static final String RESEND = "/account/email/resend";

    private final Members members;
    private final EmailVerification verification;

    AccountController(Members members, EmailVerification verification) {
        this.members = members;
        this.verification = verification;
    }

    @GetMapping(PATH)
    String account(@AuthenticationPrincipal MemberAccount account, Model model) {
        var member = members.byId(account.id()).orElseThrow();
        model.addAttribute("email", member.email());
        model.addAttribute("verified", members.emailVerified(account.id()));
        return "members/account";
    }

    /** Another verification link, to the member's current address. */
    @Limited(value = "verification-resend", inService = "members.EmailVerification")
    @PostMapping(RESEND)
    String resend(@AuthenticationPrincipal MemberAccount account, HttpServletRequest request, RedirectAttributes redirect) {
        verification.resend(account.id(), ClientAddress.of(request));
        redirect.addFlashAttribute("notice", "account.verify.resent");
        return "redirect:" + PATH;
    }
}
