package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.rampe.graph.GraphProperties;
import org.rampe.images.ImageStore;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.mock.web.MockMultipartFile;

/** The messaging service on the real embedded Neo4j: storing once, order, reading, rules and events. */
class MessagingTest extends RampeTest {

    @Autowired
    Messaging messaging;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    SendThrottle throttle;

    @Autowired
    MessageRepository repository;

    @Autowired
    MessageImages images;

    @Autowired
    ImageStore store;

    @Autowired
    GraphProperties graphProperties;

    SocialFixtures social;
    String ana;
    String leo;
    String zoe;

    /** Events as they are published, each with whether its message was already readable then. */
    final List<Object> published = new CopyOnWriteArrayList<>();
    final List<Boolean> storedWhenPublished = new CopyOnWriteArrayList<>();
    ApplicationListener<PayloadApplicationEvent<?>> listener;

    @BeforeEach
    void members() {
        social = new SocialFixtures(graph, context);
        ana = members.create("ana");
        leo = members.create("leo");
        zoe = members.create("zoe");
        listener = e -> {
            Object payload = e.getPayload();
            if (payload instanceof MessageSent sent) {
                published.add(sent);
                storedWhenPublished.add(count("MATCH (x:Message {id: $id}) RETURN count(x)", "id", sent.message().id()) == 1);
            } else if (payload instanceof MessageEdited || payload instanceof MessageDeleted || payload instanceof ConversationRead) {
                published.add(payload);
            }
        };
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    long count(String query, Object... pairs) {
        Map<String, Object> params = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put((String) pairs[i], pairs[i + 1]);
        }
        return graph.count(query, params);
    }

    long messages() {
        return count("MATCH (x:Message) RETURN count(x)");
    }

    String direct() {
        return messaging.startDirect(ana, "leo").id();
    }

    @Test
    void aDirectConversationIsOnePerPairAndReopensForBoth() {
        var first = messaging.startDirect(ana, "@Leo");
        var again = messaging.startDirect(leo, "ana");
        assertThat(first.created()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.created()).isFalse();
        messaging.leave(ana, first.id());
        assertThat(messaging.open(ana, first.id())).isEmpty();
        messaging.send(leo, first.id(), "c1", "Tu es là ?");
        assertThat(messaging.isParticipant(ana, first.id())).as("a new message brings the other back").isTrue();
        assertThat(messaging.unreadTotal(ana)).isEqualTo(1);
        assertThatThrownBy(() -> messaging.startDirect(ana, "ana")).isInstanceOf(MessagingRefusal.class);
        assertThatThrownBy(() -> messaging.startDirect(ana, "nobody_here"))
                .satisfies(e -> assertThat(((MessagingRefusal) e).key()).isEqualTo(MessagingRefusal.UNKNOWN_MEMBER));
    }

