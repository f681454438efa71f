package org.rampe.members;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import org.rampe.site.Limited;
import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing the password with the current one. Every other session of the member ends (a thief
 * signed in elsewhere is out), and this one gets a new id.
 */
@Controller
class PasswordChangeController {

    static final String PATH = "/account/password";
    /** Someone holding a member's open session should not try current passwords at will. */
    static final RateLimit PER_MEMBER = new RateLimit("password-change-member", 10, Duration.ofMinutes(15));

    /** The current password and the new one. */
    public static class ChangeForm {
        private String currentPassword = "";
        private String newPassword = "";

        public String getCurrentPassword() {
            return currentPassword;
        }

        public void setCurrentPassword(String currentPassword) {
            this.currentPassword = currentPassword == null ? "" : currentPassword;
        }

        public String getNewPassword() {
            return newPassword;
        }

        public void setNewPassword(String newPassword) {
            this.newPassword = newPassword == null ? "" : newPassword;
        }
    }

    private final Passwords passwords;
    private final MemberSessions sessions;
    private final RateLimits limits;

    PasswordChangeController(Passwords passwords, MemberSessions sessions, RateLimits limits) {
        this.passwords = passwords;
        this.sessions = sessions;
        this.limits = limits;
    }

    @GetMapping(PATH)
    String form(Model model) {
        model.addAttribute("form", new ChangeForm());
        return "members/password-change";
    }

    @Limited(value = "password-change", inService = "members.PasswordChangeController")
    @PostMapping(PATH)
    String change(@AuthenticationPrincipal MemberAccount account, @ModelAttribute("form") ChangeForm form, BindingResult errors,
                  HttpServletRequest request, Model model, RedirectAttributes redirect) {
        limits.take(PER_MEMBER, "member:" + account.id().value());
        if (form.getCurrentPassword().isEmpty()) {
            errors.rejectValue("currentPassword", "account.password.current.required");
        } else if (!passwords.matches(account.id(), form.getCurrentPassword())) {
            errors.rejectValue("currentPassword", "account.password.current.wrong");
        }
        SignUpForm.checkPassword(form.getNewPassword(), "newPassword", errors);
        if (errors.hasErrors()) {
            form.setCurrentPassword("");
            form.setNewPassword("");
            model.addAttribute("failed", true);
            return "members/password-change";
        }
        passwords.set(account.id(), form.getNewPassword());
        // The others end first: until this request ends, the session store knows this one by its old id.
        sessions.endAllExcept(account.id(), request.getSession().getId());
        request.changeSessionId();
        redirect.addFlashAttribute("notice", "account.password.changed");
        return "redirect:" + AccountController.PATH;
    }
}
