package org.rampe.social;

import org.rampe.site.Viewer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A member's posts that the viewer may read, newest first, 20 a page with an "Older posts" link. */
@Controller
class TimelineController {

    private final Posts posts;

    TimelineController(Posts posts) {
        this.posts = posts;
    }

    @GetMapping("/members/{handle}/posts")
    String timeline(@PathVariable String handle, @RequestParam(required = false) String before,
                    @AuthenticationPrincipal Viewer viewer, Model model) {
        var timeline = posts.timeline(handle, viewer == null ? null : viewer.memberId(), before)
                .orElseThrow(PostController::notFound);
        model.addAttribute("timeline", timeline);
        model.addAttribute("olderPage", before != null && !before.isBlank());
        return "social/timeline";
    }
}
