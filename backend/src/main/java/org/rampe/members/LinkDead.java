package org.rampe.members;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/**
 * The page of a link from a mail that does not work: used already, too old, replaced, or never
 * ours. It says what to do next for that kind of link, in one step. Answered 404, as anything
 * the site does not know.
 */
final class LinkDead {

    enum Kind {
        VERIFY("verify"), RESET("reset"), EMAIL_CHANGE("emailChange"), ADDRESS_TAKEN("addressTaken"),
        DELETE_ACCOUNT("deleteAccount");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    private LinkDead() {
    }

    static String page(Model model, HttpServletResponse response, Kind kind) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("kind", kind.key);
        return "members/link-dead";
    }
}
