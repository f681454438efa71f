package org.rampe.places;

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

/** Administrators' queue of place reports (routes under /moderation require ROLE_ADMIN). */
@Controller
class PlaceReportsController {

    private final PlaceReports reports;

    PlaceReportsController(PlaceReports reports) {
        this.reports = reports;
    }

    @GetMapping("/moderation/places")
    String queue(Model model) {
        model.addAttribute("reports", reports.open(200));
        model.addAttribute("outcomes", PlaceReports.Outcome.keys());
        return "places/reports";
    }

    @Limited(value = "moderation", perMember = 600)
    @PostMapping("/moderation/places/{reportId}")
    String resolve(@PathVariable String reportId, @RequestParam(defaultValue = "") String outcome,
                   @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var chosen = PlaceReports.Outcome.fromKey(outcome)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        if (!reports.resolve(reportId, viewer.memberId(), chosen)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("notice", "moderation.places.resolved");
        return "redirect:/moderation/places";
    }
}