    @Test
    void sendingTheSameClientIdTwiceStoresOneMessage() {
        String c = direct();
        Sent first = messaging.send(ana, c, "client-1", "Bonjour");
        Sent second = messaging.send(ana, c, "client-1", "Bonjour");
        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.message().id()).isEqualTo(first.message().id());
        assertThat(second.message().clientId()).isEqualTo("client-1");
        assertThat(messages()).isEqualTo(1);
        assertThat(published).hasSize(1);
        // another member may use the same client id: keys are per sender
        assertThat(messaging.send(leo, c, "client-1", "Salut").duplicate()).isFalse();
        assertThat(messages()).isEqualTo(2);
    }

    @Test
    void concurrentSendsOfOneClientIdStoreOneMessage() throws Exception {
        String c = direct();
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String clientId = "same-" + round;
                // each racing copy passes the first check and takes from the allowance: not what is tested here
                throttle.clear();
                var start = new CountDownLatch(1);
                List<Future<Sent>> futures = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    futures.add(pool.submit((Callable<Sent>) () -> {
                        start.await();
                        return messaging.send(ana, c, clientId, "Une fois " + clientId);
                    }));
                }
                start.countDown();
                List<Sent> results = new ArrayList<>();
                for (var f : futures) {
                    results.add(f.get());
                }
                assertThat(results).filteredOn(s -> !s.duplicate()).hasSize(1);
                assertThat(results).extracting(s -> s.message().id()).containsOnly(results.getFirst().message().id());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(messages()).isEqualTo(5);
        assertThat(count("MATCH (x:Message) RETURN max(x.seq)")).isEqualTo(5);
    }

    @Test
    void seqIncreasesByOneWithoutGapsUnderConcurrentSenders() throws Exception {
        String c = messaging.startAdhoc(ana, "Sortie", List.of("leo", "zoe")).id();
        var pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Sent>> futures = new ArrayList<>();
            for (String who : List.of(ana, leo, zoe)) {
                for (int i = 0; i < 10; i++) {
                    String clientId = "m" + i;
                    futures.add(pool.submit(() -> messaging.send(who, c, clientId, "Message " + clientId)));
                }
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        var all = messaging.history(ana, c, null, 100);
        assertThat(all).extracting(MessageView::seq).containsExactlyElementsOf(IntStream.rangeClosed(1, 30).mapToObj(i -> (long) i).toList());
        assertThat(messaging.open(ana, c).orElseThrow().lastSeq()).isEqualTo(30);
    }

    @Test
    void historyPagesByKeysetAndCatchUpStartsAfterASeq() {
        String c = direct();
        for (int i = 1; i <= 12; i++) {
            messaging.send(i % 2 == 0 ? ana : leo, c, "k" + i, "Message " + i);
        }
        var newest = messaging.history(ana, c, null, 5);
        assertThat(newest).extracting(MessageView::seq).containsExactly(8L, 9L, 10L, 11L, 12L);
        var older = messaging.history(ana, c, newest.getFirst().seq(), 5);
        assertThat(older).extracting(MessageView::seq).containsExactly(3L, 4L, 5L, 6L, 7L);
        var oldest = messaging.history(ana, c, older.getFirst().seq(), 5);
        assertThat(oldest).extracting(MessageView::seq).containsExactly(1L, 2L);
        assertThat(messaging.after(leo, c, 9, 50)).extracting(MessageView::seq).containsExactly(10L, 11L, 12L);
        assertThat(messaging.after(leo, c, 2, 3)).extracting(MessageView::seq).containsExactly(3L, 4L, 5L);
        assertThat(messaging.after(leo, c, 12, 50)).isEmpty();
        var m = newest.getLast();
        assertThat(m.authorHandle()).isEqualTo("ana");
        assertThat(m.authorName()).isEqualTo("Ana");
        assertThat(m.html()).isEqualTo("<p>Message 12</p>");
        assertThat(m.createdAt()).isNotNull();
    }

    @Test
    void unreadCountsFollowTheReadMarkWhichOnlyMovesForward() {
        String c = direct();
        String g = messaging.startAdhoc(ana, "Trio", List.of("leo", "zoe")).id();
        messaging.send(ana, c, "1", "Un");
        messaging.send(ana, c, "2", "Deux");
        messaging.send(ana, g, "3", "Trois");
        assertThat(messaging.unreadTotal(leo)).isEqualTo(3);
        assertThat(messaging.unreadTotal(ana)).as("one's own messages are read").isZero();
        var list = messaging.conversations(leo);
        assertThat(list).extracting(ConversationSummary::id).containsExactly(g, c);
        assertThat(list).extracting(ConversationSummary::unread).containsExactly(1L, 2L);
        assertThat(list.get(1).otherHandle()).isEqualTo("ana");
        assertThat(list.get(1).lastExcerpt()).isEqualTo("Deux");
        assertThat(list.getFirst().title()).isEqualTo("Trio");

        messaging.markRead(leo, c, 1);
        assertThat(messaging.unreadTotal(leo)).isEqualTo(2);
        messaging.markRead(leo, c, 0);
        assertThat(messaging.unreadTotal(leo)).as("never back").isEqualTo(2);
        messaging.markRead(leo, c, 99);
        assertThat(messaging.open(leo, c).orElseThrow().readSeq()).as("never past the last").isEqualTo(2);
        assertThat(messaging.unreadTotal(leo)).isEqualTo(1);
        assertThat(published).filteredOn(e -> e instanceof ConversationRead).hasSize(2);
        var read = (ConversationRead) published.stream().filter(e -> e instanceof ConversationRead).toList().getLast();
        assertThat(read.seq()).isEqualTo(2);
        assertThat(read.handle()).isEqualTo("leo");
        assertThat(read.receiptsVisible()).isTrue();
        assertThat(read.recipientIds()).containsExactlyInAnyOrder(ana, leo);

        messaging.mute(leo, g, true);
        assertThat(messaging.unreadTotal(leo)).as("muted conversations leave the header count").isZero();
        assertThat(messaging.conversations(leo).getFirst().unread()).isEqualTo(1);
    }

    @Test
    void readReceiptsSwitchedOffAreToldToTheReaderOnly() {
        String c = direct();
        messaging.send(ana, c, "1", "Un");
        messaging.saveSettings(leo, new MessagingSettings(false, false));
        assertThat(messaging.settings(leo)).isEqualTo(new MessagingSettings(false, false));
        assertThat(messaging.presenceVisible(leo)).isFalse();
        assertThat(messaging.settings(ana)).isEqualTo(new MessagingSettings(true, true));
        messaging.markRead(leo, c, 1);
        var read = (ConversationRead) published.stream().filter(e -> e instanceof ConversationRead).findFirst().orElseThrow();
        assertThat(read.receiptsVisible()).isFalse();
        assertThat(read.recipientIds()).containsExactly(leo);
        assertThat(messaging.open(ana, c).orElseThrow().participants())
                .filteredOn(p -> p.handle().equals("leo")).singleElement()
                .satisfies(p -> assertThat(p.readReceipts()).isFalse());
    }

    @Test
    void blockedPairsCannotStartNorContinueADirectConversation() {
        String c = direct();
        messaging.send(ana, c, "1", "Avant");
        social.block(leo, ana);
        assertRefused(() -> messaging.send(ana, c, "2", "Après"), MessagingRefusal.BLOCKED);
        assertRefused(() -> messaging.send(leo, c, "3", "Après"), MessagingRefusal.BLOCKED);
        assertRefused(() -> messaging.startDirect(ana, "leo"), MessagingRefusal.BLOCKED);
        assertRefused(() -> messaging.startDirect(leo, "ana"), MessagingRefusal.BLOCKED);
        assertRefused(() -> messaging.startAdhoc(ana, "", List.of("zoe", "leo")), MessagingRefusal.BLOCKED);
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
    void membersEditAndDeleteTheirOwnMessagesOnly() {
        String c = direct();
        var m = messaging.send(ana, c, "1", "Premier jet").message();
        assertRefused(() -> messaging.edit(leo, m.id(), "Pas à moi"), MessagingRefusal.NOT_YOURS);
        assertRefused(() -> messaging.delete(leo, m.id()), MessagingRefusal.NOT_YOURS);
        var edited = messaging.edit(ana, m.id(), "Version <b>finale</b>");
        assertThat(edited.editedAt()).isNotNull();
        assertThat(edited.html()).isEqualTo("<p>Version &lt;b&gt;finale&lt;/b&gt;</p>");
        assertRefused(() -> messaging.edit(ana, m.id(), "   "), MessagingRefusal.EMPTY);
        messaging.delete(ana, m.id());
        var after = messaging.history(leo, c, null, 10).getFirst();
        assertThat(after.deleted()).isTrue();
        assertThat(after.text()).isEmpty();
        assertThat(after.html()).isEmpty();
        assertThat(after.seq()).isEqualTo(1);
        assertThat(count("MATCH (x:Message) WHERE x.text CONTAINS 'finale' RETURN count(x)")).isZero();
        assertRefused(() -> messaging.edit(ana, m.id(), "Ressuscité"), MessagingRefusal.NOT_YOURS);
        assertThat(published).hasAtLeastOneElementOfType(MessageEdited.class).hasAtLeastOneElementOfType(MessageDeleted.class);
        var deleted = published.stream().filter(e -> e instanceof MessageDeleted).map(e -> (MessageDeleted) e).findFirst().orElseThrow();
        assertThat(deleted.seq()).isEqualTo(1);
        assertThat(deleted.recipientIds()).containsExactlyInAnyOrder(ana, leo);
    }

    @Test
    void emptyTooLongAndTooFastAreRefusedAndNothingIsStored() {
        String c = direct();
        assertRefused(() -> messaging.send(ana, c, "e", " \n\t "), MessagingRefusal.EMPTY);
        assertRefused(() -> messaging.send(ana, c, "l", "é".repeat(5_001)), MessagingRefusal.TOO_LONG);
        assertThat(messaging.send(ana, c, "ok", "😀".repeat(5_000)).duplicate()).as("5,000 characters, not UTF-16 units").isFalse();
        for (int i = 1; i < SendThrottle.PER_MINUTE; i++) {
            messaging.send(ana, c, "r" + i, "Vite " + i);
        }
        assertThat(messages()).isEqualTo(SendThrottle.PER_MINUTE);
        assertRefused(() -> messaging.send(ana, c, "one-too-many", "Trop vite"), MessagingRefusal.RATE_LIMITED);
        assertThat(messages()).isEqualTo(SendThrottle.PER_MINUTE);
        assertThat(messaging.send(ana, c, "r1", "Vite 1").duplicate()).as("a resend is answered even when throttled").isTrue();
        assertThat(messaging.send(leo, c, "other", "Moi je peux").duplicate()).isFalse();
        assertThat(published).hasSize(SendThrottle.PER_MINUTE + 1);
    }

    @Test
    void resendsAndRefusalsDoNotUseUpTheAllowance() {
        String c = direct();
        messaging.send(ana, c, "first", "Bonjour");
        for (int i = 0; i < SendThrottle.PER_MINUTE; i++) {
            assertThat(messaging.send(ana, c, "first", "Bonjour").duplicate()).isTrue();
            assertRefused(() -> messaging.send(zoe, c, "intrus", "Coucou"), MessagingRefusal.NOT_PARTICIPANT);
        }
        for (int i = 1; i < SendThrottle.PER_MINUTE; i++) {
            assertThat(messaging.send(ana, c, "n" + i, "Encore " + i).duplicate()).isFalse();
        }
        assertThat(messages()).isEqualTo(SendThrottle.PER_MINUTE);
        assertRefused(() -> messaging.send(ana, c, "one-too-many", "Trop vite"), MessagingRefusal.RATE_LIMITED);
    }

    @Test
    void eventsArePublishedAfterTheCommitWithTheParticipants() {
        String c = direct();
        messaging.send(ana, c, "1", "Bonjour");
        messaging.send(leo, c, "2", "Salut");
        assertThat(storedWhenPublished).containsExactly(true, true);
        var sent = (MessageSent) published.getFirst();
        assertThat(sent.recipientIds()).containsExactlyInAnyOrder(ana, leo);
        assertThat(sent.message().seq()).isEqualTo(1);
        assertThat(sent.message().html()).isEqualTo("<p>Bonjour</p>");
    }

    @Test
    void textIsRenderedSafelyAsPostsAreWithMentionsAsPlainText() {
        String c = direct();
        var m = messaging.send(ana, c, "x", "<script>alert(1)</script> @leo https://example.org/a?b=1&c=2\n\nfin").message();
        assertThat(m.html()).doesNotContain("<script").contains("&lt;script&gt;").contains("@leo")
                .doesNotContain("class=\"mention\"")
                .contains("<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">")
                .endsWith("<p>fin</p>");
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
        graph.write("MATCH (m:Member {id: $id}) SET m.suspendedUntil = datetime('9999-12-31T00:00:00Z')", Map.of("id", ana));
        var suspensions = context.getBean(org.rampe.moderation.Suspensions.class);
        try {
            suspendInMemory(suspensions, ana);
            assertRefused(() -> messaging.send(ana, c, "1", "Bonjour"), MessagingRefusal.SUSPENDED);
            assertThat(messages()).isZero();
        } finally {
            liftInMemory(suspensions, ana);
        }
    }

    // ---- images ----------------------------------------------------------------------------

    static MockMultipartFile upload(byte[] bytes) {
        return new MockMultipartFile("image", "photo.png", "image/png", bytes);
    }

    long imageFiles() {
        try (var files = Files.list(graphProperties.dataDir().toAbsolutePath().normalize().resolve("photos"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jpg")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long imageNodes() {
        return count("MATCH (:Message)-[:HAS_IMAGE]->(i:Image) RETURN count(i)");
    }

    @Test
    void aMessageCarriesOneImageCleanedAsPostImagesWithItsAltText() {
        String c = direct();
        long files = imageFiles();
        Sent sent = images.send(ana, c, "img-1", "Regarde la rampe",
                upload(TestImages.jpegWithGpsExif(64, 48)), "  Une rampe\n en bois ");
        MessageImage image = sent.message().image();
        assertThat(image).isNotNull();
        assertThat(image.alt()).as("normalised on one line").isEqualTo("Une rampe en bois");
        assertThat(image.width()).isEqualTo(64);
        assertThat(image.height()).isEqualTo(48);
        byte[] jpeg = store.get(image.id()).orElseThrow();
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).as("re-encoded as JPEG").isEqualTo(0xd8);
        assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).as("metadata stripped").doesNotContain(TestImages.GPS_MARKER);
        assertThat(imageFiles()).isEqualTo(files + 1);
        assertThat(count("MATCH (:Message {id: $id})-[:HAS_IMAGE]->(i:Image {alt: 'Une rampe en bois', width: 64, height: 48}) RETURN count(i)",
                "id", sent.message().id())).isEqualTo(1);
        assertThat(messaging.history(leo, c, null, 10).getFirst().image()).isEqualTo(image);
        assertThat(messaging.after(leo, c, 0, 10).getFirst().image()).isEqualTo(image);
        assertThat(((MessageSent) published.getFirst()).message().image()).as("the live push carries it").isEqualTo(image);
        assertThat(images.image(leo, image.id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(jpeg));
        assertThat(images.image(zoe, image.id())).as("not a participant").isEmpty();
        assertThat(images.image(null, image.id())).isEmpty();
        // the text changes, the image stays
        assertThat(messaging.edit(ana, sent.message().id(), "Regarde la rampe, côté gare").image()).isEqualTo(image);
    }

    @Test
    void aMessageMayBeAnImageAloneButNeverNothing() {
        String c = direct();
        var m = images.send(ana, c, "only", " \n ", upload(TestImages.png(20, 10)), "Un chat").message();
        assertThat(m.text()).isEmpty();
        assertThat(m.html()).isEmpty();
        assertThat(m.image().alt()).isEqualTo("Un chat");
        assertRefused(() -> images.send(ana, c, "nothing", " ", null, ""), MessagingRefusal.EMPTY);
        assertRefused(() -> images.send(ana, c, "long", "é".repeat(5_001), upload(TestImages.png(8, 8)), "Trop"),
                MessagingRefusal.TOO_LONG);
        // its text can be emptied again (the image is the message); a text-only message cannot
        messaging.edit(ana, m.id(), "Légende");
        assertThat(messaging.edit(ana, m.id(), "  ").image()).isEqualTo(m.image());
        var text = messaging.send(ana, c, "text", "Du texte").message();
        assertRefused(() -> messaging.edit(ana, text.id(), " "), MessagingRefusal.EMPTY);
        assertThat(messages()).isEqualTo(2);
    }

    @Test
    void theAltTextIsRequiredAndLimitedAndABadFileIsRefusedWithNothingKept() {
        String c = direct();
        long files = imageFiles();
        assertRefused(() -> images.send(ana, c, "a", "Bonjour", upload(TestImages.png(8, 8)), " \n "), MessageImages.ALT_REQUIRED);
        assertRefused(() -> images.send(ana, c, "b", "Bonjour", upload(TestImages.png(8, 8)), "x".repeat(MessageImages.MAX_ALT + 1)),
                MessageImages.ALT_TOO_LONG);
        assertRefused(() -> images.send(ana, c, "c", "Bonjour", upload("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)), "Un dessin"),
                "messaging.image.notImage");
        assertRefused(() -> images.send(ana, c, "d", "Bonjour", upload(new byte[(int) MessageImages.MAX_BYTES + 1]), "Lourd"),
                MessageImages.TOO_LARGE);
        assertRefused(() -> images.send(ana, c, "e", "Bonjour", null, "Une description sans image"), MessageImages.ALT_WITHOUT_IMAGE);
        // refused after the file was kept (not a participant): the file goes again
        assertRefused(() -> images.send(zoe, c, "f", "Intrusion", upload(TestImages.png(8, 8)), "Une image"),
                MessagingRefusal.NOT_PARTICIPANT);
        assertThat(messages()).isZero();
        assertThat(imageNodes()).isZero();
        assertThat(imageFiles()).isEqualTo(files);
        assertThat(images.send(ana, c, "g", "", upload(TestImages.png(8, 8)), "x".repeat(MessageImages.MAX_ALT)).duplicate()).isFalse();
    }

    @Test
    void aResendOfTheSameClientIdKeepsOneImage() {
        String c = direct();
        long files = imageFiles();
        Sent first = images.send(ana, c, "dup", "Photo", upload(TestImages.png(30, 20)), "Une terrasse");
        Sent again = images.send(ana, c, "dup", "Photo", upload(TestImages.png(30, 20)), "Une terrasse");
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message().id()).isEqualTo(first.message().id());
        assertThat(messages()).isEqualTo(1);
        assertThat(imageNodes()).isEqualTo(1);
        assertThat(imageFiles()).as("the resend's file is removed").isEqualTo(files + 1);
        assertThat(store.get(first.message().image().id())).isPresent();
        assertThat(published).hasSize(1);
    }

    @Test
    void deletingAMessageRemovesItsImageNodeAndFile() {
        String c = direct();
        long files = imageFiles();
        var m = images.send(ana, c, "del", "Avant", upload(TestImages.png(30, 20)), "Une porte").message();
        messaging.delete(ana, m.id());
        assertThat(imageNodes()).isZero();
        assertThat(count("MATCH (i:Image {id: $id}) RETURN count(i)", "id", m.image().id())).isZero();
        assertThat(store.get(m.image().id())).isEmpty();
        assertThat(imageFiles()).isEqualTo(files);
        var after = messaging.history(leo, c, null, 10).getFirst();
        assertThat(after.deleted()).isTrue();
        assertThat(after.image()).isNull();
        assertThat(images.image(ana, m.image().id())).isEmpty();
    }

    @Test
    void anImageIsSeenOnlyByWhoMayReadItsMessageNow() {
        String c = messaging.startAdhoc(ana, "Sortie", List.of("leo", "zoe")).id();
        var fromZoe = images.send(zoe, c, "z", "", upload(TestImages.png(8, 8)), "La vue").message();
        String image = fromZoe.image().id();
        assertThat(images.image(ana, image)).isPresent();
        assertThat(images.image(leo, image)).isPresent();
        social.block(leo, zoe);
        assertThat(images.image(leo, image)).as("a member who blocks its author").isEmpty();
        assertThat(messaging.history(leo, c, null, 10)).isEmpty();
        assertThat(images.image(zoe, image)).isPresent();
        // hidden by moderators: its author only; removed: nobody
        graph.write("MATCH (x:Message {id: $id}) SET x.moderation = 'hidden'", Map.of("id", fromZoe.id()));
        assertThat(images.image(ana, image)).isEmpty();
        assertThat(messaging.history(ana, c, null, 10).getFirst().image()).isNull();
        assertThat(images.image(zoe, image)).isPresent();
        graph.write("MATCH (x:Message {id: $id}) SET x.moderation = 'removed'", Map.of("id", fromZoe.id()));
        assertThat(images.image(zoe, image)).isEmpty();
        graph.write("MATCH (x:Message {id: $id}) REMOVE x.moderation", Map.of("id", fromZoe.id()));
        assertThat(images.image(ana, image)).isPresent();
        messaging.leave(ana, c);
        assertThat(images.image(ana, image)).as("a member who left").isEmpty();
        // a post's image route never finds it: it only matches images of posts
        assertThat(count("MATCH (:Post)-[:HAS_IMAGE]->(i:Image {id: $id}) RETURN count(i)", "id", image)).isZero();
    }

    private static void suspendInMemory(org.rampe.moderation.Suspensions s, String id) {
        invoke(s, "suspend", id, java.time.Instant.now().plusSeconds(3600));
    }

    private static void liftInMemory(org.rampe.moderation.Suspensions s, String id) {
        invoke(s, "lift", id);
    }

    private static void invoke(Object target, String name, Object... args) {
        try {
            for (var m : target.getClass().getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                    m.setAccessible(true);
                    m.invoke(target, args);
                    return;
                }
            }
            throw new IllegalStateException("no method " + name);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MessagingRefusal.class, e -> assertThat(e.key()).isEqualTo(key));
    }

    /**
     * Group commit: sends that wait while a transaction runs are stored by the next one together
     * (held here so that they do), and each gets the answer it would have got alone — stored with
     * its own seq, a resend acknowledged with the first one's message, a refusal for a conversation
     * the sender is not in or that does not exist — with nothing stored twice and no seq skipped.
     */
    @Test
    void sendsArrivingTogetherAreStoredTogetherEachWithItsOwnAnswer() throws Exception {
        throttle.clear();
        String withLeo = messaging.startDirect(ana, "leo").id();
        String withZoe = messaging.startDirect(ana, "zoe").id();
        var pool = Executors.newFixedThreadPool(24);
        var batches = repository.batches();
        int fallbacksBefore = batches.fallbacks();
        Map<String, Future<Object>> answers = new java.util.LinkedHashMap<>();
        batches.hold();
        try {
            for (int n = 0; n < 8; n++) {
                String clientId = "ana-" + n;
                answers.put(clientId, pool.submit(() -> (Object) messaging.send(ana, withLeo, clientId, "À Léo " + clientId)));
            }
            for (int n = 0; n < 5; n++) {
                String clientId = "leo-" + n;
                answers.put(clientId, pool.submit(() -> (Object) messaging.send(leo, withLeo, clientId, "À Ana " + clientId)));
            }
            for (int n = 0; n < 4; n++) {
                String clientId = "zoe-" + n;
                answers.put(clientId, pool.submit(() -> (Object) messaging.send(ana, withZoe, clientId, "À Zoé 🙂 " + clientId)));
            }
            answers.put("intruder", pool.submit(() -> refusalOf(() -> messaging.send(zoe, withLeo, "intruder", "Je m’invite"))));
            answers.put("nowhere", pool.submit(() -> refusalOf(() -> messaging.send(ana, "00000000-0000-0000-0000-000000000000", "nowhere", "?"))));
            // All but the ones the writers have taken (each waits for release) are queued.
            long end = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
            while (batches.waiting() < answers.size() - 2 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(batches.waiting()).isGreaterThanOrEqualTo(answers.size() - 2);
        } finally {
            batches.release();
        }
        Map<String, Object> got = new java.util.HashMap<>();
        for (var answer : answers.entrySet()) {
            got.put(answer.getKey(), answer.getValue().get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(batches.largestBatch()).as("the queued sends went in together").isGreaterThan(1);
        assertThat(batches.fallbacks()).as("no batch failed and was stored send by send").isEqualTo(fallbacksBefore);

        assertThat(got.get("intruder")).isEqualTo(MessagingRefusal.NOT_PARTICIPANT);
        assertThat(got.get("nowhere")).isEqualTo(MessagingRefusal.NOT_PARTICIPANT);
        List<Long> leoSeqs = new ArrayList<>();
        List<Long> zoeSeqs = new ArrayList<>();
        got.forEach((clientId, answer) -> {
            if (answer instanceof Sent sent) {
                assertThat(sent.duplicate()).as(clientId).isFalse();
                assertThat(sent.message().clientId()).isEqualTo(clientId);
                assertThat(sent.message().text()).endsWith(clientId);
                (clientId.startsWith("zoe-") ? zoeSeqs : leoSeqs).add(sent.message().seq());
            }
        });
        assertThat(leoSeqs).as("one seq each, none skipped").containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 13).mapToObj(Long::valueOf).toList());
        assertThat(zoeSeqs).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(messages()).isEqualTo(17);
        assertThat(published).as("each stored message announced once").hasSize(17);

        // One transaction for several sends (what a batch runs), among them a resend of a stored
        // client id and the same new client id twice: the resend and the second copy are
        // acknowledged with the message already there, nothing is stored twice.
        var stored = repository.sendBatch(List.of(
                request(leo, withLeo, "leo-new", "Nouveau"),
                request(ana, withLeo, "ana-3", "À Léo ana-3"),
                request(leo, withLeo, "leo-new", "Nouveau"),
                request(zoe, withLeo, "zoe-in", "Je m’invite")));
        assertThat(stored.get(0).message().seq()).isEqualTo(14);
        assertThat(stored.get(1).check().existing().id()).isEqualTo(((Sent) got.get("ana-3")).message().id());
        assertThat(stored.get(2).check().existing().id()).isEqualTo(stored.get(0).message().id());
        assertThat(stored.get(3).message()).isNull();
        assertThat(stored.get(3).check().participant()).isFalse();
        assertThat(messages()).isEqualTo(18);
        pool.shutdown();
    }

    private static SendBatches.Request request(String sender, String conversation, String clientId, String text) {
        Map<String, Object> parameters = new java.util.HashMap<>(Map.of("sender", sender, "conversation", conversation,
                "clientKey", sender + ":" + clientId, "id", java.util.UUID.randomUUID().toString(), "text", text));
        parameters.put("image", null);
        return new SendBatches.Request(sender, conversation, parameters, new java.util.concurrent.CompletableFuture<>());
    }

    private static String refusalOf(Callable<Sent> send) throws Exception {
        try {
            send.call();
            return "stored";
        } catch (MessagingRefusal refusal) {
            return refusal.key();
        }
    }
}
