package org.rampe.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing the address: the new one and the current password; then the link mailed to the new
 * address, which works signed in or not (one button, for the same reason as verification).
 */
@Controller
class EmailChangeController {

    static final String PATH = "/account/email";
    static final String CONFIRM = "/email/confirm";

    /** The new address and the current password. */
    public static class ChangeForm {
        private String email = "";
        private String currentPassword = "";

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email == null ? "" : email;
        }

        public String getCurrentPassword() {
            return currentPassword;
        }

        public void setCurrentPassword(String currentPassword) {
            this.currentPassword = currentPassword == null ? "" : currentPassword;
        }
    }

    private final Members members;
    private final EmailChange emailChange;
    private final Passwords passwords;
    private final MemberSessions sessions;
    private final SignedIn signedIn;

    EmailChangeController(Members members, EmailChange emailChange, Passwords passwords, MemberSessions sessions, SignedIn signedIn) {
        this.members = members;
        this.emailChange = emailChange;
        this.passwords = passwords;
        this.sessions = sessions;
        this.signedIn = signedIn;
    }

    @GetMapping(PATH)
    String form(Model model) {
        model.addAttribute("form", new ChangeForm());
        return "members/email-change";
    }

    @Limited(value = "email-change", inService = "members.EmailChange")
    @PostMapping(PATH)
    String request(@AuthenticationPrincipal MemberAccount account, @ModelAttribute("form") ChangeForm form, BindingResult errors,
                   Model model, RedirectAttributes redirect) {
        emailChange.count(account.id());
        var member = members.byId(account.id()).orElseThrow();
        String email = SignUpForm.normalizeEmail(form.getEmail());
        SignUpForm.checkEmail(email, "email", errors);
        if (!errors.hasFieldErrors("email") && email.equals(member.email())) {
            errors.rejectValue("email", "account.email.same");
        }
        if (form.getCurrentPassword().isEmpty()) {
            errors.rejectValue("currentPassword", "account.password.current.required");
        } else if (!passwords.matches(account.id(), form.getCurrentPassword())) {
            errors.rejectValue("currentPassword", "account.password.current.wrong");
        }
        if (errors.hasErrors()) {
            form.setCurrentPassword("");
            model.addAttribute("failed", true);
            return "members/email-change";
        }
        emailChange.request(member, email);
        redirect.addFlashAttribute("notice", "account.email.sent");
        return "redirect:" + AccountController.PATH;
    }

    @GetMapping(CONFIRM)
    String confirmPage(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        if (!emailChange.works(token)) {
            return LinkDead.page(model, response, LinkDead.Kind.EMAIL_CHANGE);
        }
        model.addAttribute("token", token);
        return "members/email-confirm";
    }

    @Limited(value = "tokens", perMember = 30, perAddress = 60)
    @PostMapping(CONFIRM)
    String confirm(@RequestParam(required = false) String token, @AuthenticationPrincipal Viewer viewer,
                   HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        var confirmation = emailChange.confirm(token);
        switch (confirmation.outcome()) {
            case LINK_DEAD -> {
                return LinkDead.page(model, response, LinkDead.Kind.EMAIL_CHANGE);
            }
            case ADDRESS_TAKEN -> {
                return LinkDead.page(model, response, LinkDead.Kind.ADDRESS_TAKEN);
            }
            case CHANGED -> {
                MemberId id = confirmation.member();
                redirect.addFlashAttribute("notice", "account.email.changed");
                if (viewer instanceof MemberAccount account && account.id().equals(id)) {
                    // This browser stays signed in, under a new session id and the new address; the others end.
                    // The others end first: until this request ends, the store knows this one by its old id.
                    sessions.endAllExcept(id, request.getSession().getId());
                    request.changeSessionId();
                    signedIn.emailChanged(account, members.byId(id).orElseThrow().email(), request, response);
                    return "redirect:" + AccountController.PATH;
                }
                sessions.endAllExcept(id, null);
                return "redirect:" + SignInFlow.SIGN_IN;
            }
            default -> throw new IllegalStateException();
        }
    }
}
