package org.rampe.moderation;

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

/**
 * A decision's page ({@code /decisions/{id}}): what was decided, under which rule and why, in plain
 * words, for the member concerned (who may appeal once) and the moderators (another moderator of the
 * group, or an administrator, reviews the appeal).
 */
@Controller
class DecisionController {

    static final int APPEAL_MAX = 2000;

    private final Decisions decisions;
    private final Appeals appeals;

    DecisionController(Decisions decisions, Appeals appeals) {
        this.decisions = decisions;
        this.appeals = appeals;
    }

    private DecisionView readable(DecisionId id, Viewer viewer) {
        var d = decisions.decision(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!decisions.mayRead(d, viewer.memberId(), viewer.admin())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return d;
    }

    @GetMapping("/decisions/{id}")
    String page(@PathVariable DecisionId id, @AuthenticationPrincipal Viewer viewer, Model model) {
        return page(readable(id, viewer), viewer, "", null, "", null, model);
    }

    private String page(DecisionView d, Viewer viewer, String appealText, String appealProblem,
                        String reviewReason, String reviewProblem, Model model) {
        model.addAttribute("d", d);
        model.addAttribute("mine", viewer.memberId().equals(d.concernedId()));
        model.addAttribute("canReview", d.appealed() && !d.reviewed() && appeals.mayReview(d, viewer.memberId(), viewer.admin()));
        model.addAttribute("appealText", appealText);
        model.addAttribute("appealProblem", appealProblem);
        model.addAttribute("reviewReason", reviewReason);
        model.addAttribute("reviewProblem", reviewProblem);
        model.addAttribute("appealMax", APPEAL_MAX);
        model.addAttribute("failed", appealProblem != null || reviewProblem != null);
        return "moderation/decision";
    }

    @Limited(value = "appeals", perMember = 10, perAddress = 30)
    @PostMapping("/decisions/{id}/appeal")
    String appeal(@PathVariable DecisionId id, @RequestParam(defaultValue = "") String text,
                  @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        var d = readable(id, viewer);
        String typed = ModerationController.clean(text);
        String problem = typed.isEmpty() ? "mod.appeal.text.required"
                : ModerationController.length(typed) > APPEAL_MAX ? "mod.appeal.text.tooLong" : null;
        if (problem == null) {
            switch (appeals.appeal(id, viewer.memberId(), typed)) {
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

    @Limited(value = "moderation", perMember = 600)
    @PostMapping("/decisions/{id}/review")
    String review(@PathVariable DecisionId id, @RequestParam(defaultValue = "") String outcome,
                  @RequestParam(defaultValue = "") String reason,
                  @AuthenticationPrincipal Viewer viewer, Model model, RedirectAttributes redirect) {
        var d = readable(id, viewer);
        if (!d.appealed() || d.reviewed() || !appeals.mayReview(d, viewer.memberId(), viewer.admin())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String typed = ModerationController.clean(reason);
        ReviewOutcome chosen = ReviewOutcome.fromKey(outcome).orElse(null);
        String problem = chosen == null ? "mod.review.outcome.required"
                : typed.isEmpty() ? "mod.review.reason.required"
                : ModerationController.length(typed) > ModerationController.REASON_MAX ? "mod.decide.tooLong" : null;
        if (problem != null) {
            return page(d, viewer, "", null, reason, problem, model);
        }
        switch (appeals.review(id, viewer.memberId(), viewer.admin(), chosen, typed)) {
            case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            case FORBIDDEN, INVALID -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            case DONE -> {
            }
        }
        redirect.addFlashAttribute("notice", "mod.review.done." + chosen.key());
        return "redirect:/decisions/" + d.id();
    }
}
