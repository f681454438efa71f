package org.rampe.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.ClientAddress;
import org.rampe.site.Limited;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Forgotten password", one step a page: the address; "look at your mail"; the new password, from
 * the mail's link. The answer to the address is the same whether it has an account or not.
 */
@Controller
class PasswordResetController {

    static final String FORGOTTEN = "/password/forgotten";
    static final String SENT = "/password/forgotten/sent";
    static final String RESET = "/password/reset";

    /** The address typed. */
    public static class ForgottenForm {
        private String email = "";

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email == null ? "" : email;
        }
    }

    /** The new password, and the link's token carried in a hidden field. */
    public static class ResetForm {
        private String token = "";
        private String password = "";

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token == null ? "" : token;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password == null ? "" : password;
        }
    }

    private final PasswordReset reset;
    private final SignInFlow signInFlow;

    PasswordResetController(PasswordReset reset, SignInFlow signInFlow) {
        this.reset = reset;
        this.signInFlow = signInFlow;
    }

    @GetMapping(FORGOTTEN)
    String forgottenForm(Model model) {
        model.addAttribute("form", new ForgottenForm());
        return "members/password-forgotten";
    }

    @Limited(value = "password-forgotten", inService = "members.PasswordReset")
    @PostMapping(FORGOTTEN)
    String forgotten(@ModelAttribute("form") ForgottenForm form, BindingResult errors, HttpServletRequest request,
                     Model model, RedirectAttributes redirect) {
        String email = SignUpForm.normalizeEmail(form.getEmail());
        SignUpForm.checkEmail(email, "email", errors);
        if (errors.hasErrors()) {
            model.addAttribute("failed", true);
            return "members/password-forgotten";
        }
        reset.forgotten(email, ClientAddress.of(request));
        // The address goes back into the next page, so that a typing mistake can be seen there.
        redirect.addFlashAttribute("sentTo", email);
        return "redirect:" + SENT;
    }

    @GetMapping(SENT)
    String sent() {
        return "members/password-forgotten-sent";
    }

    @GetMapping(RESET)
    String resetForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        if (!reset.works(token)) {
            return LinkDead.page(model, response, LinkDead.Kind.RESET);
        }
        var form = new ResetForm();
        form.setToken(token);
        model.addAttribute("form", form);
        return "members/password-reset";
    }

    @Limited(value = "tokens", perMember = 30, perAddress = 60)
    @PostMapping(RESET)
    String reset(@ModelAttribute("form") ResetForm form, BindingResult errors, HttpServletRequest request,
                 HttpServletResponse response, Model model, RedirectAttributes redirect) {
        SignUpForm.checkPassword(form.getPassword(), "password", errors);
        if (errors.hasErrors()) {
            if (!reset.works(form.getToken())) {
                return LinkDead.page(model, response, LinkDead.Kind.RESET);
            }
            form.setPassword("");
            model.addAttribute("failed", true);
            return "members/password-reset";
        }
        var member = reset.reset(form.getToken(), form.getPassword());
        if (member.isEmpty()) {
            return LinkDead.page(model, response, LinkDead.Kind.RESET);
        }
        // Whatever session this browser had is over with the others; it gets a new one, signed in.
        var old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        signInFlow.signIn(member.get(), request, response);
        redirect.addFlashAttribute("notice", "account.reset.done");
        return "redirect:" + AccountController.PATH;
    }
}
