package org.rampe.moderation;

import java.text.Normalizer;

import org.rampe.site.Limited;
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

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    private Target target(String kind, TargetId id, Viewer viewer) {
        TargetKind known = TargetKind.fromKey(kind).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return reports.target(known, id, viewer.memberId())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @GetMapping("/report")
    String form(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") TargetId id,
                @AuthenticationPrincipal Viewer viewer, Model model) {
        return page(target(kind, id, viewer), "", "", null, model);
    }

    private static String page(Target target, String reason, String text, String problem, Model model) {
        model.addAttribute("target", target);
        model.addAttribute("reasons", Reason.keys());
        model.addAttribute("reason", reason);
        model.addAttribute("text", text);
        model.addAttribute("problem", problem);
        model.addAttribute("textMax", TEXT_MAX);
        return "moderation/report";
    }

    @Limited(value = "reports", perMember = 30, perAddress = 100)
    @PostMapping("/report")
    String report(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") TargetId id,
                  @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String text,
                  @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        Target target = target(kind, id, viewer);
        String typed = Normalizer.normalize(text, Normalizer.Form.NFC).strip();
        Reason chosen = Reason.fromKey(reason).orElse(null);
        String problem = null;
        if (chosen == null) {
            problem = "mod.report.reason.required";
        } else if (chosen == Reason.OTHER && typed.isEmpty()) {
            problem = "mod.report.text.required";
        } else if (typed.codePointCount(0, typed.length()) > TEXT_MAX) {
            problem = "mod.report.text.tooLong";
        }
        if (problem != null) {
            model.addAttribute("failed", true);
            return page(target, chosen == null ? "" : chosen.key(), text, problem, model);
        }
        var outcome = reports.report(target, viewer.memberId(), chosen, typed);
        redirect.addFlashAttribute("reported", outcome == Reports.Reported.RECEIVED ? "received" : "already");
        redirect.addFlashAttribute("selfHarm", chosen == Reason.SELF_HARM);
        redirect.addFlashAttribute("back", back(target));
        return "redirect:/report/received";
    }

    /** Where "back" goes after reporting: the content, or the home page. */
    private static String back(Target t) {
        return switch (t.type()) {
            case POST -> "/posts/" + t.id();
            case COMMENT -> "/posts/" + t.postId() + "#comment-" + t.id();
            case MEMBER -> t.concernedHandle() == null ? "/" : "/members/" + t.concernedHandle();
            case PLACE -> "/places/" + t.id();
            case GROUP, MESSAGE -> "/";
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
