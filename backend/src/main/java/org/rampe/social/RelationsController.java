package org.rampe.social;

import org.rampe.site.Limited;
import org.rampe.site.SafeRedirect;
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
 * Follow, block and mute by handle (every change a POST with its CSRF token, back to where the
 * member was), the public lists of followers and followed members, and the member's own lists:
 * follow requests, blocked and muted members.
 */
@Controller
class RelationsController {

    private final Relations relations;

    RelationsController(Relations relations) {
        this.relations = relations;
    }

    @Limited(value = "follows", perMember = 120, perAddress = 300)
    @PostMapping("/members/{handle}/follow")
    String follow(@PathVariable String handle, @RequestParam(defaultValue = "") String returnTo,
                  @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        String notice = switch (relations.follow(viewer.memberId(), other.id())) {
            case FOLLOWED, ALREADY -> "relations.followed";
            case REQUESTED -> "relations.requested";
            case REFUSED -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            case NOT_FOUND -> throw notFound();
        };
        if (relations.between(viewer.memberId(), other.id()).requested()) {
            notice = "relations.requested";
        }
        return back(returnTo, other, notice, redirect);
    }

    @Limited(value = "follows", perMember = 120, perAddress = 300)
    @PostMapping("/members/{handle}/unfollow")
    String unfollow(@PathVariable String handle, @RequestParam(defaultValue = "") String returnTo,
                    @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        boolean wasRequest = relations.between(viewer.memberId(), other.id()).requested();
        relations.unfollow(viewer.memberId(), other.id());
        return back(returnTo, other, wasRequest ? "relations.requestCancelled" : "relations.unfollowed", redirect);
    }

    @Limited(value = "blocks", perMember = 300, perAddress = 600)
    @PostMapping("/members/{handle}/block")
    String block(@PathVariable String handle, @RequestParam(defaultValue = "") String returnTo,
                 @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        relations.block(viewer.memberId(), other.id());
        return back(returnTo, other, "relations.blocked", redirect);
    }

    @Limited(value = "blocks", perMember = 300, perAddress = 600)
    @PostMapping("/members/{handle}/unblock")
    String unblock(@PathVariable String handle, @RequestParam(defaultValue = "") String returnTo,
                   @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        relations.unblock(viewer.memberId(), other.id());
        return back(returnTo, other, "relations.unblocked", redirect);
    }

    @Limited(value = "blocks", perMember = 300, perAddress = 600)
    @PostMapping("/members/{handle}/mute")
    String mute(@PathVariable String handle, @RequestParam(defaultValue = "") String returnTo,
                @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        relations.mute(viewer.memberId(), other.id());
        return back(returnTo, other, "relations.muted", redirect);
    }

    @Limited(value = "blocks", perMember = 300, perAddress = 600)
    @PostMapping("/members/{handle}/unmute")
    String unmute(@PathVariable String handle, @RequestParam(defaultValue = "") String returnTo,
                  @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        relations.unmute(viewer.memberId(), other.id());
        return back(returnTo, other, "relations.unmuted", redirect);
    }

    @GetMapping("/members/{handle}/followers")
    String followers(@PathVariable String handle, @RequestParam(defaultValue = "") String after,
                     @AuthenticationPrincipal Viewer viewer, Model model) {
        return list(handle, true, after, viewer, model);
    }

    @GetMapping("/members/{handle}/following")
    String following(@PathVariable String handle, @RequestParam(defaultValue = "") String after,
                     @AuthenticationPrincipal Viewer viewer, Model model) {
        return list(handle, false, after, viewer, model);
    }

