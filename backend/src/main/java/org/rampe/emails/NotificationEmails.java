package org.rampe.emails;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.rampe.emails.EmailsRepository.Names;
import org.rampe.groups.GroupEvents;
import org.rampe.mail.Mail;
import org.rampe.mail.Mailer;
import org.rampe.members.MemberId;
import org.rampe.members.Members;
import org.rampe.members.Recipient;
import org.rampe.moderation.ModerationEvents;
import org.rampe.social.SocialEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * What a member is mailed about, and when: each happening (a reply, a follow, a decision…) is
 * checked against the notifications' rule (never oneself, never across a block, never from a muted
 * member, never about a post they may not read), then against the member's choice for its kind:
 * nothing, a mail at once, or a line in tomorrow's digest ({@link DailyDigest}). Only a verified
 * address gets mail ({@link Members#mailRecipient}); a member without one gets nothing, not even a
 * digest later.
 *
 * <p>A mail never quotes what anyone wrote, not even a short excerpt: it says who did what and links
 * to it. A mail leaves the site's rules for good (a mailbox is kept for years, read on shared
 * screens, sometimes by a carer), while on the site a post can be hidden by the moderators, deleted
 * by its author, limited to a group or to followers, or come from someone the member blocks later.
 * The link lets the site apply those rules when it is followed.
 *
 * <p>Mail is an extra: a failure here is logged and never undoes or fails what the member did.
 */
@Service
class NotificationEmails {

    private static final Logger log = LoggerFactory.getLogger(NotificationEmails.class);
    static final String SETTINGS = "/account/emails";

    private final EmailsRepository repository;
    private final Members members;
    private final Mailer mailer;
    private final MailWords words;
    private final UnsubscribeLinks unsubscribe;

    NotificationEmails(EmailsRepository repository, Members members, Mailer mailer, MailWords words,
                       UnsubscribeLinks unsubscribe) {
        this.repository = repository;
        this.members = members;
        this.mailer = mailer;
        this.words = words;
        this.unsubscribe = unsubscribe;
    }

    // ---------------------------------------------------------------- choices

    EmailChoices choices(String member) {
        return repository.choices(member).orElse(EmailChoices.defaults());
    }

    /** Keeps the choices given by key ({@code replies} → {@code digest}); unknown kinds or choices are ignored. */
    void choose(String member, Map<String, String> byKey) {
        Map<EmailKind, EmailChoice> chosen = new EnumMap<>(EmailKind.class);
        byKey.forEach((kind, choice) -> EmailKind.fromKey(kind)
                .ifPresent(k -> EmailChoice.fromKey(choice).ifPresent(c -> chosen.put(k, c))));
        if (!chosen.isEmpty()) {
            repository.saveChoices(member, chosen);
        }
    }

    /** Whether the member's address may get mail (it is verified). */
    boolean reachable(String member) {
        return members.mailRecipient(new MemberId(member)).isPresent();
    }

    /**
     * The one-click unsubscribe: the kinds of the scope go to "none" (the digest's scope: every kind
     * the member had in the digest). Returns the kinds changed, empty for an unknown scope or member.
     */
    Optional<List<EmailKind>> unsubscribe(String member, String scope) {
        Optional<EmailChoices> current = repository.choices(member);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        List<EmailKind> kinds;
        if (UnsubscribeLinks.DIGEST.equals(scope)) {
            kinds = java.util.Arrays.stream(EmailKind.values()).filter(k -> current.get().of(k) == EmailChoice.DIGEST).toList();
        } else {
            Optional<EmailKind> kind = EmailKind.fromKey(scope);
            if (kind.isEmpty()) {
                return Optional.empty();
            }
            kinds = List.of(kind.get());
        }
        Map<EmailKind, EmailChoice> none = new EnumMap<>(EmailKind.class);
        kinds.forEach(k -> none.put(k, EmailChoice.NONE));
        if (!none.isEmpty()) {
            repository.saveChoices(member, none);
        }
        return Optional.of(kinds);
    }

    // ---------------------------------------------------------------- telling

    /** Mails the member now, puts it in their digest, or does nothing, as the rules and their choice say. */
    void tell(Happening h) {
        if (h.to() == null) {
            return;
        }
        try {
            var reach = repository.reach(h);
            if (reach.isEmpty() || reach.get().choice() == EmailChoice.NONE) {
                return;
            }
            Optional<Recipient> recipient = members.mailRecipient(new MemberId(h.to()));
            if (recipient.isEmpty()) {
                return;
            }
            if (reach.get().choice() == EmailChoice.IMMEDIATELY) {
                sendNow(recipient.get(), h, reach.get().names());
            } else {
                repository.addToDigest(h);
            }
        } catch (RuntimeException e) {
            log.warn("No mail about {} to member {}: {}", h.topic().key(), h.to(), e.toString());
        }
    }

    /** One mail about one happening, with its one-click unsubscribe from its kind. */
    void sendNow(Recipient to, Happening h, Names names) {
        var line = words.line(h, names, to.locale());
        mailer.send(Mail.to(to.email(), to.locale(), h.kind().template()).drawnBy("notify")
                .with("sentence", line.sentence())
                .with("linkText", line.linkText())
                .with("url", line.url())
                .subject(line.subject())
                .unsubscribe(unsubscribe.url(to.member().value(), h.kind().key()))
                .settings(mailer.link(SETTINGS)));
    }

    /**
     * Sends the member's digest if it holds anything still to tell, then forgets every item read
     * (those told and those no longer to be told). Returns whether a mail went out. Items that
     * arrive meanwhile wait for the next digest.
     */
    boolean sendDigest(String member) {
        var pending = repository.digestOf(member);
        if (pending.isEmpty()) {
            return false;
        }
        Optional<Recipient> recipient = members.mailRecipient(new MemberId(member));
        List<MailWords.Line> lines = new ArrayList<>();
        if (recipient.isPresent()) {
            pending.stream().filter(EmailsRepository.Pending::ok)
                    .map(p -> words.line(p.happening(), p.names(), recipient.get().locale()))
                    .forEach(lines::add);
        }
        if (!lines.isEmpty()) {
            Recipient to = recipient.get();
            mailer.send(Mail.to(to.email(), to.locale(), "notify-digest")
                    .with("lines", List.copyOf(lines))
                    .subject(lines.size())
                    .unsubscribe(unsubscribe.url(member, UnsubscribeLinks.DIGEST))
                    .settings(mailer.link(SETTINGS)));
        }
        repository.removeFromDigest(member, pending.stream().map(EmailsRepository.Pending::id).toList());
        return !lines.isEmpty();
    }

    // ---------------------------------------------------------------- the events told by mail

    @EventListener
    void on(SocialEvents.CommentWritten e) {
        if (e.parentAuthor() != null) {
            tell(Happening.onPost(Topic.REPLY, e.parentAuthor(), e.author(), e.post(), e.comment()));
        }
        // The post's author who also wrote the parent comment gets only the reply (as notifications do).
        if (!Objects.equals(e.postAuthor(), e.parentAuthor())) {
            tell(Happening.onPost(Topic.COMMENT, e.postAuthor(), e.author(), e.post(), e.comment()));
        }
    }

    @EventListener
    void on(SocialEvents.Mentioned e) {
        tell(Happening.onPost(Topic.MENTION, e.mentioned(), e.by(), e.post(), e.comment()));
    }

    @EventListener
    void on(SocialEvents.MemberFollowed e) {
        tell(Happening.between(Topic.FOLLOW, e.followed(), e.follower()));
    }

    @EventListener
    void on(SocialEvents.FollowRequested e) {
        tell(Happening.between(Topic.FOLLOW_REQUEST, e.target(), e.requester()));
    }

    @EventListener
    void on(GroupEvents.Invited e) {
        tell(Happening.inGroup(Topic.GROUP_INVITED, e.member(), e.by(), e.group()));
    }

    @EventListener
    void on(GroupEvents.JoinApproved e) {
        tell(Happening.inGroup(Topic.GROUP_APPROVED, e.member(), e.by(), e.group()));
    }

    @EventListener
    void on(GroupEvents.JoinRequested e) {
        repository.groupModerators(e.group())
                .forEach(m -> tell(Happening.inGroup(Topic.GROUP_JOIN_REQUEST, m, e.requester(), e.group())));
    }

    @EventListener
    void on(ModerationEvents.DecisionTaken e) {
        tell(Happening.decision(Topic.DECISION, e.concerned(), e.decision()));
    }

    @EventListener
    void on(ModerationEvents.AppealReviewed e) {
        tell(Happening.decision(Topic.APPEAL, e.concerned(), e.decision()));
    }
}
