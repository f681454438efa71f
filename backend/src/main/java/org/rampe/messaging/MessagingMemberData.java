package org.rampe.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rampe.images.ImageStore;
import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Messages a member sent, the conversations they are in, and their messaging settings.
 *
 * <p>Archive: {@code messages.json} (their settings, among them who may message them; the conversations with the other participants' handles only,
 * and the messages they sent) and the images of their messages ({@code images/message-<id>.jpg}).
 *
 * <p>Erasure, whatever the member chose for posts: every message they sent becomes a deleted
 * message of the former member (text, edit time and image gone, its place kept, so that the
 * others read "former member: message deleted" where it was), redrawn live on open pages; a
 * direct or ad-hoc conversation they were the last one in is deleted whole; their places in
 * conversations (read marks, mutes), the pair keys naming them and their settings go.
 */
@Component
class MessagingMemberData implements MemberData {

    private final MemberMessagesRepository repository;
    private final ConversationRepository conversations;
    private final ImageStore images;
    private final ApplicationEventPublisher events;
    private final MemberSettingsRepository settings;

    MessagingMemberData(MemberMessagesRepository repository, ConversationRepository conversations, ImageStore images,
                        ApplicationEventPublisher events, MemberSettingsRepository settings) {
        this.settings = settings;
        this.repository = repository;
        this.conversations = conversations;
        this.images = images;
        this.events = events;
    }

    @Override
    public Coverage covers() {
        return new Coverage("messaging",
                Set.of("SENT", "IN_CONVERSATION"),
                Set.of("readReceipts", "presenceVisible", "messagesFrom"));
    }

    @Override
    public void export(MemberArchive archive) {
        String member = archive.member().value();
        var chosen = settings.settings(member);
        archive.json("messages.json", json -> json.field("format", 1)
                .field("settings", new Settings(chosen.readReceipts(), chosen.presenceVisible(), chosen.messagesFrom().key()))
                .array("conversations", items -> repository.conversations(member, items::add))
                .array("messages", items -> repository.messages(member, items::add)));
        // After the JSON file: an archive writes one entry at a time.
        repository.images(member, image -> images.get(image.id())
                .ifPresent(jpeg -> archive.image("message-" + image.id(), jpeg, image.alt())));
    }

    /** The member's messaging settings as the archive shows them ({@code messagesFrom}: who may start a conversation with them). */
    record Settings(boolean readReceipts, boolean presenceVisible, String messagesFrom) {
    }

    @Override
    public void erase(Erasure erasure) {
        String member = erasure.member().value();
        for (var removed = repository.deleteMessagesOfLonelyConversations(member); removed.messages() > 0;
             removed = repository.deleteMessagesOfLonelyConversations(member)) {
            removed.imageIds().forEach(images::delete);
        }
        while (repository.deleteLonelyConversations(member) > 0) {
            // another batch
        }
        repository.formerMember(Erasure.FORMER_MEMBER_ID);
        for (var batch = repository.anonymiseSent(member, Erasure.FORMER_MEMBER_ID, erasure.at()); !batch.isEmpty();
             batch = repository.anonymiseSent(member, Erasure.FORMER_MEMBER_ID, erasure.at())) {
            batch.forEach(m -> m.imageIds().forEach(images::delete));
            tellLive(batch);
        }
        while (repository.forgetPairKeys(member) > 0) {
            // another batch
        }
        while (repository.leaveConversations(member) > 0) {
            // another batch
        }
        repository.forgetSettings(member);
    }

    /**
     * The open pages of the others draw each message again in its place as the page now does: a
     * deleted message of the former member. An author's deletion ({@link MessageDeleted}) only
     * takes the text away and would leave the author's name; a redrawn message ({@link MessageEdited})
     * carries the new author too (no handle, no name: the page's words for a former member).
     */
    private void tellLive(List<MemberMessagesRepository.Anonymised> batch) {
        Map<String, List<String>> recipients = new HashMap<>();
        List<MessageEdited> redrawn = new ArrayList<>(batch.size());
        for (var m : batch) {
            var to = recipients.computeIfAbsent(m.conversationId(), conversations::participantIds);
            var view = new MessageView(m.messageId(), m.conversationId(), m.seq(), null, Erasure.FORMER_MEMBER_ID, null, null,
                    "", "", m.createdAt(), null, true, null);
            redrawn.add(new MessageEdited(view, to));
        }
        redrawn.forEach(events::publishEvent);
    }
}
