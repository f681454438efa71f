package org.rampe.moderation;

import java.text.Normalizer;
import java.util.UUID;

import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The report form for anything a member may see ({@code GET/POST /report?kind=…&id=…}), and the
 * page telling the reporter it was received.
 */
@Controller
class ReportController {

    static final int TEXT_MAX = 1000;

    private final Targets targets;
    private final Moderation moderation;

    ReportController(Targets targets, Moderation moderation) {
        this.targets = targets;
        this.moderation = moderation;
    }

    static String validId(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    private Target target(String kind, String id, Viewer viewer) {
        if (!Target.KINDS.contains(kind)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return targets.find(kind, validId(id), viewer.memberId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/report")
    String form(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String id,
                @AuthenticationPrincipal Viewer viewer, Model model) {
        return page(target(kind, id, viewer), "", "", null, model);
    }

    private static String page(Target target, String reason, String text, String problem, Model model) {
        model.addAttribute("target", target);
        model.addAttribute("reasons", Moderation.REASONS);
        model.addAttribute("reason", reason);
        model.addAttribute("text", text);
        model.addAttribute("problem", problem);
        model.addAttribute("textMax", TEXT_MAX);
        return "moderation/report";
    }

    @PostMapping("/report")
    String report(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String id,
                  @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String text,
                  @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        Target target = target(kind, id, viewer);
        String typed = Normalizer.normalize(text, Normalizer.Form.NFC).strip();
        String problem = null;
        if (!Moderation.REASONS.contains(reason)) {
            problem = "mod.report.reason.required";
        } else if (reason.equals("other") && typed.isEmpty()) {
            problem = "mod.report.text.required";
        } else if (typed.codePointCount(0, typed.length()) > TEXT_MAX) {
            problem = "mod.report.text.tooLong";
        }
        if (problem != null) {
            model.addAttribute("failed", true);
            return page(target, Moderation.REASONS.contains(reason) ? reason : "", text, problem, model);
        }
        var outcome = moderation.report(target, viewer.memberId(), reason, typed);
        redirect.addFlashAttribute("reported", outcome == Moderation.Reported.RECEIVED ? "received" : "already");
        redirect.addFlashAttribute("selfHarm", reason.equals("self_harm"));
        redirect.addFlashAttribute("back", back(target));
        return "redirect:/report/received";
    }

    /** Where "back" goes after reporting: the content, or the home page. */
    private static String back(Target t) {
        return switch (t.kind()) {
            case "post" -> "/posts/" + t.id();
            case "comment" -> "/posts/" + t.postId() + "#comment-" + t.id();
            case "member" -> t.concernedHandle() == null ? "/" : "/members/" + t.concernedHandle();
            case "place" -> "/places/" + t.id();
            default -> "/";
        };
    }

    @GetMapping("/report/received")
    String received(Model model) {
        if (!model.containsAttribute("reported")) {
            model.addAttribute("reported", "received");
            model.addAttribute("selfHarm", false);
            model.addAttribute("back", "/");
        }
        return "moderation/received";
    }
}
