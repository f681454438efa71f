package org.rampe.notifications;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The notifications page and marking them read (POST, redirect back). */
@Controller
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/notifications")
    String page(@AuthenticationPrincipal Viewer account, @RequestParam(required = false) String before,
                @RequestParam(required = false) String id, Model model) {
        Instant at = null;
        String beforeId = null;
        if (before != null && id != null) {
            try {
                at = Instant.parse(before);
                beforeId = UUID.fromString(id).toString();
            } catch (DateTimeParseException | IllegalArgumentException e) {
                at = null;
            }
        }
        model.addAttribute("notifications", notifications.page(account.memberId(), at, at == null ? null : beforeId));
        model.addAttribute("older", at != null);
        return "notifications/index";
    }

    @Limited(value = "notifications.read", perMember = 600, perAddress = 1200)
    @PostMapping("/notifications/read")
    String markAllRead(@AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        notifications.markAllRead(account.memberId());
        redirect.addFlashAttribute("notice", "notification.allMarked");
        return "redirect:/notifications";
    }

    @Limited(value = "notifications.read", perMember = 600, perAddress = 1200)
    @PostMapping("/notifications/{id}/read")
    String markRead(@AuthenticationPrincipal Viewer account, @PathVariable NotificationId id, RedirectAttributes redirect) {
        if (!notifications.markRead(account.memberId(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "notification.marked");
        return "redirect:/notifications";
    }
}
