package org.rampe.members.signinlinks;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.rampe.site.ClientAddress;
import org.rampe.site.Limited;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages of sign-in links: {@code /signin/link} asks for the address and answers the same for
 * every well-formed one; {@code /signin/link/use?token=…} (the mailed link) shows one "Sign in"
 * button, whose POST Spring Security's one-time-token filter takes (configured in
 * {@code members.SecurityConfiguration}); a link that no longer works comes back here with {@code ?expired}.
 */
@Controller
class SignInLinkController {

    static final String PAGE = "/signin/link";
    static final String USE = "/signin/link/use";
    /** As the sign-up form checks an address. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int EMAIL_MAX = 254;

    private final SignInLinks links;

    SignInLinkController(SignInLinks links) {
        this.links = links;
    }

    @GetMapping(PAGE)
    String page(HttpServletRequest request, Model model) {
        model.addAttribute("sent", request.getParameterMap().containsKey("sent"));
        if (request.getParameterMap().containsKey("expired")) {
            model.addAttribute("problem", "signinlink.expired");
        }
        model.addAttribute("email", "");
        model.addAttribute("minutes", SignInLinks.VALID_FOR.toMinutes());
        return "members/signin-link";
    }

    @Limited(value = "sign-in-link", inService = "members.signinlinks.SignInLinks")
    @PostMapping(PAGE)
    String send(@RequestParam(defaultValue = "") String email, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        String problem = normalized.isEmpty() ? "signinlink.email.required"
                : normalized.length() > EMAIL_MAX || !EMAIL.matcher(normalized).matches() ? "signinlink.email.invalid" : null;
        if (problem != null) {
            model.addAttribute("sent", false);
            model.addAttribute("problem", problem);
            model.addAttribute("email", email);
            model.addAttribute("minutes", SignInLinks.VALID_FOR.toMinutes());
            return "members/signin-link";
        }
        links.send(normalized, ClientAddress.of(request));
        redirect.addFlashAttribute("sentTo", normalized);
        return "redirect:" + PAGE + "?sent";
    }

    @GetMapping(USE)
    String use(@RequestParam(defaultValue = "") String token, Model model) {
        if (token.isBlank()) {
            return "redirect:" + PAGE;
        }
        model.addAttribute("token", token);
        return "members/signin-link-use";
    }
}
