package org.rampe.members;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.rampe.site.SafeRedirect;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class SignInController {

    @GetMapping(SignInFlow.SIGN_IN)
    String signIn(HttpServletRequest request, Model model) {
        // Flags without values (?error, ?throttled), as Spring Security's own pages use them.
        boolean throttled = request.getParameterMap().containsKey("throttled");
        boolean error = request.getParameterMap().containsKey("error");
        boolean suspended = request.getParameterMap().containsKey("suspended");
        // Only a failed attempt left a session behind (the typed email); reading this page makes none.
        HttpSession session = request.getSession(false);
        Object typed = session == null ? null : session.getAttribute(SignInFlow.TYPED_EMAIL);
        if (typed != null) {
            session.removeAttribute(SignInFlow.TYPED_EMAIL);
        }
        model.addAttribute("email", typed instanceof String s ? s : "");
        String returnTo = request.getParameter(SignInFlow.RETURN_TO);
        model.addAttribute("returnTo", returnTo == null ? null : SafeRedirect.localPath(returnTo));
        if (request.getParameterMap().containsKey("expired")) {
            // SessionAge: signed in longer ago than the absolute timeout.
            model.addAttribute("notice", "sessions.signin.expired");
        }
        if (suspended) {
            model.addAttribute("problem", "mod.signin.suspended");
        } else if (throttled) {
            model.addAttribute("problem", "signin.throttled");
            model.addAttribute("problemArgs", new Object[] {SignInThrottle.WINDOW.toMinutes()});
        } else if (error) {
            model.addAttribute("problem", "signin.failed");
        }
        return "members/signin";
    }
}
