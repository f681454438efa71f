package org.rampe.members;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.Limited;
import org.rampe.site.RateLimit;
import org.rampe.site.RateLimits;
import org.rampe.site.Viewer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Delete my account" (GDPR article 17): the page says what will happen, what each feature foresees
 * for this member, and asks for one choice (remove or keep their posts and comments) and for the
 * password. A member who signs in without one (a passkey, sign-in links) asks for a link by mail
 * instead, whose page asks the same choice. Wrong passwords are limited as sign-in failures are.
 * Once confirmed, this browser is signed out, every other session ends, and the account is erased
 * ({@link MemberErasure}); the person lands on the home page.
 */
@Controller
class AccountDeletionController {

    static final String PATH = "/account/delete";
    static final String LINK = "/account/delete/link";
    static final String CONFIRM = "/account/delete/confirm";

    /** As many wrong passwords as the sign-in form allows per account. */
    static final RateLimit WRONG_PASSWORDS = new RateLimit("erasure-password-member", SignInThrottle.FAILURES_PER_ACCOUNT,
            SignInThrottle.WINDOW);
    /** Links by mail: a few an hour, each one a mail to the member. */
    static final RateLimit LINKS = new RateLimit("erasure-link-member", 3, Duration.ofHours(1));

    /** The choice ({@code remove} or {@code keep}) and the password. */
    public static class DeleteForm {
        private String choice = "";
        private String password = "";

        public String getChoice() {
            return choice;
        }

        public void setChoice(String choice) {
            this.choice = choice == null ? "" : choice;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password == null ? "" : password;
        }

        Optional<Erasure.Choice> chosen() {
            return switch (choice) {
                case "remove" -> Optional.of(Erasure.Choice.REMOVE);
                case "keep" -> Optional.of(Erasure.Choice.ANONYMISE);
                default -> Optional.empty();
            };
        }

        void checkChoice(Errors errors) {
            if (chosen().isEmpty()) {
                errors.rejectValue("choice", "erasure.choice.required");
            }
        }
    }

    private final Members members;
    private final MemberErasure erasure;
    private final Passwords passwords;
    private final AccountTokens tokens;
    private final AccountMails mails;
    private final RateLimits limits;
    private final List<MemberData> memberData;

    AccountDeletionController(Members members, MemberErasure erasure, Passwords passwords, AccountTokens tokens, AccountMails mails,
                              RateLimits limits, List<MemberData> memberData) {
        this.members = members;
        this.erasure = erasure;
        this.passwords = passwords;
        this.tokens = tokens;
        this.mails = mails;
        this.limits = limits;
        this.memberData = memberData;
    }

    @GetMapping(PATH)
    String page(@AuthenticationPrincipal MemberAccount account, Locale locale, Model model) {
        model.addAttribute("form", new DeleteForm());
        return page(account.id(), locale, model);
    }

    @Limited(value = "erasure", inService = "members.AccountDeletionController")
    @PostMapping(PATH)
    String delete(@AuthenticationPrincipal MemberAccount account, @ModelAttribute("form") DeleteForm form, BindingResult errors,
                  Locale locale, HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        String key = "member:" + account.id().value();
        limits.check(WRONG_PASSWORDS, key);
        form.checkChoice(errors);
        if (form.getPassword().isEmpty()) {
            errors.rejectValue("password", "erasure.password.required");
        } else if (!passwords.matches(account.id(), form.getPassword())) {
            limits.count(WRONG_PASSWORDS, key);
            errors.rejectValue("password", "erasure.password.wrong");
        }
        if (errors.hasErrors()) {
            form.setPassword("");
            model.addAttribute("failed", true);
            return page(account.id(), locale, model);
        }
        return erase(account.id(), form.chosen().orElseThrow(), request, response, redirect);
    }

    /** For a member without a password: a single-use link to their address, whose page confirms. */
    @Limited(value = "erasure-link", inService = "members.AccountDeletionController")
    @PostMapping(LINK)
    String sendLink(@AuthenticationPrincipal MemberAccount account, RedirectAttributes redirect) {
        limits.take(LINKS, "member:" + account.id().value());
        var member = members.byId(account.id()).orElseThrow();
        mails.confirmDeletion(member, tokens.issue(member.id(), TokenPurpose.DELETE_ACCOUNT, member.email()));
        redirect.addFlashAttribute("notice", "erasure.link.sent");
        return "redirect:" + PATH;
    }

    /** The mailed link's page: the same choice, one button (mail scanners open links; only a person presses it). */
    @GetMapping(CONFIRM)
    String confirmPage(@RequestParam(required = false) String token, Locale locale, Model model, HttpServletResponse response) {
        var holder = tokens.check(TokenPurpose.DELETE_ACCOUNT, token);
        if (holder.isEmpty()) {
            return LinkDead.page(model, response, LinkDead.Kind.DELETE_ACCOUNT);
        }
        model.addAttribute("form", new DeleteForm());
        model.addAttribute("token", token);
        return confirmPage(holder.get().member(), locale, model);
    }

    @Limited(value = "tokens", perMember = 30, perAddress = 60)
    @PostMapping(CONFIRM)
    String confirm(@RequestParam(required = false) String token, @ModelAttribute("form") DeleteForm form, BindingResult errors,
                   Locale locale, HttpServletRequest request, HttpServletResponse response, Model model,
                   RedirectAttributes redirect) {
        var holder = tokens.check(TokenPurpose.DELETE_ACCOUNT, token);
        if (holder.isEmpty()) {
            return LinkDead.page(model, response, LinkDead.Kind.DELETE_ACCOUNT);
        }
        form.checkChoice(errors);
        if (errors.hasErrors()) {
            model.addAttribute("failed", true);
            model.addAttribute("token", token);
            return confirmPage(holder.get().member(), locale, model);
        }
        var taken = tokens.take(TokenPurpose.DELETE_ACCOUNT, token);
        if (taken.isEmpty()) {
            return LinkDead.page(model, response, LinkDead.Kind.DELETE_ACCOUNT);
        }
        return erase(taken.get().member(), form.chosen().orElseThrow(), request, response, redirect);
    }

    private String erase(MemberId member, Erasure.Choice choice, HttpServletRequest request, HttpServletResponse response,
                         RedirectAttributes redirect) {
        // This browser first, if it is theirs: its session goes now (the store deletes it), then every other.
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Viewer viewer && member.value().equals(viewer.memberId())) {
            new SecurityContextLogoutHandler().logout(request, response, auth);
        }
        erasure.erase(member, choice);
        redirect.addFlashAttribute("notice", "erasure.done");
        return "redirect:/";
    }

    private String page(MemberId member, Locale locale, Model model) {
        model.addAttribute("foreseen", foresee(member, locale));
        return "members/delete";
    }

    private String confirmPage(MemberId member, Locale locale, Model model) {
        model.addAttribute("foreseen", foresee(member, locale));
        return "members/delete-confirm";
    }

    /** What every feature says erasing this member will do there (groups changing hands…). */
    private List<String> foresee(MemberId member, Locale locale) {
        return memberData.stream().flatMap(d -> d.foresee(member, locale).stream()).toList();
    }
}
