package org.rampe.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.ClientAddress;
import org.rampe.site.Limited;
import org.rampe.site.Personalisation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class SignUpController {

    private final Members members;
    private final SignInFlow signInFlow;
    private final SignInThrottle throttle;
    private final Personalisation personalisation;
    private final EmailVerification verification;
    private final AccountMails mails;

    SignUpController(Members members, SignInFlow signInFlow, SignInThrottle throttle, Personalisation personalisation,
                     EmailVerification verification, AccountMails mails) {
        this.members = members;
        this.signInFlow = signInFlow;
        this.throttle = throttle;
        this.personalisation = personalisation;
        this.verification = verification;
        this.mails = mails;
    }

    @GetMapping("/signup")
    String form(HttpServletRequest request, Model model) {
        var form = new SignUpForm();
        form.setLanguage(personalisation.language(request).code());
        model.addAttribute("form", form);
        return "members/signup";
    }

    @Limited(value = "signup", inService = "members.SignInThrottle")
    @PostMapping("/signup")
    String signUp(@ModelAttribute("form") SignUpForm form, BindingResult errors, HttpServletRequest request,
                  HttpServletResponse response, RedirectAttributes redirect, Model model) {
        if (throttle.signUpsExhausted(ClientAddress.of(request))) {
            form.setPassword("");
            model.addAttribute("problem", "signup.throttled");
            model.addAttribute("failed", true);
            return "members/signup";
        }
        // Accounts made, and attempts on an address that has one, count alike; typing mistakes do not.
        switch (members.signUp(form, errors)) {
            case SignUpOutcome.Refused refused -> {
                form.setPassword(""); // never send a password back into the page
                model.addAttribute("failed", true);
                return "members/signup";
            }
            case SignUpOutcome.Created created -> {
                throttle.signUpCounted(ClientAddress.of(request));
                signInFlow.signIn(created.member(), request, response);
                verification.send(created.member());
            }
            case SignUpOutcome.AddressTaken taken -> {
                throttle.signUpCounted(ClientAddress.of(request));
                signInFlow.answerAsForANewMember(form.chosenLanguage(), request, response);
                mails.addressAlreadyUsed(taken.owner(), false);
            }
        }
        // The same words either way, true either way: a mail went to the address, and says what next.
        redirect.addFlashAttribute("notice", "account.signup.sent");
        return "redirect:/";
    }
}
