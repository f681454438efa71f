package org.rampe.members;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.rampe.members.sessions.SessionSettings;
import org.rampe.site.Limited;
import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.rampe.site.Viewer;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Signed-in devices": where the member's account is signed in, with a button to end each session
 * and one to end every session but this browser's. Plain forms, no script.
 */
@Controller
class SessionsController {

    static final String PAGE = "/account/sessions";
    /** Ending sessions is cheap for the member and a write for the store: generous, but bounded. */
    static final RateLimit CHANGES = new RateLimit("sessions.changes", 30, Duration.ofMinutes(10));
    static final ZoneId SHOWN_IN = ZoneId.of("Europe/Paris");

    private final MemberSessions sessions;
    private final RateLimits limits;
    private final MessageSource messages;
    private final SessionSettings settings;

    SessionsController(MemberSessions sessions, RateLimits limits, MessageSource messages, SessionSettings settings) {
        this.sessions = sessions;
        this.limits = limits;
        this.messages = messages;
        this.settings = settings;
    }

    /** One line of the list, as the page shows it. */
    record Row(String handle, String device, ZonedDateTime signedInAt, String signedInIso, ZonedDateTime lastSeenAt,
               String lastSeenIso, boolean current) {
    }

    @GetMapping(PAGE)
    String list(@AuthenticationPrincipal Viewer viewer, HttpServletRequest request, Locale locale, Model model) {
        var rows = sessions.of(new MemberId(viewer.memberId()), currentId(request)).stream()
                .map(s -> new Row(s.id(), describe(Device.of(s.device()), locale), s.signedInAt().atZone(SHOWN_IN),
                        iso(s.signedInAt()), s.lastSeenAt().atZone(SHOWN_IN), iso(s.lastSeenAt()), s.current()))
                .toList();
        model.addAttribute("sessions", rows);
        model.addAttribute("others", rows.stream().anyMatch(r -> !r.current()));
        model.addAttribute("idleDays", settings.idleTimeout().toDays());
        model.addAttribute("absoluteDays", settings.absoluteTimeout().toDays());
        return "members/sessions";
    }

    @Limited(value = "sessions", inService = "members.SessionsController")
    @PostMapping(PAGE + "/{handle}/end")
    String end(@AuthenticationPrincipal Viewer viewer, @PathVariable String handle, RedirectAttributes redirect) {
        var member = new MemberId(viewer.memberId());
        limits.take(CHANGES, "member:" + member.value());
        boolean known = sessions.of(member, null).stream().anyMatch(s -> s.id().equals(handle));
        if (known) {
            sessions.end(member, handle);
        }
        redirect.addFlashAttribute("notice", known ? "sessions.notice.ended" : "sessions.notice.gone");
        return "redirect:" + PAGE;
    }

    @Limited(value = "sessions", inService = "members.SessionsController")
    @PostMapping(PAGE + "/others/end")
    String endOthers(@AuthenticationPrincipal Viewer viewer, HttpServletRequest request, RedirectAttributes redirect) {
        var member = new MemberId(viewer.memberId());
        limits.take(CHANGES, "member:" + member.value());
        sessions.endAllExcept(member, currentId(request));
        redirect.addFlashAttribute("notice", "sessions.notice.othersEnded");
        return "redirect:" + PAGE;
    }

    private static String currentId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }

    /** "Firefox sur Android", in the page's language; the names of browsers and systems are their own. */
    private String describe(Device device, Locale locale) {
        if (device.browser() != null && device.system() != null) {
            return messages.getMessage("sessions.device", new Object[] {device.browser(), device.system()}, locale);
        }
        if (device.browser() != null) {
            return device.browser();
        }
        if (device.system() != null) {
            return messages.getMessage("sessions.device.systemOnly", new Object[] {device.system()}, locale);
        }
        return messages.getMessage("sessions.device.unknown", null, locale);
    }

    private static String iso(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
