package org.rampe.emails;

import java.util.List;

import org.rampe.site.Limited;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The one-click unsubscribe of every notification mail, without signing in. A POST (what a mail
 * program sends for RFC 8058's {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}, or the
 * page's button) sets the link's kinds to "none" and answers with a page saying so; there is no
 * CSRF token (SecurityConfiguration exempts this path): the link's token is what proves the request
 * comes from the mail, and the worst a forged request can do is stop some mails. A GET only shows
 * the button, because mail scanners follow links. A wrong link is a 404.
 */
@Controller
class UnsubscribeController {

    private final UnsubscribeLinks links;
    private final NotificationEmails emails;

    UnsubscribeController(UnsubscribeLinks links, NotificationEmails emails) {
        this.links = links;
        this.emails = emails;
    }

    private void check(String member, String scope, String token) {
        boolean knownScope = UnsubscribeLinks.DIGEST.equals(scope) || EmailKind.fromKey(scope).isPresent();
        if (!knownScope || !links.valid(member, scope, token)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    @GetMapping(UnsubscribeLinks.PATH + "{member}/{scope}/{token}")
    String confirm(@PathVariable String member, @PathVariable String scope, @PathVariable String token, Model model) {
        check(member, scope, token);
        model.addAttribute("scope", scope);
        model.addAttribute("done", false);
        return "emails/unsubscribe";
    }

    @Limited(value = "unsubscribe", perAddress = 60)
    @PostMapping(UnsubscribeLinks.PATH + "{member}/{scope}/{token}")
    String unsubscribe(@PathVariable String member, @PathVariable String scope, @PathVariable String token, Model model) {
        check(member, scope, token);
        List<EmailKind> changed = emails.unsubscribe(member, scope)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("scope", scope);
        model.addAttribute("done", true);
        model.addAttribute("kinds", changed.stream().map(EmailKind::key).toList());
        return "emails/unsubscribe";
    }
}
