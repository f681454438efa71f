package org.rampe.feed;

import org.rampe.site.Viewer;
import org.rampe.social.Posts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code GET /feed}: the signed-in member's home feed, older pages through a plain link. */
@Controller
class FeedController {

    private final HomeFeed feed;
    private final Posts posts;

    FeedController(HomeFeed feed, Posts posts) {
        this.feed = feed;
        this.posts = posts;
    }

    @GetMapping("/feed")
    String feed(@AuthenticationPrincipal Viewer account, @RequestParam(required = false) String before,
                @RequestParam(required = false) String post, Model model) {
        var cursor = FeedCursor.parse(before, post).orElse(null);
        var page = feed.page(account.memberId(), cursor, HomeFeed.PAGE_SIZE);
        model.addAttribute("feed", page);
        // The same card as everywhere else (images, reactions, comments, mentions linked); the
        // feed decides which posts and in what order, the posts feature how one looks.
        model.addAttribute("cards", posts.cards(page.posts().stream().map(FeedPost::id).toList(), account.memberId()));
        model.addAttribute("older", cursor != null);
        return "feed/index";
    }
}
