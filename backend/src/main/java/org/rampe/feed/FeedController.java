package org.rampe.feed;

import org.rampe.members.MemberAccount;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /feed}: the signed-in member's home feed, older pages through a plain link. */
@Controller
class FeedController {

    private final HomeFeed feed;

    FeedController(HomeFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/feed")
    String feed(@AuthenticationPrincipal MemberAccount account, @RequestParam(required = false) String before,
                @RequestParam(required = false) String post, Model model) {
        var cursor = FeedCursor.parse(before, post).orElse(null);
        model.addAttribute("feed", feed.page(account.memberId(), cursor, HomeFeed.PAGE_SIZE));
        model.addAttribute("older", cursor != null);
        return "feed/index";
    }
}
