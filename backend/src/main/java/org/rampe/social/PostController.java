package org.rampe.social;

import java.util.ArrayList;
import java.util.List;

import org.rampe.images.ImageDecodes;
import org.rampe.images.Images;
import org.rampe.images.JpegResponses;
import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Writing, reading, editing and deleting posts, and serving their images. Reading is open to
 * visitors but goes through the reading rule; only the author edits or deletes.
 */
@Controller
class PostController {

    private final Posts posts;
    private final Conversation conversation;
    private final PostingThrottle throttle;
    private final ImageDecodes decodes;

    PostController(Posts posts, Conversation conversation, PostingThrottle throttle, ImageDecodes decodes) {
        this.decodes = decodes;
        this.posts = posts;
        this.conversation = conversation;
        this.throttle = throttle;
    }

    @ModelAttribute("languages")
    List<String> languages() {
        return PostForm.LANGUAGES;
    }

    @GetMapping("/posts/new")
    String compose(Model model) {
        model.addAttribute("form", new PostForm());
        model.addAttribute("slots", PostForm.MAX_IMAGES);
        return "social/post-form";
    }

    @Limited(value = "posts", perAddress = 120, inService = "social.PostingThrottle")
    @PostMapping("/posts")
    String write(@ModelAttribute("form") PostForm form, BindingResult errors,
                 @AuthenticationPrincipal Viewer member, Model model, RedirectAttributes redirect) {
        form.validate(errors);
        // Images are decoded only once the posting allowance let the request through: decoding is
        // the costly part. An attempt with images counts, published or not; one without counts
        // only when published.
        boolean withImages = countFiles(form) > 0;
        boolean allowed = !withImages || throttle.post(member.memberId());
        if (!allowed) {
            errors.reject("post.rateLimited", new Object[] {PostingThrottle.POSTS_PER_HOUR}, null);
        }
        List<Posts.NewImage> images = new ArrayList<>();
        for (int i = 0; i < PostForm.MAX_IMAGES; i++) {
            var file = form.file(i);
            if (file == null) {
                if (!form.normalisedAlt(i).isEmpty()) {
                    errors.rejectValue("images[" + i + "]", "post.image.missing", new Object[] {i + 1}, null);
                }
                form.validateAlt(errors, i, false);
                continue;
            }
            if (file.getSize() > PostForm.IMAGE_MAX_BYTES) {
                errors.rejectValue("images[" + i + "]", "post.image.tooLarge", new Object[] {i + 1}, null);
            } else if (allowed) {
                try {
                    images.add(new Posts.NewImage(decodes.clean(file), form.normalisedAlt(i)));
                } catch (Images.Refused refused) {
                    // The shared kernel speaks of "the photo"; here the summary must say which image.
                    errors.rejectValue("images[" + i + "]", refused.code().replace("photo.file.", "post.image."),
                            new Object[] {i + 1}, null);
                }
            }
            form.validateAlt(errors, i, true);
        }
        if (!errors.hasErrors() && !withImages && !throttle.post(member.memberId())) {
            errors.reject("post.rateLimited", new Object[] {PostingThrottle.POSTS_PER_HOUR}, null);
        }
        if (errors.hasErrors()) {
            model.addAttribute("slots", PostForm.MAX_IMAGES);
            model.addAttribute("failed", true);
            model.addAttribute("chooseAgain", countFiles(form) > 0);
            return "social/post-form";
        }
        String id = posts.write(member.memberId(), form.draft(), images);
        redirect.addFlashAttribute("notice", "post.notice.published");
        return "redirect:/posts/" + id;
    }

    private static int countFiles(PostForm form) {
        int n = 0;
        for (int i = 0; i < PostForm.MAX_IMAGES; i++) {
            if (form.file(i) != null) {
                n++;
            }
        }
        return n;
    }

    @GetMapping("/posts/{id}")
    String read(@PathVariable PostId id, @RequestParam(required = false) String replyTo,
                @AuthenticationPrincipal Viewer viewer, Model model) {
        return page(id, viewer, replyTo, "", null, model);
    }

