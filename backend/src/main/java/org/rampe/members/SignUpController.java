package org.rampe.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

    SignUpController(Members members, SignInFlow signInFlow, SignInThrottle throttle, Personalisation personalisation) {
        this.members = members;
        this.signInFlow = signInFlow;
        this.throttle = throttle;
        this.personalisation = personalisation;
    }

    @GetMapping("/signup")
    String form(HttpServletRequest request, Model model) {
        var form = new SignUpForm();
        form.setLanguage(personalisation.language(request).code());
        model.addAttribute("form", form);
        return "members/signup";
    }

    @PostMapping("/signup")
    String signUp(@ModelAttribute("form") SignUpForm form, BindingResult errors, HttpServletRequest request,
                  HttpServletResponse response, RedirectAttributes redirect, Model model) {
        if (throttle.signUpsExhausted(request.getRemoteAddr())) {
            form.setPassword("");
            model.addAttribute("problem", "signup.throttled");
            model.addAttribute("failed", true);
            return "members/signup";
        }
        var member = members.signUp(form, errors);
        if (member.isPresent() || errors.hasFieldErrors("email") && "signup.email.taken".equals(errors.getFieldError("email").getCode())) {
            // Accounts made, and probes of who is a member, count; typing mistakes do not.
            throttle.signUpCounted(request.getRemoteAddr());
        }
        if (member.isEmpty()) {
            // Never send a password back into the page.
            form.setPassword("");
            model.addAttribute("failed", true);
            return "members/signup";
        }
        signInFlow.signInNewMember(member.get(), request, response);
        redirect.addFlashAttribute("notice", "signup.welcome");
        return "redirect:/";
    }
}
