package org.rampe.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.neo4j.driver.exceptions.Neo4jException;
import org.rampe.graph.Graph;
import org.rampe.groups.GroupEvents;
import org.rampe.images.ImageStore;
import org.rampe.moderation.Suspensions;
import org.rampe.site.UnreadMessages;
import org.rampe.social.DirectMessages;
import org.rampe.social.PostText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Messaging between members: direct conversations (one per pair), ad-hoc ones (up to
 * {@value #MAX_PARTICIPANTS} members) and group chats (the group's members). Each change is stored
 * first and its event published after the commit, so that whatever pushes it live (or a listener
 * that fails) can never make a member see what was not kept.
 *
 * <p>Blocks: a block either way ends a direct conversation (no new message; the history stays
 * readable); nobody can put a member they block, or who blocks them, in an ad-hoc conversation; in
 * ad-hoc and group chats the two do not see each other's messages (as group posts), nor typing or
 * presence anywhere. A conversation is started only with members whose choice of who may message
 * them ({@link MessagesFrom}) lets the starter in; refusals name nobody.
 *
 * <p>Public for the demo ({@link #startDirect}, {@link #startAdhoc}, {@link #send(String, String, String, String)})
 * and the header's count ({@link UnreadMessages}); the few other public methods serve tests of other
 * packages (the browser tests, moderation's) that set up conversations through the service.
 */
@Service
public class Messaging implements UnreadMessages, DirectMessages {

    static final int MAX_TEXT = PostText.MAX_POST;
    static final int MAX_PARTICIPANTS = 50;
    static final int MAX_TITLE = 100;
    static final int MAX_CLIENT_ID = 100;
    static final int PAGE = 50;
    private static final int MAX_PAGE = 200;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ReadMarkRepository readMarks;
    private final MemberSettingsRepository memberSettings;
    private final SendThrottle throttle;
    private final Suspensions suspensions;
    private final ApplicationEventPublisher events;
    private final ImageStore imageStore;

    Messaging(ConversationRepository conversations, MessageRepository messages, ReadMarkRepository readMarks,
              MemberSettingsRepository memberSettings, SendThrottle throttle, Suspensions suspensions,
              ApplicationEventPublisher events, ImageStore imageStore) {
        this.conversations = conversations;
        this.messages = messages;
        this.readMarks = readMarks;
        this.memberSettings = memberSettings;
        this.throttle = throttle;
        this.suspensions = suspensions;
        this.events = events;
        this.imageStore = imageStore;
    }

    // ---- conversations -------------------------------------------------------------------

    /**
     * The direct conversation with {@code otherHandle}, started if there is none yet: refused
     * ({@link MessagingRefusal#NOT_ALLOWED}) across a block, or when the other's choice of who may
     * message them leaves the member out and the two are not already in a conversation together.
     */
    public ConversationRef startDirect(String memberId, String otherHandle) {
        String handle = handle(otherHandle);
        var found = conversations.byHandles(memberId, List.of(handle)).get(handle);
        if (found == null) {
            throw new MessagingRefusal(MessagingRefusal.UNKNOWN_MEMBER, List.of(handle), handle);
        }
        if (found.id().equals(memberId)) {
            throw new MessagingRefusal(MessagingRefusal.SELF);
        }
        // A conversation both are still in goes on whatever the other chose since; a block ends it.
        if (found.blocked() || !(found.mayStart() || found.ongoing())) {
            throw new MessagingRefusal(MessagingRefusal.NOT_ALLOWED);
        }
        return conversations.direct(memberId, found.id(), UUID.randomUUID().toString());
    }

    /**
     * A new ad-hoc conversation with the members named by handle ({@code @} optional), the starter
     * included in the {@value #MAX_PARTICIPANTS}. Refused, naming the handles, when one is unknown;
     * refused without naming anyone when one of them does not take messages from the starter (their
     * choice of who may message them, or a block either way); a handle given twice, or one's own,
     * counts once.
     */
    public ConversationRef startAdhoc(String memberId, String title, List<String> handles) {
        String cleanTitle = PostText.normalise(title).replaceAll("\\s+", " ");
        if (PostText.length(cleanTitle) > MAX_TITLE) {
            throw new MessagingRefusal(MessagingRefusal.TITLE_TOO_LONG, MAX_TITLE);
        }
        var wanted = new LinkedHashSet<String>();
        for (String h : handles) {
            String handle = handle(h);
            if (!handle.isEmpty()) {
                wanted.add(handle);
            }
        }
        var found = conversations.byHandles(memberId, List.copyOf(wanted));
        List<String> unknown = wanted.stream().filter(h -> !found.containsKey(h)).toList();
        if (!unknown.isEmpty()) {
            throw new MessagingRefusal(MessagingRefusal.UNKNOWN_MEMBER, unknown, String.join(", ", unknown));
        }
        List<ConversationRepository.Found> others = wanted.stream().map(found::get)
                .filter(f -> !f.id().equals(memberId)).distinct().toList();
        if (others.stream().anyMatch(f -> !f.mayStart())) {
            // Naming nobody: the same words for a block either way and for a member's choice.
            throw new MessagingRefusal(MessagingRefusal.NOT_ALLOWED);
        }
        if (others.isEmpty()) {
            throw new MessagingRefusal(MessagingRefusal.NO_PARTICIPANT);
        }
        if (others.size() + 1 > MAX_PARTICIPANTS) {
            throw new MessagingRefusal(MessagingRefusal.TOO_MANY, MAX_PARTICIPANTS);
        }
        return conversations.adhoc(memberId, cleanTitle, others.stream().map(ConversationRepository.Found::id).toList(),
                UUID.randomUUID().toString());
    }

    /** The chat of a group the member belongs to, created on first use. */
    public ConversationRef groupChat(String memberId, String groupId) {
        return conversations.groupChat(memberId, groupId, UUID.randomUUID().toString())
                .orElseThrow(() -> new MessagingRefusal(MessagingRefusal.NOT_GROUP_MEMBER));
    }

    /** The chat of the group with this slug, for a member of it; empty for anyone else (the page's 404). */
    Optional<ConversationRef> groupChatBySlug(String memberId, String slug) {
        return conversations.groupOfMember(memberId, slug).map(groupId -> groupChat(memberId, groupId));
    }

    /** The member's conversations, newest activity first. */
    List<ConversationSummary> conversations(String memberId) {
        return conversations.conversations(memberId);
    }

    /** Unread messages in the member's conversations, muted ones left out (the header's count). */
    int unreadTotal(String memberId) {
        return readMarks.unreadTotal(memberId);
    }

    @Override
    public String countOfMe() {
        return ReadMarkRepository.UNREAD_OF_ME;
    }

    @Override
    public Map<String, Long> counts(Collection<String> memberIds) {
        return readMarks.unreadTotals(memberIds);
    }

    /** The conversation, empty when the member does not take part in it (a 404: nothing leaks). */
    Optional<ConversationView> open(String memberId, String conversationId) {
        return conversations.open(memberId, conversationId);
    }

    /** One indexed lookup per id; used to authorise each STOMP SUBSCRIBE and SEND. */
    boolean isParticipant(String memberId, String conversationId) {
        return memberId != null && conversationId != null && conversations.isParticipant(memberId, conversationId);
    }

    /** Who is told that {@code memberId} is typing: the others, none in a block either way with them. */
    List<String> typingRecipients(String memberId, String conversationId) {
        return conversations.othersUnblocked(memberId, conversationId);
    }

    /** Everyone who takes part now (the group's members for a group chat). */
    List<String> participantIds(String conversationId) {
        return conversations.participantIds(conversationId);
    }

    // ---- messages ------------------------------------------------------------------------

    /**
     * Stores a message, once per client id: sending the same {@code clientId} again (a resend after
     * a lost acknowledgement, a double submit) returns the stored message with
     * {@code duplicate = true} and publishes nothing. Refused (nothing stored) when the text is
     * empty or too long, the member is suspended, not a participant, blocked in a direct
     * conversation, muted in the group, or sending too fast.
     */
    public Sent send(String memberId, String conversationId, String clientId, String text) {
        return send(memberId, conversationId, clientId, text, (Supplier<NewImage>) null);
    }

    /**
     * As {@link #send(String, String, String, String)}, with an image (null: none) whose file is
     * already kept (see {@link MessageImages}); with an image the text may be empty.
     */
    Sent send(String memberId, String conversationId, String clientId, String text, NewImage image) {
        Supplier<NewImage> kept = image == null ? null : () -> image;
        return send(memberId, conversationId, clientId, text, kept);
    }

    /**
     * As {@link #send(String, String, String, String, NewImage)}, the image prepared (decoded and
     * kept) by {@code image} only once the member's allowance let the message through: decoding is
     * the costly part, so a flood is refused before any is decoded. A refusal thrown by
     * {@code image} gives the allowance back.
     */
    Sent send(String memberId, String conversationId, String clientId, String text, Supplier<NewImage> prepare) {
        if (clientId == null || clientId.isBlank() || clientId.length() > MAX_CLIENT_ID) {
            throw new IllegalArgumentException("a client id of 1 to " + MAX_CLIENT_ID + " characters is required");
        }
        String clean = prepare == null ? text(text) : caption(text);
        if (suspensions.suspended(memberId)) {
            throw new MessagingRefusal(MessagingRefusal.SUSPENDED);
        }
        String clientKey = memberId + ":" + clientId;
        if (!throttle.take(memberId)) {
            // Over the allowance: a resend of a message already stored is still acknowledged (the
            // client stops resending), anything new waits. Rare, so it may cost its own read.
            var stored = messages.byClientKey(memberId, clientKey);
            if (stored.isPresent()) {
                return new Sent(stored.get(), true);
            }
            throw new MessagingRefusal(MessagingRefusal.RATE_LIMITED);
        }
        NewImage image;
        try {
            image = prepare == null ? null : prepare.get();
        } catch (RuntimeException e) {
            throttle.giveBack(memberId);
            throw e;
        }
        MessageRepository.Stored stored;
        try {
            stored = messages.send(memberId, conversationId, clientKey, UUID.randomUUID().toString(), clean, image);
        } catch (Neo4jException e) {
            throttle.giveBack(memberId);
            if (!Graph.isConstraintViolation(e)) {
                throw e;
            }
            return new Sent(messages.byClientKey(memberId, clientKey).orElseThrow(() -> e), true);
        }
        if (stored.message() == null || stored.check() != null) {
            // Nothing new was stored: a resend, or a refusal. Neither uses up the allowance.
            throttle.giveBack(memberId);
            if (stored.check().existing() != null) {
                return new Sent(stored.check().existing(), true);
            }
            refuseIfCannotSend(stored.check());
            throw new IllegalStateException("nothing stored and no reason");
        }
        events.publishEvent(new MessageSent(stored.message(), stored.recipients()));
        return new Sent(stored.message(), false);
    }

    private static void refuseIfCannotSend(MessageRepository.SendCheck check) {
        if (!check.participant()) {
            throw new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT);
        }
        if (check.blocked()) {
            throw new MessagingRefusal(MessagingRefusal.BLOCKED);
        }
        if (check.mutedInGroup()) {
            throw new MessagingRefusal(MessagingRefusal.MUTED_IN_GROUP);
        }
    }

    /** The text as stored (NFC, trimmed); refused when empty or longer than {@value #MAX_TEXT} characters. */
    static String text(String text) {
        String clean = caption(text);
        if (clean.isEmpty()) {
            throw new MessagingRefusal(MessagingRefusal.EMPTY);
        }
        return clean;
    }

    /** The text of a message with an image, which may be empty; refused when longer than {@value #MAX_TEXT}. */
    static String caption(String text) {
        String clean = PostText.normalise(text);
        if (PostText.length(clean) > MAX_TEXT) {
            throw new MessagingRefusal(MessagingRefusal.TOO_LONG, MAX_TEXT);
        }
        return clean;
    }

    /**
     * The newest {@code limit} messages before {@code beforeSeq} (null: the newest), oldest first;
     * the next "older messages" page is before the first one's seq.
     */
    public List<MessageView> history(String memberId, String conversationId, Long beforeSeq, int limit) {
        requireParticipant(memberId, conversationId);
        return messages.history(memberId, conversationId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, page(limit));
    }

    /** Catch-up after a reconnect: the messages after {@code afterSeq}, oldest first, at most {@code limit}. */
    List<MessageView> after(String memberId, String conversationId, long afterSeq, int limit) {
        requireParticipant(memberId, conversationId);
        return messages.after(memberId, conversationId, afterSeq, page(limit));
    }

    private static int page(int limit) {
        return Math.clamp(limit, 1, MAX_PAGE);
    }

    private void requireParticipant(String memberId, String conversationId) {
        if (!isParticipant(memberId, conversationId)) {
            throw new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT);
        }
    }

    /** One's own message in that conversation, for its edit and delete forms. */
    /** Whether the member sees this message of the conversation (someone else's included): what they may not change answers 403. */
    boolean sees(String memberId, String conversationId, String messageId) {
        return messages.sees(memberId, conversationId, messageId);
    }

    Optional<MessageView> own(String memberId, String conversationId, String messageId) {
        return messages.own(memberId, messageId).filter(m -> m.conversationId().equals(conversationId)
                && isParticipant(memberId, conversationId));
    }

    /**
     * Changes the text of one's own message, never its image (refused as {@link #send} for a too long
     * text, or an empty one unless the message has an image).
     */
    MessageView edit(String memberId, String messageId, String text) {
        String clean = caption(text);
        if (clean.isEmpty() && messages.own(memberId, messageId).map(m -> m.image() == null).orElse(true)) {
            throw new MessagingRefusal(MessagingRefusal.EMPTY);
        }
        if (suspensions.suspended(memberId)) {
            throw new MessagingRefusal(MessagingRefusal.SUSPENDED);
        }
        var stored = messages.edit(memberId, messageId, clean)
                .orElseThrow(() -> new MessagingRefusal(MessagingRefusal.NOT_YOURS));
        events.publishEvent(new MessageEdited(stored.message(), stored.recipients()));
        return stored.message();
    }

    /** Deletes one's own message: its text and image are gone, its place stays ("message deleted"). */
    public void delete(String memberId, String messageId) {
        var stored = messages.delete(memberId, messageId)
                .orElseThrow(() -> new MessagingRefusal(MessagingRefusal.NOT_YOURS));
        // After the commit: a failure here leaves a file nobody can reach, never a message without its file.
        stored.imageIds().forEach(imageStore::delete);
        MessageView m = stored.message();
        events.publishEvent(new MessageDeleted(m.conversationId(), m.id(), m.seq(), stored.recipients()));
    }

    /**
     * The member has read up to {@code seq}. The mark only moves forward; the event goes out when it
     * moved, to everyone when the reader shows read receipts, else to the reader's own sessions only.
     */
    public void markRead(String memberId, String conversationId, long seq) {
        var read = readMarks.markRead(memberId, conversationId, seq)
                .orElseThrow(() -> new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT));
        if (read.after() > read.before()) {
            List<String> to = read.receipts() ? read.recipients() : List.of(memberId);
            events.publishEvent(new ConversationRead(conversationId, memberId, read.handle(), read.after(), read.receipts(), to));
        }
    }

    /** Leaves a direct or ad-hoc conversation (its history stays for the others); a group chat is left with its group. */
    void leave(String memberId, String conversationId) {
        var view = open(memberId, conversationId).orElseThrow(() -> new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT));
        if (view.group()) {
            throw new MessagingRefusal(MessagingRefusal.LEAVE_GROUP_CHAT);
        }
        conversations.leave(memberId, conversationId);
    }

    /** Muted: no notification nor header count for this conversation; its unread count stays on the list. */
    void mute(String memberId, String conversationId, boolean muted) {
        if (!conversations.mute(memberId, conversationId, muted)) {
            throw new MessagingRefusal(MessagingRefusal.NOT_PARTICIPANT);
        }
    }

    /** Whether {@code memberId} may write to {@code otherId}: start a conversation, or go on with one. */
    @Override
    public boolean mayWrite(String memberId, String otherId) {
        return memberId != null && otherId != null && conversations.mayWrite(memberId, otherId);
    }

    MessagingSettings settings(String memberId) {
        return memberSettings.settings(memberId);
    }

    void saveSettings(String memberId, MessagingSettings settings) {
        memberSettings.saveSettings(memberId, settings);
    }

    /** Whether others may see the member online (for presence). */
    boolean presenceVisible(String memberId) {
        return memberSettings.settings(memberId).presenceVisible();
    }

    @EventListener
    void joinedGroup(GroupEvents.MemberJoined joined) {
        readMarks.joinedGroup(joined.group(), joined.member());
    }

    /** Handles as members type them: with or without {@code @}, any case. */
    static String handle(String typed) {
        String h = typed == null ? "" : typed.strip();
        if (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /** Handles separated by commas, semicolons or spaces, as the new-conversation form takes them. */
    static List<String> handles(String typed) {
        List<String> out = new ArrayList<>();
        for (String part : (typed == null ? "" : typed).split("[\\s,;]+")) {
            if (!part.isBlank()) {
                out.add(handle(part));
            }
        }
        return out;
    }
}
