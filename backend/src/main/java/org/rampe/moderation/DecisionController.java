package org.rampe.moderation;

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

/**
 * A decision's page ({@code /decisions/{id}}): what was decided, under which rule and why, in plain
 * words, for the member concerned (who may appeal once) and the moderators (another moderator of the
 * group, or an administrator, reviews the appeal).
 */
@Controller
class DecisionController {

    static final int APPEAL_MAX = 2000;

    private final Moderation moderation;

    DecisionController(Moderation moderation) {
        this.moderation = moderation;
    }

    private Moderation.DecisionView readable(String id, Viewer viewer) {
        var d = moderation.decision(ReportController.validId(id))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!moderation.mayRead(d, viewer.memberId(), viewer.admin())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return d;
    }

    @GetMapping("/decisions/{id}")
    String page(@PathVariable String id, @AuthenticationPrincipal Viewer viewer, Model model) {
        return page(readable(id, viewer), viewer, "", null, "", null, model);
    }

    private String page(Moderation.DecisionView d, Viewer viewer, String appealText, String appealProblem,
                        String reviewReason, String reviewProblem, Model model) {
        model.addAttribute("d", d);
        model.addAttribute("mine", viewer.memberId().equals(d.concernedId()));
        model.addAttribute("canReview", d.appealed() && !d.reviewed() && moderation.mayReview(d, viewer.memberId(), viewer.admin()));
        model.addAttribute("appealText", appealText);
        model.addAttribute("appealProblem", appealProblem);
        model.addAttribute("reviewReason", reviewReason);
        model.addAttribute("reviewProblem", reviewProblem);
        model.addAttribute("appealMax", APPEAL_MAX);
        model.addAttribute("failed", appealProblem != null || reviewProblem != null);
        return "moderation/decision";
    }

    @PostMapping("/decisions/{id}/appeal")
    String appeal(@PathVariable String id, @RequestParam(defaultValue = "") String text,
                  @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        var d = readable(id, viewer);
        String typed = ModerationController.clean(text);
        String problem = typed.isEmpty() ? "mod.appeal.text.required"
                : ModerationController.length(typed) > APPEAL_MAX ? "mod.appeal.text.tooLong" : null;
        if (problem == null) {
            switch (moderation.appeal(d.id(), viewer.memberId(), typed)) {
                case NOT_FOUND, FORBIDDEN, INVALID -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
                case DONE -> {
                    redirect.addFlashAttribute("notice", "mod.appeal.sent");
                    return "redirect:/decisions/" + d.id();
                }
            }
        }
        if (!viewer.memberId().equals(d.concernedId()) || !d.appealable()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return page(d, viewer, text, problem, "", null, model);
    }

    @PostMapping("/decisions/{id}/review")
    String review(@PathVariable String id, @RequestParam(defaultValue = "") String outcome,
                  @RequestParam(defaultValue = "") String reason,
                  @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        var d = readable(id, viewer);
        if (!d.appealed() || d.reviewed() || !moderation.mayReview(d, viewer.memberId(), viewer.admin())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String typed = ModerationController.clean(reason);
        String problem = !outcome.equals("upheld") && !outcome.equals("overturned") ? "mod.review.outcome.required"
                : typed.isEmpty() ? "mod.review.reason.required"
                : ModerationController.length(typed) > ModerationController.REASON_MAX ? "mod.decide.tooLong" : null;
        if (problem != null) {
            return page(d, viewer, "", null, reason, problem, model);
        }
        switch (moderation.review(d.id(), viewer.memberId(), viewer.admin(), outcome, typed)) {
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            case FORBIDDEN, INVALID -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            case DONE -> {
            }
        }
        redirect.addFlashAttribute("notice", "mod.review.done." + outcome);
        return "redirect:/decisions/" + d.id();
    }
}
