package org.rampe.emails;

import java.util.List;
import java.util.Optional;

import org.rampe.members.MemberId;
import org.rampe.members.Members;
import org.rampe.members.Recipient;
import org.rampe.messaging.Connections;
import org.rampe.messaging.ConversationRead;
import org.rampe.messaging.MessageSent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages while away: a participant with no live session (messaging's {@link Connections}) is
 * told of a new message by mail, or in the digest, as their "messages" choice says, at most once
 * per conversation until they have read it (a mark in the graph, cleared by their read mark). Not
 * from a member they block, who blocks them or whom they muted, and not for a conversation they
 * muted. The mail names the sender and links to the conversation, never what was written.
 */
@Component
class AwayMessages {

    private static final Logger log = LoggerFactory.getLogger(AwayMessages.class);

    private final EmailsRepository repository;
    private final Connections connections;
    private final Members members;
    private final NotificationEmails emails;

    AwayMessages(EmailsRepository repository, Connections connections, Members members, NotificationEmails emails) {
        this.repository = repository;
        this.connections = connections;
        this.members = members;
        this.emails = emails;
    }

    @EventListener
    void on(MessageSent e) {
        String sender = e.message().authorId();
        String conversation = e.message().conversationId();
        try {
            // Who is connected is in memory: the graph is asked only about those who are away.
            List<String> away = e.recipientIds().stream()
                    .filter(id -> !id.equals(sender) && !connections.connected(id)).toList();
            if (away.isEmpty()) {
                return;
            }
            for (var marked : repository.markAway(conversation, sender, away)) {
                Optional<Recipient> to = members.mailRecipient(new MemberId(marked.member()));
                if (to.isEmpty()) {
                    continue;
                }
                Happening h = Happening.message(marked.member(), sender, conversation);
                if (marked.choice() == EmailChoice.IMMEDIATELY) {
                    emails.sendNow(to.get(), h, marked.names());
                } else {
                    repository.addToDigest(h);
                }
            }
        } catch (RuntimeException ex) {
            log.warn("No mail about a message in conversation {}: {}", conversation, ex.toString());
        }
    }

    @EventListener
    void on(ConversationRead e) {
        try {
            repository.clearAway(e.memberId(), e.conversationId());
        } catch (RuntimeException ex) {
            log.warn("Conversation {} read by {} still marked as mailed: {}", e.conversationId(), e.memberId(), ex.toString());
        }
    }
}