    /** The post page; also shown again, filled in, when a comment was refused. */
    String page(PostId id, Viewer viewer, String replyTo, String commentText, String commentError, Model model) {
        String viewerId = viewer == null ? null : viewer.memberId();
        PostCard post = posts.find(id, viewerId).orElseThrow(PostController::notFound);
        List<CommentView> thread = conversation.thread(post.id(), viewerId);
        model.addAttribute("post", post);
        model.addAttribute("comments", thread);
        model.addAttribute("replyTo", replyTo == null ? null : find(thread, replyTo));
        model.addAttribute("commentText", commentText);
        model.addAttribute("commentError", commentError);
        return "social/post";
    }

    private static CommentView find(List<CommentView> thread, String id) {
        for (CommentView c : thread) {
            if (c.id().equals(id) && c.canReply()) {
                return c;
            }
            CommentView inside = find(c.replies(), id);
            if (inside != null) {
                return inside;
            }
        }
        return null;
    }

    @GetMapping("/posts/{id}/edit")
    String editForm(@PathVariable PostId id, @AuthenticationPrincipal Viewer member, Model model) {
        PostCard post = own(id, member);
        var form = new PostForm();
        form.setText(post.text());
        form.setContentWarning(post.contentWarning());
        form.setLanguage(post.language());
        form.setVisibility(post.visibility());
        form.setAlts(new ArrayList<>(post.images().stream().map(PostImage::alt).toList()));
        model.addAttribute("form", form);
        model.addAttribute("post", post);
        return "social/post-form";
    }

    @Limited(value = "posts.edits", perMember = 120, perAddress = 240)
    @PostMapping("/posts/{id}/edit")
    String edit(@PathVariable PostId id, @ModelAttribute("form") PostForm form, BindingResult errors,
                @AuthenticationPrincipal Viewer member, Model model, RedirectAttributes redirect) {
        PostCard post = own(id, member);
        if ("group".equals(post.visibility())) {
            // A group post stays in its group: the audience is not the form's to change (PostRepository.edit keeps it).
            form.setVisibility("public");
        }
        form.validate(errors);
        for (int i = 0; i < post.images().size(); i++) {
            form.validateAlt(errors, i, true);
        }
        if (errors.hasErrors()) {
            model.addAttribute("post", post);
            model.addAttribute("failed", true);
            return "social/post-form";
        }
        List<String> alts = new ArrayList<>();
        for (int i = 0; i < post.images().size(); i++) {
            alts.add(form.normalisedAlt(i));
        }
        if (!posts.edit(id, member.memberId(), form.draft(), alts)) {
            throw notFound();
        }
        redirect.addFlashAttribute("notice", "post.notice.edited");
        return "redirect:/posts/" + post.id();
    }

    @GetMapping("/posts/{id}/delete")
    String confirmDelete(@PathVariable PostId id, @AuthenticationPrincipal Viewer member, Model model) {
        model.addAttribute("post", own(id, member));
        return "social/post-delete";
    }

    @Limited(value = "posts.deletes", perMember = 120, perAddress = 240)
    @PostMapping("/posts/{id}/delete")
    String delete(@PathVariable PostId id, @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        own(id, member);
        if (!posts.delete(id, member.memberId())) {
            throw notFound();
        }
        redirect.addFlashAttribute("notice", "post.notice.deleted");
        return "redirect:/members/" + member.handle() + "/posts";
    }

    @GetMapping("/images/{id}.jpg")
    ResponseEntity<byte[]> image(@PathVariable ImageId id, @AuthenticationPrincipal Viewer viewer) {
        byte[] jpeg = posts.image(id, viewer == null ? null : viewer.memberId()).orElseThrow(PostController::notFound);
        // Private: who may see it depends on the viewer and can change (a block, a narrower audience).
        return JpegResponses.forThisViewer(jpeg);
    }

    /** The viewer's own post: 404 when they may not read it, 403 when it is someone else's. */
    private PostCard own(PostId id, Viewer member) {
        PostCard post = posts.find(id, member.memberId()).orElseThrow(PostController::notFound);
        if (!post.mine()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return post;
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
