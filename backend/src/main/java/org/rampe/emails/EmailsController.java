package org.rampe.emails;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Emails": which mails the member gets, per kind (none, at once, a daily digest). */
@Controller
class EmailsController {

    private final NotificationEmails emails;
    private final int digestHour;

    EmailsController(NotificationEmails emails, @Value("${rampe.emails.digest-hour:18}") int digestHour) {
        this.emails = emails;
        this.digestHour = digestHour;
    }

    @GetMapping(NotificationEmails.SETTINGS)
    String page(@AuthenticationPrincipal Viewer viewer, Model model) {
        EmailChoices choices = emails.choices(viewer.memberId());
        Map<String, String> chosen = new LinkedHashMap<>();
        for (EmailKind kind : EmailKind.values()) {
            chosen.put(kind.key(), choices.of(kind).key());
        }
        model.addAttribute("kinds", Arrays.stream(EmailKind.values()).map(EmailKind::key).toList());
        model.addAttribute("chosen", chosen);
        model.addAttribute("choices", EmailChoice.keys());
        model.addAttribute("digestHour", digestHour);
        model.addAttribute("reachable", emails.reachable(viewer.memberId()));
        return "emails/settings";
    }

    /** Each kind's radios post its choice under the kind's key; a kind missing or unknown keeps its choice. */
    @Limited(value = "settings", perMember = 120, perAddress = 600)
    @PostMapping(NotificationEmails.SETTINGS)
    String save(@RequestParam Map<String, String> form, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        Map<String, String> byKind = new LinkedHashMap<>();
        List<String> kinds = Arrays.stream(EmailKind.values()).map(EmailKind::key).toList();
        form.forEach((name, value) -> {
            if (kinds.contains(name)) {
                byKind.put(name, value);
            }
        });
        emails.choose(viewer.memberId(), byKind);
        redirect.addFlashAttribute("notice", "emails.saved");
        return "redirect:" + NotificationEmails.SETTINGS;
    }
}
