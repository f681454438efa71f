package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The messaging service on the real embedded Neo4j: storing once, order, reading, rules and events. */
class MessagingTest extends MessagingTestSupport {

    @Autowired
    MessageRepository repository;

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
                forgetLimits();
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
        // Ana's are untouched: the defaults, but for who may write to her (everyone, as the fixture set it)
        assertThat(messaging.settings(ana)).isEqualTo(new MessagingSettings(true, true, MessagesFrom.EVERYONE));
        messaging.markRead(leo, c, 1);
        var read = (ConversationRead) published.stream().filter(e -> e instanceof ConversationRead).findFirst().orElseThrow();
        assertThat(read.receiptsVisible()).isFalse();
        assertThat(read.recipientIds()).containsExactly(leo);
        assertThat(messaging.open(ana, c).orElseThrow().participants())
                .filteredOn(p -> p.handle().equals("leo")).singleElement()
                .satisfies(p -> assertThat(p.readReceipts()).isFalse());
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

    /**
     * Group commit: sends that wait while a transaction runs are stored by the next one together
     * (held here so that they do), and each gets the answer it would have got alone — stored with
     * its own seq, a resend acknowledged with the first one's message, a refusal for a conversation
     * the sender is not in or that does not exist — with nothing stored twice and no seq skipped.
     */
    @Test
    void sendsArrivingTogetherAreStoredTogetherEachWithItsOwnAnswer() throws Exception {
        forgetLimits();
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
