package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Who takes part in a conversation, on the real embedded Neo4j: blocks between members, people
 * outside it, ad hoc chats (their size, leaving them), a group's chat and its members, suspended
 * members.
 */
class ConversationMembershipTest extends MessagingTestSupport {

    @Test
    void blockedPairsCannotStartNorContinueADirectConversation() {
        String c = direct();
        messaging.send(ana, c, "1", "Avant");
        social.block(leo, ana);
        assertRefused(() -> messaging.send(ana, c, "2", "Après"), MessagingRefusal.BLOCKED);
        assertRefused(() -> messaging.send(leo, c, "3", "Après"), MessagingRefusal.BLOCKED);
        // issue 17: starting is refused with the words of a member's choice, which name nobody
        assertRefused(() -> messaging.startDirect(ana, "leo"), MessagingRefusal.NOT_ALLOWED);
        assertRefused(() -> messaging.startDirect(leo, "ana"), MessagingRefusal.NOT_ALLOWED);
        assertRefused(() -> messaging.startAdhoc(ana, "", List.of("zoe", "leo")), MessagingRefusal.NOT_ALLOWED);
        assertThat(messages()).isEqualTo(1);
        assertThat(messaging.open(ana, c).orElseThrow().sendRefusal()).isEqualTo(MessagingRefusal.BLOCKED);
        assertThat(messaging.history(ana, c, null, 10)).hasSize(1);
    }

    @Test
    void inAdhocChatsBlockedMembersDoNotSeeEachOther() {
        String g = messaging.startAdhoc(ana, "Trio", List.of("leo", "zoe")).id();
        social.block(zoe, leo);
        Sent fromLeo = messaging.send(leo, g, "1", "De Léo");
        messaging.send(ana, g, "2", "D’Ana");
        var sent = (MessageSent) published.getFirst();
        assertThat(sent.message().id()).isEqualTo(fromLeo.message().id());
        assertThat(sent.recipientIds()).containsExactlyInAnyOrder(ana, leo);
        assertThat(messaging.history(zoe, g, null, 10)).extracting(MessageView::text).containsExactly("D’Ana");
        assertThat(messaging.history(ana, g, null, 10)).hasSize(2);
    }

    @Test
    void nonParticipantsCanDoNothing() {
        String c = direct();
        messaging.send(ana, c, "1", "Privé");
        String messageId = messaging.history(ana, c, null, 1).getFirst().id();
        assertThat(messaging.isParticipant(zoe, c)).isFalse();
        assertThat(messaging.isParticipant(zoe, "no-such-conversation")).isFalse();
        assertThat(messaging.open(zoe, c)).isEmpty();
        assertRefused(() -> messaging.send(zoe, c, "1", "Intrus"), MessagingRefusal.NOT_PARTICIPANT);
        assertRefused(() -> messaging.history(zoe, c, null, 10), MessagingRefusal.NOT_PARTICIPANT);
        assertRefused(() -> messaging.after(zoe, c, 0, 10), MessagingRefusal.NOT_PARTICIPANT);
        assertRefused(() -> messaging.markRead(zoe, c, 1), MessagingRefusal.NOT_PARTICIPANT);
        assertRefused(() -> messaging.mute(zoe, c, true), MessagingRefusal.NOT_PARTICIPANT);
        assertRefused(() -> messaging.leave(zoe, c), MessagingRefusal.NOT_PARTICIPANT);
        assertRefused(() -> messaging.edit(zoe, messageId, "Changé"), MessagingRefusal.NOT_YOURS);
        assertRefused(() -> messaging.delete(zoe, messageId), MessagingRefusal.NOT_YOURS);
        assertThat(messaging.conversations(zoe)).isEmpty();
        assertThat(messages()).isEqualTo(1);
        assertThat(count("MATCH (:Member {id: $z})-[r:IN_CONVERSATION]->() RETURN count(r)", "z", zoe)).isZero();
    }

