package org.rampe.messaging;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.rampe.site.Limited;
import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The messaging pages that work without JavaScript: the list, a new conversation, the conversation
 * page with its form (post → redirect → page), editing and deleting one's messages, leaving,
 * muting, and the messaging settings. Every route is for signed-in members (the security
 * configuration's default); a conversation one is not in is "not found", as is a malformed id
 * ({@link ConversationId}, {@link MessageId}).
 */
@Controller
class MessagesController {

    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_]{3,30}");

    private final Messaging messaging;
    private final MessageImages images;

    MessagesController(Messaging messaging, MessageImages images) {
        this.messaging = messaging;
        this.images = images;
    }

    @GetMapping("/messages")
    String list(@AuthenticationPrincipal Viewer member, Model model) {
        model.addAttribute("conversations", messaging.conversations(member.memberId()));
        return "messages/list";
    }

    // ---- starting ------------------------------------------------------------------------

    @GetMapping("/messages/new")
    String newForm(@RequestParam(defaultValue = "") String to, Model model) {
        model.addAttribute("chosenTitle", "");
        model.addAttribute("handles", HANDLE.matcher(to).matches() ? to : "");
        return "messages/new";
    }

    @Limited(value = "chats.new", perMember = 60, perAddress = 120)
    @PostMapping("/messages/new")
    String start(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String handles,
                 @AuthenticationPrincipal Viewer member, Model model, RedirectAttributes redirect) {
        try {
            var ref = messaging.startAdhoc(member.memberId(), title, Messaging.handles(handles));
            redirect.addFlashAttribute("notice", "messaging.notice.started");
            return "redirect:/messages/" + ref.id();
        } catch (MessagingRefusal refusal) {
            model.addAttribute("chosenTitle", title);
            model.addAttribute("handles", handles);
            model.addAttribute("problem", refusal);
            model.addAttribute("problemField", refusal.key().equals(MessagingRefusal.TITLE_TOO_LONG) ? "title" : "handles");
            return "messages/new";
        }
    }

    /** "Send a message" on a profile: the direct conversation with that member, started or found again. */
    @Limited(value = "chats.new", perMember = 60, perAddress = 120)
    @PostMapping("/members/{handle}/message")
    String direct(@PathVariable String handle, @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        if (!HANDLE.matcher(handle).matches()) {
            throw notFound();
        }
        try {
            return "redirect:/messages/" + messaging.startDirect(member.memberId(), handle).id();
        } catch (MessagingRefusal refusal) {
            // A member who refuses the viewer (their choice, or a block either way) is answered as an
            // unknown handle: the same 404 page, so that nothing confirms a block.
            if (refusal.key().equals(MessagingRefusal.UNKNOWN_MEMBER) || refusal.key().equals(MessagingRefusal.NOT_ALLOWED)) {
                throw notFound();
            }
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, refusal.key());
        }
    }

    /** The group's chat, for its members (created the first time one opens it). */
    @GetMapping("/groups/{slug}/chat")
    String groupChat(@PathVariable String slug, @AuthenticationPrincipal Viewer member) {
        return "redirect:/messages/" + messaging.groupChatBySlug(member.memberId(), slug).orElseThrow(MessagesController::notFound).id();
    }

    // ---- the conversation ----------------------------------------------------------------

    @GetMapping("/messages/{id}")
    String conversation(@PathVariable ConversationId id, @RequestParam(required = false) Long before,
                        @AuthenticationPrincipal Viewer member, Model model) {
        return page(id.value(), before, member, "", null, model);
    }

    /** Draws the conversation; marks it read when its newest messages are shown. */
    private String page(String conversation, Long before, Viewer member, String text, MessagingRefusal problem,
                        Model model) {
        var view = messaging.open(member.memberId(), conversation).orElseThrow(MessagesController::notFound);
        List<MessageView> messages = messaging.history(member.memberId(), conversation, before, Messaging.PAGE);
        if (before == null && view.lastSeq() > view.readSeq()) {
            messaging.markRead(member.memberId(), conversation, view.lastSeq());
        }
        long newestShown = messages.isEmpty() ? 0 : messages.getLast().seq();
        model.addAttribute("conversation", view);
        model.addAttribute("messages", messages);
        model.addAttribute("conversationTitle", view.titleFor(member.memberId()));
        model.addAttribute("older", !messages.isEmpty() && messages.getFirst().seq() > 1 ? messages.getFirst().seq() : null);
        model.addAttribute("newer", before != null);
        model.addAttribute("lastSeq", before == null ? view.lastSeq() : newestShown);
        model.addAttribute("clientId", UUID.randomUUID().toString());
        model.addAttribute("text", text);
        model.addAttribute("problem", problem);
        model.addAttribute("failed", problem != null);
        model.addAttribute("viewerId", member.memberId());
        model.addAttribute("receipts", ReadReceipts.of(view, messages, member.memberId()));
        return "messages/conversation";
    }

    /** The composer (multipart: the text, and an optional image with its alt text). */
    @Limited(value = "messages", inService = "messaging.SendThrottle")
    @PostMapping("/messages/{id}")
    String send(@PathVariable ConversationId id, @RequestParam(defaultValue = "") String text,
                @RequestParam(defaultValue = "") String clientId, @RequestParam(required = false) MultipartFile image,
                @RequestParam(defaultValue = "") String alt, @AuthenticationPrincipal Viewer member,
                Model model, RedirectAttributes redirect) {
        String conversation = id.value();
        if (!messaging.isParticipant(member.memberId(), conversation)) {
            throw notFound();
        }
        if (clientId.isBlank() || clientId.length() > Messaging.MAX_CLIENT_ID) {
            // A form always carries one; without it a resend could not be recognised.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            var sent = images.send(member.memberId(), conversation, clientId, text, image, alt);
            redirect.addFlashAttribute("notice", "messaging.notice.sent");
            return "redirect:/messages/" + conversation + "#m-" + sent.message().seq();
        } catch (MessagingRefusal refusal) {
            if (refusal.key().equals(MessagingRefusal.NOT_PARTICIPANT)) {
                throw notFound();
            }
            // Typed words come back; a browser never refills a file field, so the page asks for it again.
            model.addAttribute("alt", alt);
            model.addAttribute("problemField", refusal.field());
            model.addAttribute("chooseAgain", image != null && !image.isEmpty());
            return page(conversation, null, member, text, refusal, model);
        }
    }

    @GetMapping("/messages/{id}/m/{message}/edit")
    String editForm(@PathVariable ConversationId id, @PathVariable MessageId message, @AuthenticationPrincipal Viewer member,
                    Model model) {
        var m = own(id, message, member);
        model.addAttribute("message", m);
        model.addAttribute("text", m.text());
        return "messages/edit";
    }

    @Limited(value = "messages.edits", perMember = 300, perAddress = 600)
    @PostMapping("/messages/{id}/m/{message}/edit")
    String edit(@PathVariable ConversationId id, @PathVariable MessageId message, @RequestParam(defaultValue = "") String text,
                @AuthenticationPrincipal Viewer member, Model model, RedirectAttributes redirect) {
        var m = own(id, message, member);
        try {
            messaging.edit(member.memberId(), m.id(), text);
        } catch (MessagingRefusal refusal) {
            model.addAttribute("message", m);
            model.addAttribute("text", text);
            model.addAttribute("problem", refusal);
            return "messages/edit";
        }
        redirect.addFlashAttribute("notice", "messaging.notice.edited");
        return "redirect:/messages/" + m.conversationId() + "#m-" + m.seq();
    }

    @GetMapping("/messages/{id}/m/{message}/delete")
    String confirmDelete(@PathVariable ConversationId id, @PathVariable MessageId message, @AuthenticationPrincipal Viewer member,
                         Model model) {
        model.addAttribute("message", own(id, message, member));
        return "messages/delete";
    }

    @Limited(value = "messages.edits", perMember = 300, perAddress = 600)
    @PostMapping("/messages/{id}/m/{message}/delete")
    String delete(@PathVariable ConversationId id, @PathVariable MessageId message, @AuthenticationPrincipal Viewer member,
                  RedirectAttributes redirect) {
        var m = own(id, message, member);
        messaging.delete(member.memberId(), m.id());
        redirect.addFlashAttribute("notice", "messaging.notice.deleted");
        return "redirect:/messages/" + m.conversationId() + "#m-" + m.seq();
    }

    /** The viewer's own message: 404 when they do not see it, 403 when they see it but it is someone else's. */
    private MessageView own(ConversationId id, MessageId message, Viewer member) {
        return messaging.own(member.memberId(), id.value(), message.value()).orElseThrow(() ->
                messaging.sees(member.memberId(), id.value(), message.value())
                        ? new ResponseStatusException(HttpStatus.FORBIDDEN) : notFound());
    }

    @Limited(value = "conversations.settings", perMember = 120, perAddress = 240)
    @PostMapping("/messages/{id}/leave")
    String leave(@PathVariable ConversationId id, @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        String conversation = id.value();
        try {
            messaging.leave(member.memberId(), conversation);
        } catch (MessagingRefusal refusal) {
            if (refusal.key().equals(MessagingRefusal.NOT_PARTICIPANT)) {
                throw notFound();
            }
            redirect.addFlashAttribute("notice", refusal.key());
            return "redirect:/messages/" + conversation;
        }
        redirect.addFlashAttribute("notice", "messaging.notice.left");
        return "redirect:/messages";
    }

    @Limited(value = "conversations.settings", perMember = 120, perAddress = 240)
    @PostMapping("/messages/{id}/mute")
    String mute(@PathVariable ConversationId id, @RequestParam(defaultValue = "true") boolean muted,
                @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        String conversation = id.value();
        try {
            messaging.mute(member.memberId(), conversation, muted);
        } catch (MessagingRefusal refusal) {
            throw notFound();
        }
        redirect.addFlashAttribute("notice", muted ? "messaging.notice.muted" : "messaging.notice.unmuted");
        return "redirect:/messages/" + conversation;
    }

    // ---- settings ------------------------------------------------------------------------

    @GetMapping("/messages/settings")
    String settings(@AuthenticationPrincipal Viewer member, Model model) {
        var settings = messaging.settings(member.memberId());
        model.addAttribute("settings", settings);
        model.addAttribute("messagesFromChoices", MessagesFrom.keys());
        model.addAttribute("messagesFromChosen", settings.messagesFrom().key());
        return "messages/settings";
    }

    /** Without a choice of who may message them (an older form), the member gets the default. */
    @Limited(value = "settings", perMember = 120, perAddress = 600)
    @PostMapping("/messages/settings")
    String saveSettings(@RequestParam(defaultValue = "false") boolean readReceipts,
                        @RequestParam(defaultValue = "false") boolean presenceVisible,
                        @RequestParam(defaultValue = "") String messagesFrom,
                        @AuthenticationPrincipal Viewer member, RedirectAttributes redirect) {
        messaging.saveSettings(member.memberId(), new MessagingSettings(readReceipts, presenceVisible, MessagesFrom.of(messagesFrom)));
        redirect.addFlashAttribute("notice", "messaging.notice.settings");
        return "redirect:/messages/settings";
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
