package org.rampe.social.profiles;

import org.rampe.site.Viewer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Members": find someone by name or handle. Public, like profiles. */
@Controller
class MemberSearchController {

    private final MemberSearch search;

    MemberSearchController(MemberSearch search) {
        this.search = search;
    }

    @GetMapping("/members")
    String search(@RequestParam(required = false) String q, @AuthenticationPrincipal Viewer viewer, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("limit", MemberSearch.LIMIT);
        if (q != null) {
            var outcome = search.search(q, viewer == null ? null : viewer.memberId());
            model.addAttribute("outcome", outcome);
            model.addAttribute("problem", outcome.problem() == null ? null
                    : "memberSearch.problem." + outcome.problem().name().toLowerCase(java.util.Locale.ROOT));
        }
        return "profiles/search";
    }
}