    /**
     * A member's followers or followed members. Across a block (either way) the list does not
     * exist for the viewer; a private account shows it to its approved followers only.
     */
    private String list(String handle, boolean followers, String after, Viewer viewer, Model model) {
        var owner = relations.owner(handle).orElseThrow(RelationsController::notFound);
        String viewerId = viewer == null ? null : viewer.memberId();
        if (relations.blockedEitherWay(viewerId, owner.id())) {
            throw notFound();
        }
        boolean self = owner.id().equals(viewerId);
        boolean hidden = owner.privateAccount() && !self && !relations.follows(viewerId, owner.id());
        model.addAttribute("owner", owner);
        model.addAttribute("followers", followers);
        model.addAttribute("self", self);
        model.addAttribute("hidden", hidden);
        model.addAttribute("listPath", "/members/" + owner.handle() + (followers ? "/followers" : "/following"));
        if (!hidden) {
            var page = relations.list(owner.id(), followers, viewerId, after);
            model.addAttribute("members", page.members());
            model.addAttribute("next", page.next());
            model.addAttribute("continued", !after.isEmpty());
        }
        return "relations/list";
    }

    @GetMapping("/account/follow-requests")
    String requests(@RequestParam(defaultValue = "") String after, @AuthenticationPrincipal Viewer viewer, Model model) {
        model.addAttribute("listPath", "/account/follow-requests");
        return ownList(RelationsRepository.Listing.REQUESTS, after, viewer, model);
    }

    @GetMapping("/account/blocked")
    String blocked(@RequestParam(defaultValue = "") String after, @AuthenticationPrincipal Viewer viewer, Model model) {
        model.addAttribute("listPath", "/account/blocked");
        return ownList(RelationsRepository.Listing.BLOCKED, after, viewer, model);
    }

    @GetMapping("/account/muted")
    String muted(@RequestParam(defaultValue = "") String after, @AuthenticationPrincipal Viewer viewer, Model model) {
        model.addAttribute("listPath", "/account/muted");
        return ownList(RelationsRepository.Listing.MUTED, after, viewer, model);
    }

    private String ownList(RelationsRepository.Listing listing, String after, Viewer viewer, Model model) {
        var page = relations.page(viewer.memberId(), listing, viewer.memberId(), after);
        model.addAttribute("kind", listing.name().toLowerCase(java.util.Locale.ROOT));
        model.addAttribute("members", page.members());
        model.addAttribute("next", page.next());
        model.addAttribute("continued", !after.isEmpty());
        return "relations/account-list";
    }

    @Limited(value = "followers", perMember = 300, perAddress = 600)
    @PostMapping("/account/follow-requests/{handle}/approve")
    String approve(@PathVariable String handle, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        redirect.addFlashAttribute("notice", relations.approve(viewer.memberId(), other.id())
                ? "relations.request.approved" : "relations.request.gone");
        return "redirect:/account/follow-requests";
    }

    @Limited(value = "followers", perMember = 300, perAddress = 600)
    @PostMapping("/account/follow-requests/{handle}/refuse")
    String refuse(@PathVariable String handle, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        redirect.addFlashAttribute("notice", relations.refuse(viewer.memberId(), other.id())
                ? "relations.request.refused" : "relations.request.gone");
        return "redirect:/account/follow-requests";
    }

    @Limited(value = "followers", perMember = 300, perAddress = 600)
    @PostMapping("/account/followers/{handle}/remove")
    String removeFollower(@PathVariable String handle, @AuthenticationPrincipal Viewer viewer, RedirectAttributes redirect) {
        var other = other(handle, viewer);
        relations.removeFollower(viewer.memberId(), other.id());
        redirect.addFlashAttribute("notice", "relations.followerRemoved");
        return "redirect:/members/" + viewer.handle() + "/followers";
    }

    /** The other member of a relation: 404 when unknown, 400 when it is the viewer themself. */
    private RelationsRepository.Owner other(String handle, Viewer viewer) {
        var other = relations.owner(handle).orElseThrow(RelationsController::notFound);
        if (other.id().equals(viewer.memberId())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return other;
    }

    private static String back(String returnTo, RelationsRepository.Owner other, String notice, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", notice);
        return "redirect:" + (returnTo.isBlank() ? "/members/" + other.handle() : SafeRedirect.localPath(returnTo));
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
