package org.rampe.social;

import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.rampe.site.SafeRedirect;
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

/** Comments and replies, their edition and deletion by their author, and reactions to posts and comments. */
@Controller
class CommentController {

    private final Conversation conversation;
    private final PostController postPages;
    private final PostingThrottle throttle;

    CommentController(Conversation conversation, PostController postPages, PostingThrottle throttle) {
        this.conversation = conversation;
        this.postPages = postPages;
        this.throttle = throttle;
    }

    @Limited(value = "comments", perAddress = 480, inService = "social.PostingThrottle")
    @PostMapping("/posts/{id}/comments")
    String comment(@PathVariable("id") PostId post, @RequestParam(defaultValue = "") String text,
                   @RequestParam(required = false) String parent,
                   @AuthenticationPrincipal Viewer member, Model model, RedirectAttributes redirect,
                   HttpServletResponse response) {
        // The comment replied to comes from a form field, not the path: a malformed one is the same 404.
        String parentId = parent == null || parent.isBlank() ? null
                : CommentId.parse(parent).orElseThrow(PostController::notFound).value();
        String typed = PostText.normalise(text);
        String problem = problem(typed);
        if (problem == null && !throttle.comment(member.memberId())) {
            problem = "comment.rateLimited";
        }
        if (problem != null) {
            model.addAttribute("failed", true);
            return postPages.page(post, member, parentId, text, problem, model);
        }
        var written = conversation.comment(post.value(), parentId, member.memberId(), typed);
        switch (written.outcome()) {
            case NOT_FOUND -> throw PostController.notFound();
            case FORBIDDEN -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            case LOCKED -> {
                model.addAttribute("failed", true);
                return postPages.page(post, member, parentId, text, "mod.locked.refused", model);
            }
            case MUTED, BANNED -> {
                // Still refused (403), but the page says why instead of a bare error page.
                response.setStatus(HttpStatus.FORBIDDEN.value());
                model.addAttribute("failed", true);
                String why = written.outcome() == Conversation.Outcome.MUTED
                        ? "group.sanction.comment.muted" : "group.sanction.comment.banned";
                return postPages.page(post, member, parentId, text, why, model);
            }
            case DONE -> {
            }
        }
        redirect.addFlashAttribute("notice", parentId == null ? "comment.notice.written" : "comment.notice.replied");
        return "redirect:/posts/" + post.value() + "#comment-" + written.id();
    }

    /** The message key of what is wrong with a comment's text, or null. */
    private static String problem(String typed) {
        if (typed.isEmpty()) {
            return "comment.text.required";
        }
        if (PostText.length(typed) > PostText.MAX_POST) {
            return "comment.text.tooLong";
        }
        return null;
    }

    @GetMapping("/comments/{id}/edit")
    String editForm(@PathVariable CommentId id, @AuthenticationPrincipal Viewer member, Model model) {
        var comment = own(id, member);
        model.addAttribute("comment", comment);
        model.addAttribute("text", comment.text());
        return "social/comment-edit";
    }

    @Limited(value = "comments.edits", perMember = 120, perAddress = 240)
    @PostMapping("/comments/{id}/edit")
    String edit(@PathVariable CommentId id, @RequestParam(defaultValue = "") String text,
                @AuthenticationPrincipal Viewer member, Model model, RedirectAttributes redirect) {
        var comment = own(id, member);
        String typed = PostText.normalise(text);
        String problem = problem(typed);
        if (problem != null) {
            model.addAttribute("comment", comment);
            model.addAttribute("text", text);
            model.addAttribute("problem", problem);
            return "social/comment-edit";
        }
        if (!conversation.edit(comment.id(), member.memberId(), typed)) {
            throw PostController.notFound();
        }
        redirect.addFlashAttribute("notice", "comment.notice.edited");
        return "redirect:/posts/" + comment.post() + "#comment-" + comment.id();
    }

    @GetMapping("/comments/{id}/delete")
    String confirmDelete(@PathVariable CommentId id, @AuthenticationPrincipal Viewer member, Model model) {
        model.addAttribute("comment", own(id, member));
        return "social/comment-delete";
    }

    @Limited(value = "comments.deletes", perMember = 120, perAddress = 240)
    @PostMapping("/comments/{id}/delete")
    String delete(@PathVariable CommentId id, @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        var comment = own(id, member);
        String post = conversation.delete(comment.id(), member.memberId()).orElseThrow(PostController::notFound);
        redirect.addFlashAttribute("notice", "comment.notice.deleted");
        return "redirect:/posts/" + post + "#comments";
    }

    @Limited(value = "reactions", perMember = 600, perAddress = 1200)
    @PostMapping("/posts/{id}/reactions")
    String reactToPost(@PathVariable PostId id, @RequestParam(defaultValue = "") String reaction,
                       @RequestParam(defaultValue = "") String returnTo,
                       @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        String post = id.value();
        Reaction chosen = Reaction.fromKey(reaction).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        if (conversation.reactToPost(post, member.memberId(), chosen) == Conversation.Outcome.NOT_FOUND) {
            throw PostController.notFound();
        }
        return "redirect:" + back(returnTo, "/posts/" + post) + "#post-" + post;
    }

    @Limited(value = "reactions", perMember = 600, perAddress = 1200)
    @PostMapping("/comments/{id}/reactions")
    String reactToComment(@PathVariable CommentId id, @RequestParam(defaultValue = "") String reaction,
                          @AuthenticationPrincipal Viewer member) {
        Reaction chosen = Reaction.fromKey(reaction).orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST));
        var reacted = conversation.reactToComment(id, member.memberId(), chosen);
        switch (reacted.outcome()) {
            case NOT_FOUND -> throw PostController.notFound();
            case FORBIDDEN, LOCKED, MUTED, BANNED -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            case DONE -> {
            }
        }
        return "redirect:/posts/" + reacted.id() + "#comment-" + id.value();
    }

    /** Where to come back to: the page the form was on (without its fragment), or the default. */
    private static String back(String returnTo, String fallback) {
        if (returnTo.isBlank()) {
            return fallback;
        }
        String path = SafeRedirect.localPath(returnTo);
        int hash = path.indexOf('#');
        return hash >= 0 ? path.substring(0, hash) : path;
    }

    /** The viewer's own comment: 404 when unknown or on a post they may not read, 403 when someone else's. */
    private Conversation.OwnComment own(CommentId comment, Viewer member) {
        return switch (conversation.mayChange(comment, member.memberId())) {
            case NOT_FOUND -> throw PostController.notFound();
            case FORBIDDEN, LOCKED, MUTED, BANNED -> throw new ResponseStatusException(HttpStatus.FORBIDDEN);
            case DONE -> conversation.own(comment, member.memberId()).orElseThrow(PostController::notFound);
        };
    }
}
