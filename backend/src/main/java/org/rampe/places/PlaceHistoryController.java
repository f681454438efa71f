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

/**
 * A place's history (public like the place) and administrators reverting one change. The revert
 * pages are under /moderation, which the security rules keep for administrators (403 for others);
 * the controller checks again.
 */
@Controller
class PlaceHistoryController {

    private final Places places;
    private final PlaceRevisions revisions;

    PlaceHistoryController(Places places, PlaceRevisions revisions) {
        this.places = places;
        this.revisions = revisions;
    }

    @GetMapping("/places/{id}/history")
    String history(@PathVariable("id") PlaceId placeId, @RequestParam(defaultValue = "0") String page,
                   @AuthenticationPrincipal Viewer viewer, Model model) {
        var view = places.view(placeId).orElseThrow(PlaceHistoryController::notFound);
        model.addAttribute("place", view.details().summary());
        model.addAttribute("history", revisions.history(placeId, pageNumber(page)));
        model.addAttribute("admin", viewer != null && viewer.admin());
        return "places/history";
    }

    @GetMapping("/moderation/places/revisions/{revisionId}/revert")
    String confirmRevert(@PathVariable RevisionId revisionId, @AuthenticationPrincipal Viewer viewer, Model model) {
        administrator(viewer);
        var preview = revisions.preview(revisionId).orElseThrow(PlaceHistoryController::notFound);
        if (!preview.revertible()) {
            throw notFound();
        }
        model.addAttribute("preview", preview);
        return "places/revert";
    }

    @Limited(value = "moderation", perMember = 600)
    @PostMapping("/moderation/places/revisions/{revisionId}/revert")
    String revert(@PathVariable RevisionId revisionId, @AuthenticationPrincipal Viewer viewer,
                  RedirectAttributes redirect) {
        administrator(viewer);
        var preview = revisions.preview(revisionId).orElseThrow(PlaceHistoryController::notFound);
        if (revisions.revert(revisionId, viewer.memberId()) != PlaceRevisions.Reverted.DONE) {
            throw notFound();
        }
        redirect.addFlashAttribute("notice", "revision.reverted");
        return "redirect:/places/" + preview.revision().placeId() + "/history";
    }

    private static void administrator(Viewer viewer) {
        if (viewer == null || !viewer.admin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** The page asked for; anything but a small number is the first page. */
    private static int pageNumber(String page) {
        try {
            return Math.min(Math.max(0, Integer.parseInt(page)), 10_000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
