package org.rampe.groups;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.rampe.members.MemberId;
import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.rampe.social.PostCard;
import org.rampe.social.PostText;
import org.rampe.social.Posts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Group pages and actions. Reading routes are open (the group decides who sees what: 404 for a
 * hidden group, 403 for a private one's posts); every action needs a signed-in member, and the
 * service checks their role.
 */
@Controller
class GroupController {

    static final List<String> LANGUAGES = List.of("fr", "en", "es", "de", "it", "pt", "ar");

    private final Groups groups;
    private final Posts posts;

    GroupController(Groups groups, Posts posts) {
        this.groups = groups;
        this.posts = posts;
    }

    private static String id(Viewer account) {
        return account == null ? null : account.memberId();
    }

    @GetMapping("/groups")
    String list(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal Viewer account, Model model) {
        String query = PostText.normalise(q).strip();
        model.addAttribute("q", query);
        model.addAttribute("groups", groups.list(query, id(account)));
        if (account != null) {
            model.addAttribute("mine", groups.mine(account.memberId()));
            model.addAttribute("invitations", groups.invitations(account.memberId()));
        }
        return "groups/list";
    }

    @GetMapping("/groups/new")
    String createForm(@AuthenticationPrincipal Viewer account, Model model) {
        model.addAttribute("form", new GroupForm());
        return form(account, model);
    }

    private String form(Viewer account, Model model) {
        model.addAttribute("associations", groups.represented(account.memberId()));
        model.addAttribute("kinds", GroupForm.KINDS);
        return "groups/form";
    }

    @Limited(value = "groups.new", perMember = 10, perAddress = 20, window = "1d")
    @PostMapping("/groups")
    String create(@ModelAttribute("form") GroupForm form, BindingResult errors, @AuthenticationPrincipal Viewer account,
                  Model model, RedirectAttributes redirect) {
        Set<String> associations = new HashSet<>();
        groups.represented(account.memberId()).forEach(a -> associations.add(a.id()));
        form.validate(errors, associations);
        if (!errors.hasErrors()) {
            var slug = groups.create(account.memberId(), form.getOwner().isEmpty() ? null : form.getOwner(), form.draft());
            if (slug.isPresent()) {
                redirect.addFlashAttribute("notice", "group.notice.created");
                return "redirect:/groups/" + slug.get();
            }
            errors.rejectValue("owner", "group.owner.invalid");
        }
        model.addAttribute("failed", true);
        return form(account, model);
    }

    @GetMapping("/groups/{slug}/edit")
    String editForm(@PathVariable String slug, @AuthenticationPrincipal Viewer account, Model model) {
        Group g = groups.editable(slug, account);
        model.addAttribute("group", g);
        model.addAttribute("form", GroupForm.of(g));
        return "groups/edit";
    }

    /** The slug and the kind stay: only the name, description and rules are read from the form. */
    @Limited(value = "groups.edits", perMember = 60, perAddress = 120)
    @PostMapping("/groups/{slug}/edit")
    String edit(@PathVariable String slug, @ModelAttribute("form") GroupForm form, BindingResult errors,
                @AuthenticationPrincipal Viewer account, Model model, RedirectAttributes redirect) {
        Group g = groups.editable(slug, account);
        form.setKind(g.kind());
        form.setOwner("");
        form.validateTexts(errors);
        if (!errors.hasErrors()) {
            groups.edit(g, form.draft(), account);
            redirect.addFlashAttribute("notice", "group.notice.edited");
            return "redirect:/groups/" + g.slug();
        }
        model.addAttribute("group", g);
        model.addAttribute("failed", true);
        return "groups/edit";
    }

    @GetMapping("/groups/{slug}")
    String page(@PathVariable String slug, @RequestParam(required = false) String before,
                @AuthenticationPrincipal Viewer account, Model model) {
        Group g = groups.visible(slug, account);
        return page(g, account, before, "", "", "", null, model);
    }

    private String page(Group g, Viewer account, String before, String text, String contentWarning, String language,
                        String postError, Model model) {
        model.addAttribute("group", g);
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("postText", text);
        model.addAttribute("postContentWarning", contentWarning);
        model.addAttribute("postLanguage", language);
        model.addAttribute("postError", postError);
        model.addAttribute("olderPage", before != null);
        if (g.readable()) {
            ZonedDateTime at = null;
            String after = null;
            if (before != null) {
                int cut = before.lastIndexOf('_');
                try {
                    at = ZonedDateTime.parse(before.substring(0, Math.max(cut, 0)), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    after = UUID.fromString(before.substring(cut + 1)).toString();
                } catch (DateTimeParseException | IllegalArgumentException | StringIndexOutOfBoundsException e) {
                    at = null;
                }
            }
            List<String> ids = groups.postIds(g, at, after);
            boolean more = ids.size() > GroupRepository.POSTS_PAGE;
            List<PostCard> cards = posts.cards(more ? ids.subList(0, GroupRepository.POSTS_PAGE) : ids, id(account));
            model.addAttribute("posts", cards);
            model.addAttribute("older", more && !cards.isEmpty() ? cursor(cards.getLast()) : null);
        }
        if (g.viewer().moderates()) {
            model.addAttribute("requests", groups.requests(g));
        }
        return "groups/group";
    }

    private static String cursor(PostCard last) {
        return last.createdAt().withZoneSameInstant(ZoneId.of("UTC")).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "_" + last.id();
    }

    @Limited(value = "groups.posts", perMember = 30, perAddress = 120)
    @PostMapping("/groups/{slug}/posts")
    String post(@PathVariable String slug, @RequestParam(defaultValue = "") String text,
                @RequestParam(defaultValue = "") String contentWarning, @RequestParam(defaultValue = "") String language,
                @AuthenticationPrincipal Viewer account, Model model, RedirectAttributes redirect) {
        Group g = groups.visible(slug, account);
        if (!g.canPost()) {
            throw Groups.forbidden();
        }
        String typed = PostText.normalise(text);
        String problem = null;
        if (typed.isEmpty()) {
            problem = "group.post.required";
        } else if (PostText.length(typed) > PostText.MAX_POST) {
            problem = "group.post.tooLong";
        } else if (PostText.length(PostText.normalise(contentWarning)) > 200) {
            problem = "group.post.contentWarningTooLong";
        }
        String lang = LANGUAGES.contains(language) ? language : "";
        if (problem != null) {
            model.addAttribute("failed", true);
            return page(g, account, null, text, contentWarning, lang, problem, model);
        }
        String id = groups.post(g, account.memberId(), typed, contentWarning, lang).orElseThrow(Groups::forbidden);
        redirect.addFlashAttribute("notice", "group.notice.posted");
        return "redirect:/posts/" + id;
    }

    @GetMapping("/groups/{slug}/members")
    String members(@PathVariable String slug, @AuthenticationPrincipal Viewer account, Model model) {
        Group g = groups.readable(slug, account);
        model.addAttribute("group", g);
        model.addAttribute("members", groups.members(g));
        if (g.viewer().moderates()) {
            model.addAttribute("requests", groups.requests(g));
            model.addAttribute("invited", groups.invited(g));
        }
        return "groups/members";
    }

    @GetMapping("/groups/{slug}/join")
    String confirmJoin(@PathVariable String slug, @AuthenticationPrincipal Viewer account, Model model) {
        Group g = groups.visible(slug, account);
        if (!g.canJoin() && !g.canRequest() && !(g.viewer().invited() && !g.viewer().banned())) {
            throw Groups.forbidden();
        }
        model.addAttribute("group", g);
        return "groups/join";
    }

    @Limited(value = "groups.membership", perMember = 120, perAddress = 240)
    @PostMapping("/groups/{slug}/join")
    String join(@PathVariable String slug, @AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        Group g = groups.visible(slug, account);
        redirect.addFlashAttribute("notice", groups.join(g, account.memberId()));
        return "redirect:/groups/" + g.slug();
    }

    @Limited(value = "groups.membership", perMember = 120, perAddress = 240)
    @PostMapping("/groups/{slug}/request/withdraw")
    String withdraw(@PathVariable String slug, @AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        Group g = groups.visible(slug, account);
        groups.withdraw(g, account.memberId());
        redirect.addFlashAttribute("notice", "group.notice.withdrawn");
        return "redirect:/groups/" + g.slug();
    }

    @Limited(value = "groups.membership", perMember = 120, perAddress = 240)
    @PostMapping("/groups/{slug}/leave")
    String leave(@PathVariable String slug, @AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        Group g = groups.visible(slug, account);
        switch (groups.leave(g, account.memberId())) {
            case DONE -> {
                redirect.addFlashAttribute("notice", "group.notice.left");
                return g.isHidden() ? "redirect:/groups" : "redirect:/groups/" + g.slug();
            }
            case LAST_OWNER -> {
                redirect.addFlashAttribute("notice", "group.notice.lastOwner");
                return "redirect:/groups/" + g.slug() + "/members";
            }
            default -> throw Groups.forbidden();
        }
    }

    @Limited(value = "groups.moderation", perMember = 600)
    @PostMapping("/groups/{slug}/requests/{member}/approve")
    String approve(@PathVariable String slug, @PathVariable MemberId member, @AuthenticationPrincipal Viewer account,
                   RedirectAttributes redirect) {
        Group g = groups.moderated(slug, account);
        groups.approve(g, member.value(), account.memberId());
        redirect.addFlashAttribute("notice", "group.notice.approved");
        return "redirect:/groups/" + g.slug() + "/members";
    }

    @Limited(value = "groups.moderation", perMember = 600)
    @PostMapping("/groups/{slug}/requests/{member}/refuse")
    String refuse(@PathVariable String slug, @PathVariable MemberId member, @AuthenticationPrincipal Viewer account,
                  RedirectAttributes redirect) {
        Group g = groups.moderated(slug, account);
        groups.refuse(g, member.value());
        redirect.addFlashAttribute("notice", "group.notice.refused");
        return "redirect:/groups/" + g.slug() + "/members";
    }

    @Limited(value = "invitations", perMember = 60, perAddress = 120)
    @PostMapping("/groups/{slug}/invitations")
    String invite(@PathVariable String slug, @RequestParam(defaultValue = "") String handle,
                  @AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        Group g = groups.moderated(slug, account);
        String h = handle.strip().replaceFirst("^@", "");
        var invited = h.isEmpty() ? java.util.Optional.<String>empty() : groups.invite(g, h, account.memberId());
        redirect.addFlashAttribute("notice", invited.isPresent() ? "group.notice.invited" : "group.notice.cannotInvite");
        return "redirect:/groups/" + g.slug() + "/members";
    }

    @Limited(value = "groups.membership", perMember = 120, perAddress = 240)
    @PostMapping("/groups/{slug}/invitation/accept")
    String accept(@PathVariable String slug, @AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        Group g = groups.visible(slug, account);
        groups.accept(g, account.memberId());
        redirect.addFlashAttribute("notice", "group.notice.joined");
        return "redirect:/groups/" + g.slug();
    }

    @Limited(value = "groups.membership", perMember = 120, perAddress = 240)
    @PostMapping("/groups/{slug}/invitation/decline")
    String decline(@PathVariable String slug, @AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        Group g = groups.visible(slug, account);
        groups.decline(g, account.memberId());
        redirect.addFlashAttribute("notice", "group.notice.declined");
        return "redirect:/groups";
    }

    @Limited(value = "groups.moderation", perMember = 600)
    @PostMapping("/groups/{slug}/members/{member}/role")
    String role(@PathVariable String slug, @PathVariable MemberId member, @RequestParam(defaultValue = "") String role,
                @AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        Group g = groups.visible(slug, account);
        groups.setRole(g, member.value(), role, account);
        redirect.addFlashAttribute("notice", "group.notice.role." + role);
        return "redirect:/groups/" + g.slug() + "/members";
    }

    @Limited(value = "groups.moderation", perMember = 600)
    @PostMapping("/groups/{slug}/audit-log")
    String auditLog(@PathVariable String slug, @RequestParam(defaultValue = "false") boolean publish,
                    @AuthenticationPrincipal Viewer account, RedirectAttributes redirect) {
        Group g = groups.visible(slug, account);
        groups.setPublicAuditLog(g, publish, account);
        redirect.addFlashAttribute("notice", publish ? "group.notice.auditPublished" : "group.notice.auditUnpublished");
        return "redirect:/groups/" + g.slug() + "/members";
    }
}