    @Test
    void anAdhocConversationHoldsAtMostFiftyMembers() {
        List<String> handles = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            members.create("member_" + i);
            handles.add("member_" + i);
        }
        everyoneTakesMessages();
        assertRefused(() -> messaging.startAdhoc(ana, "Trop", handles), MessagingRefusal.TOO_MANY);
        var ok = messaging.startAdhoc(ana, "Juste", handles.subList(0, 49));
        assertThat(messaging.open(ana, ok.id()).orElseThrow().participants()).hasSize(50);
        assertThatThrownBy(() -> messaging.startAdhoc(ana, "Inconnus", List.of("leo", "nobody_1", "nobody_2")))
                .isInstanceOfSatisfying(MessagingRefusal.class, e -> {
                    assertThat(e.key()).isEqualTo(MessagingRefusal.UNKNOWN_MEMBER);
                    assertThat(e.handles()).containsExactly("nobody_1", "nobody_2");
                });
        assertRefused(() -> messaging.startAdhoc(ana, "Seule", List.of("ana")), MessagingRefusal.NO_PARTICIPANT);
        assertRefused(() -> messaging.startAdhoc(ana, "x".repeat(101), List.of("leo")), MessagingRefusal.TITLE_TOO_LONG);
        assertThat(Messaging.handles("@leo, Zoe;ana  bob")).containsExactly("leo", "zoe", "ana", "bob");
    }

    @Test
    void leavingAnAdhocConversationKeepsItsHistoryForTheOthers() {
        String g = messaging.startAdhoc(ana, "Trio", List.of("leo", "zoe")).id();
        messaging.send(zoe, g, "1", "Au revoir");
        messaging.leave(zoe, g);
        assertThat(messaging.isParticipant(zoe, g)).isFalse();
        assertThat(messaging.conversations(zoe)).isEmpty();
        assertRefused(() -> messaging.send(zoe, g, "2", "Encore"), MessagingRefusal.NOT_PARTICIPANT);
        assertThat(messaging.history(ana, g, null, 10)).extracting(MessageView::text).containsExactly("Au revoir");
        assertThat(messaging.open(ana, g).orElseThrow().participants()).extracting(ConversationView.Participant::handle)
                .containsExactly("ana", "leo");
        messaging.send(ana, g, "3", "Bon voyage");
        assertThat(((MessageSent) published.getLast()).recipientIds()).containsExactlyInAnyOrder(ana, leo);
    }

    @Test
    void aGroupChatBelongsToTheGroupsMembers() {
        String groupId = java.util.UUID.randomUUID().toString();
        graph.write("""
                MATCH (a:Member {id: $ana}), (l:Member {id: $leo})
                CREATE (g:Group {id: $id, slug: 'club', name: 'Le club', kind: 'public', createdAt: datetime()})
                CREATE (a)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g), (l)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                """, Map.of("ana", ana, "leo", leo, "id", groupId));
        var chat = messaging.groupChat(ana, groupId);
        assertThat(chat.created()).isTrue();
        assertThat(messaging.groupChat(leo, groupId).id()).isEqualTo(chat.id());
        assertRefused(() -> messaging.groupChat(zoe, groupId), MessagingRefusal.NOT_GROUP_MEMBER);
        messaging.send(leo, chat.id(), "1", "Bienvenue au club");
        assertThat(messaging.open(ana, chat.id()).orElseThrow().title()).isEqualTo("Le club");
        assertThat(messaging.conversations(ana)).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("group");
            assertThat(s.groupSlug()).isEqualTo("club");
            assertThat(s.unread()).isEqualTo(1);
        });
        assertRefused(() -> messaging.send(zoe, chat.id(), "2", "Je peux ?"), MessagingRefusal.NOT_PARTICIPANT);
        // joining the group gives access, from now on (the past is not "unread")
        graph.write("""
                MATCH (z:Member {id: $zoe}), (g:Group {id: $id}) CREATE (z)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                """, Map.of("zoe", zoe, "id", groupId));
        context.publishEvent(new org.rampe.groups.GroupEvents.MemberJoined(groupId, zoe));
        assertThat(messaging.isParticipant(zoe, chat.id())).isTrue();
        assertThat(messaging.unreadTotal(zoe)).isZero();
        messaging.send(zoe, chat.id(), "2", "Merci");
        assertThat(((MessageSent) published.getLast()).recipientIds()).containsExactlyInAnyOrder(ana, leo, zoe);
        assertRefused(() -> messaging.leave(zoe, chat.id()), MessagingRefusal.LEAVE_GROUP_CHAT);
        // muted in the group: reads, cannot write
        graph.write("""
                MATCH (z:Member {id: $zoe}), (g:Group {id: $id}) CREATE (z)-[:MUTED_IN {until: null}]->(g)
                """, Map.of("zoe", zoe, "id", groupId));
        assertRefused(() -> messaging.send(zoe, chat.id(), "3", "Encore"), MessagingRefusal.MUTED_IN_GROUP);
        // leaving the group takes the chat away
        graph.write("MATCH (:Member {id: $leo})-[r:MEMBER_OF]->() DELETE r", Map.of("leo", leo));
        assertThat(messaging.open(leo, chat.id())).isEmpty();
        assertThat(messaging.conversations(leo)).isEmpty();
    }

    @Test
    void suspendedMembersCannotSend() {
        String c = direct();
        // As a decision writes it, then tells every instance to forget what they kept of Ana (moderation's event).
        graph.write("MATCH (m:Member {id: $id}) SET m.suspendedUntil = datetime('9999-12-31T00:00:00Z')", Map.of("id", ana));
        context.publishEvent(new org.rampe.moderation.ModerationEvents.DecisionTaken("a-decision", ana));
        assertRefused(() -> messaging.send(ana, c, "1", "Bonjour"), MessagingRefusal.SUSPENDED);
        assertThat(messages()).isZero();
    }
}
