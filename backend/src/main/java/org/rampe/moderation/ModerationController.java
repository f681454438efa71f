package org.rampe.moderation;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;

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
 * Moderation queues (site-wide for administrators at /moderation, a group's at
 * /moderation/groups/{id} for its moderators), decisions on cases, and the audit logs.
 */
@Controller
class ModerationController {

    static final int QUEUE_SIZE = 100;
    static final int REASON_MAX = 1000;
    static final int RULE_MAX = 500;

    private final Reports reports;
    private final Decisions decisions;
    private final Appeals appeals;
    private final Moderators moderators;
    private final AuditLog audit;

    ModerationController(Reports reports, Decisions decisions, Appeals appeals, Moderators moderators, AuditLog audit) {
        this.reports = reports;
        this.decisions = decisions;
        this.appeals = appeals;
        this.moderators = moderators;
        this.audit = audit;
    }

    static String clean(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).strip();
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    @GetMapping("/moderation")
    String siteQueue(@AuthenticationPrincipal Viewer viewer, Model model) {
        model.addAttribute("group", null);
        model.addAttribute("cases", reports.queue(null, QUEUE_SIZE, true));
        model.addAttribute("appeals", appeals.pending(null));
        model.addAttribute("placeReports", reports.openPlaceReports());
        model.addAttribute("admin", true);
        model.addAttribute("threshold", reports.threshold());
        return "moderation/queue";
    }

    private GroupInfo moderatedGroup(GroupId groupId, Viewer viewer) {
        var group = moderators.group(groupId.value(), viewer.memberId(), viewer.admin())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!viewer.admin() && !moderators.moderates(viewer.memberId(), group.id())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return group;
    }

    @GetMapping("/moderation/groups/{groupId}")
    String groupQueue(@PathVariable GroupId groupId, @AuthenticationPrincipal Viewer viewer, Model model) {
        var group = moderatedGroup(groupId, viewer);
        model.addAttribute("group", group);
        model.addAttribute("cases", reports.queue(group.id(), QUEUE_SIZE, viewer.admin()));
        model.addAttribute("appeals", appeals.pending(group.id()));
        model.addAttribute("placeReports", 0L);
        model.addAttribute("admin", viewer.admin());
        model.addAttribute("threshold", reports.threshold());
        return "moderation/queue";
    }

    @Limited(value = "moderation", perMember = 600)
    @PostMapping("/moderation/cases/{caseId}/decision")
    String decide(@PathVariable CaseId caseId, @RequestParam(defaultValue = "") String action,
                  @RequestParam(defaultValue = "") String rule, @RequestParam(defaultValue = "") String reason,
                  @RequestParam(defaultValue = "") String days, @RequestParam(defaultValue = "") String from,
                  @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        String id = caseId.value();
        var found = reports.openCase(caseId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!viewer.admin() && !moderators.moderates(viewer.memberId(), found.groupId())) {
            // A case in a group the viewer may not know of does not exist for them.
            boolean known = found.groupId() != null && moderators.group(found.groupId(), viewer.memberId(), false).isPresent();
            throw new ResponseStatusException(known || found.groupId() == null ? HttpStatus.FORBIDDEN : HttpStatus.NOT_FOUND);
        }
        String back = from.equals("site") && viewer.admin() || found.groupId() == null
                ? "redirect:/moderation" : "redirect:/moderation/groups/" + found.groupId();
        String typedRule = clean(rule);
        String typedReason = clean(reason);
        Integer duration = null;
        String problem = null;
        if (!days.isBlank()) {
            try {
                duration = Integer.valueOf(days.strip());
            } catch (NumberFormatException e) {
                problem = "mod.decide.days.invalid";
            }
        }
        Action chosen = Action.fromKey(action).orElse(null);
        if (chosen == null) {
            problem = "mod.decide.action.required";
        } else if (typedReason.isEmpty()) {
            problem = "mod.decide.reason.required";
        } else if (length(typedReason) > REASON_MAX || length(typedRule) > RULE_MAX) {
            problem = "mod.decide.tooLong";
        } else if (chosen != Action.DISMISS && typedRule.isEmpty()) {
            problem = "mod.decide.rule.required";
        }
        if (problem == null) {
            var decided = decisions.decide(caseId, viewer.memberId(), viewer.admin(), chosen, typedRule, typedReason, duration);
            switch (decided.outcome()) {
                case NOT_FOUND -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                case FORBIDDEN -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
                case INVALID -> problem = decided.problem() == null ? "mod.decide.action.invalid" : decided.problem();
                case DONE -> {
                    redirect.addFlashAttribute("notice", "mod.decide.done." + chosen.key());
                    return back;
                }
            }
        }
        redirect.addFlashAttribute("errorCase", id);
        redirect.addFlashAttribute("decisionProblem", problem);
        redirect.addFlashAttribute("typed", Map.of("action", action, "rule", rule, "reason", reason, "days", days));
        return back + "#case-" + id;
    }

    @GetMapping("/moderation/audit")
    String siteAudit(Model model) {
        model.addAttribute("group", null);
        model.addAttribute("entries", audit.entries(null, 300));
        model.addAttribute("full", true);
        return "moderation/audit";
    }

    /** A group's log: in full for its moderators and administrators; a summary for others when the group publishes it. */
    @GetMapping("/moderation/groups/{groupId}/audit")
    String groupAudit(@PathVariable GroupId groupId, @AuthenticationPrincipal Viewer viewer, Model model) {
        String member = viewer == null ? null : viewer.memberId();
        boolean admin = viewer != null && viewer.admin();
        var group = moderators.group(groupId.value(), member, admin)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        boolean full = admin || moderators.moderates(member, group.id());
        if (!full && !group.publicAuditLog()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        List<AuditLog.Entry> entries = audit.entries(group.id(), 300);
        model.addAttribute("group", group);
        model.addAttribute("entries", entries);
        model.addAttribute("full", full);
        return "moderation/audit";
    }
}
