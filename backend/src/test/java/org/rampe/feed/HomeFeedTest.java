package org.rampe.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** The home feed through {@link HomeFeed}, with the other social features simulated by fixtures and their events. */
class HomeFeedTest extends RampeTest {

    @Autowired
    HomeFeed feed;

    @Autowired
    ApplicationEventPublisher events;

    SocialFixtures social;
    String ana;
    String bea;
    String cal;
    final Instant t0 = Instant.parse("2026-11-01T10:00:00Z");

    @BeforeEach
    void threeMembers() {
        social = new SocialFixtures(graph, events);
        ana = members.create("ana");
        bea = members.create("bea");
        cal = members.create("cal");
    }

    private List<String> texts(String reader) {
        return texts(feed.page(reader, null, 50).posts());
    }

    /** The texts of the feed's posts, in the feed's order (the feed gives ids; the card reads the text). */
    private List<String> texts(List<FeedPost> posts) {
        List<String> ids = posts.stream().map(FeedPost::id).toList();
        Map<String, String> byId = graph.list("MATCH (p:Post) WHERE p.id IN $ids RETURN p.id AS id, p.text AS text",
                Map.of("ids", ids), r -> r).stream()
                .collect(java.util.stream.Collectors.toMap(r -> r.get("id").asString(), r -> r.get("text").asString()));
        return ids.stream().map(byId::get).toList();
    }

    private Instant at(int minutes) {
        return t0.plus(minutes, ChronoUnit.MINUTES);
    }

    private long inboxSize(String reader) {
        return graph.count("MATCH (:Member {id: $id})-[f:FEED]->() RETURN count(f) AS n", Map.of("id", reader));
    }

    @Test
    void theFeedShowsFollowedMembersPostsAndOnesOwnNewestFirst() {
        social.follow(bea, ana);
        social.post(ana, "Ana 1", "public", at(1));
        social.post(bea, "Bea 2", "public", at(2));
        social.post(cal, "Cal 3, not followed", "public", at(3));
        social.post(ana, "Ana 4", "public", at(4));

        assertThat(texts(bea)).containsExactly("Ana 4", "Bea 2", "Ana 1");
        assertThat(texts(ana)).containsExactly("Ana 4", "Ana 1");
        var card = feed.page(bea, null, 50).posts().getFirst();
        assertThat(card.authorHandle()).isEqualTo("ana");
        assertThat(card.createdAt()).isEqualTo(at(4));
    }

    @Test
    void followersOnlyPostsReachFollowersOnly() {
        social.follow(bea, ana);
        social.post(ana, "for my followers", "followers", at(1));
        assertThat(texts(bea)).containsExactly("for my followers");
        assertThat(texts(cal)).isEmpty();
    }

    @Test
    void anEntryTheReaderMayNotReadIsNeverShownEvenIfItGotIntoTheInbox() {
        String post = social.post(ana, "followers only", "followers", at(1));
        // As if an event had been missed: Cal, who does not follow Ana, has the post in his inbox.
        graph.write("""
                MATCH (r:Member {id: $cal}), (p:Post {id: $post}) CREATE (r)-[:FEED {at: p.createdAt, post: p.id}]->(p)
                """, Map.of("cal", cal, "post", post));
        assertThat(texts(cal)).isEmpty();
    }

    @Test
    void aPrivateAccountsPostsReachOnlyApprovedFollowersAndApprovalBackfills() {
        String dan = members.create("dan", true);
        social.post(dan, "private public-visibility post", "public", at(1));
        social.post(dan, "private followers post", "followers", at(2));
        social.requestFollow(bea, dan);
        assertThat(texts(bea)).isEmpty();

        social.follow(bea, dan);
        assertThat(texts(bea)).containsExactly("private followers post", "private public-visibility post");
    }

    @Test
    void followingBackfillsTheFolloweesRecentPostsAndUnfollowingRemovesThem() {
        social.post(ana, "before the follow", "public", at(1));
        social.post(cal, "Cal's", "public", at(2));
        social.follow(bea, ana);
        social.follow(bea, cal);
        assertThat(texts(bea)).containsExactly("Cal's", "before the follow");

        social.unfollow(bea, ana);
        assertThat(texts(bea)).containsExactly("Cal's");
        social.post(ana, "after the unfollow", "public", at(3));
        assertThat(texts(bea)).containsExactly("Cal's");
    }

    @Test
    void blockedAuthorsEitherWayAndMutedAuthorsNeverAppear() {
        social.follow(bea, ana);
        social.follow(bea, cal);
        String dan = members.create("dan");
        social.follow(bea, dan);
        social.post(ana, "Ana", "public", at(1));
        social.post(cal, "Cal", "public", at(2));
        social.post(dan, "Dan", "public", at(3));
        assertThat(texts(bea)).containsExactly("Dan", "Cal", "Ana");

        social.block(bea, ana);   // the reader blocks
        social.block(cal, bea);   // the author blocks the reader
        social.mute(bea, dan);
        assertThat(texts(bea)).isEmpty();
        assertThat(inboxSize(bea)).isZero();

        social.post(ana, "Ana again", "public", at(4));
        social.post(cal, "Cal again", "public", at(5));
        social.post(dan, "Dan again", "public", at(6));
        assertThat(texts(bea)).isEmpty();
        // And the blocked side does not see the blocker's posts either.
        assertThat(texts(ana)).containsExactly("Ana again", "Ana");
    }

    @Test
    void aBlockOrMuteIsHonouredEvenIfItsEventWasMissed() {
        social.follow(bea, ana);
        social.follow(bea, cal);
        social.post(ana, "Ana", "public", at(1));
        social.post(cal, "Cal", "public", at(2));
        // Relationships written without their events: the inbox still has the entries.
        graph.write("""
                MATCH (b:Member {id: $bea}), (a:Member {id: $ana}), (c:Member {id: $cal})
                CREATE (a)-[:BLOCKS]->(b), (b)-[:MUTES]->(c)
                """, Map.of("bea", bea, "ana", ana, "cal", cal));
        assertThat(inboxSize(bea)).isEqualTo(2);
        assertThat(texts(bea)).isEmpty();
    }

    @Test
    void deletedPostsVanish() {
        social.follow(bea, ana);
        String post = social.post(ana, "soon gone", "public", at(1));
        social.post(ana, "stays", "public", at(2));
        social.deletePost(ana, post);
        assertThat(texts(bea)).containsExactly("stays");
    }

    @Test
    void aPostPublishedAgainAfterAChangeOfVisibilityIsInEachInboxOnce() {
        social.follow(bea, ana);
        String post = social.post(ana, "changing", "public", at(1));
        graph.write("MATCH (p:Post {id: $id}) SET p.visibility = 'followers'", Map.of("id", post));
        events.publishEvent(new org.rampe.social.SocialEvents.PostPublished(post, ana));
        assertThat(texts(bea)).containsExactly("changing");
        assertThat(texts(cal)).isEmpty();
        assertThat(inboxSize(bea)).isEqualTo(1);
        assertThat(inboxSize(ana)).isEqualTo(1);
    }

    @Test
    void keysetPagesNeitherRepeatNorSkipEvenWhenPostsShareATime() {
        social.follow(bea, ana);
        social.follow(bea, cal);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            // Three posts a minute: ties on the time are broken by id.
            String author = i % 3 == 0 ? ana : i % 3 == 1 ? cal : bea;
            social.post(author, "post " + i, "public", at(i / 3));
        }
        expected.addAll(bruteForce(bea));
        assertThat(expected).hasSize(47);

        assertThat(allPages(bea, 10)).containsExactlyElementsOf(expected);
    }

    @Test
    void pagesOlderThanTheInboxComeFromTheFallbackQueryInOrder() {
        // Cal has written more than an inbox keeps before Bea follows him; Ana writes after.
        bulkPosts(cal, 850, 0);
        social.follow(bea, cal);
        assertThat(inboxSize(bea)).isEqualTo(FeedRepository.CAP);
        for (int i = 0; i < 120; i++) {
            social.post(ana, "ana " + i, "public", at(10_000 + i));
        }
        social.follow(bea, ana);
        social.post(bea, "own", "followers", at(20_000));
        social.follow(bea, members.create("eve"));
        // Bea's inbox was trimmed back to the cap on the way.
        assertThat(inboxSize(bea)).isLessThanOrEqualTo(FeedRepository.HIGH_WATER);

        List<String> expected = bruteForce(bea);
        assertThat(expected).hasSize(850 + 120 + 1);
        List<String> paged = allPages(bea, 50);
        assertThat(paged).hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(paged).containsExactlyElementsOf(expected);
    }

    @Test
    void aPublishedPostFansOutAndInboxesAreTrimmedAtTheHighWaterMark() {
        social.follow(bea, ana);
        bulkPosts(ana, 0, 0);
        for (int i = 0; i < FeedRepository.HIGH_WATER + 1; i++) {
            social.post(ana, "p" + i, "public", at(i));
        }
        assertThat(inboxSize(bea)).isEqualTo(FeedRepository.CAP);
        assertThat(allPages(bea, 50)).hasSize(FeedRepository.HIGH_WATER + 1).first().isEqualTo("p900");
    }

    /** Posts written without events (as if before anyone followed), {@code n} of them, one a minute from {@code from}. */
    private void bulkPosts(String author, int n, int from) {
        if (n == 0) {
            return;
        }
        graph.write("""
                MATCH (m:Member {id: $author})
                UNWIND range(0, $n - 1) AS i
                CREATE (m)-[:POSTED]->(:Post {id: randomUUID(), text: 'bulk ' + i, contentWarning: '', language: 'fr',
                                              visibility: 'public', createdAt: $t0 + duration({minutes: $from + i})})
                """, Map.of("author", author, "n", n, "from", from, "t0", t0.atOffset(ZoneOffset.UTC)));
    }

    private List<String> allPages(String reader, int size) {
        List<String> seen = new ArrayList<>();
        FeedCursor cursor = null;
        var ids = new HashSet<String>();
        for (int guard = 0; guard < 1000; guard++) {
            var page = feed.page(reader, cursor, size);
            for (var p : page.posts()) {
                assertThat(ids.add(p.id())).as("post repeated: " + p.id()).isTrue();
            }
            seen.addAll(texts(page.posts()));
            if (!page.hasOlder()) {
                return seen;
            }
            cursor = page.next();
        }
        throw new AssertionError("too many pages");
    }

    /** The feed as the straightforward query computes it: own and followed posts, newest first. */
    private List<String> bruteForce(String reader) {
        return graph.list("""
                MATCH (r:Member {id: $id})
                MATCH (a:Member)-[:POSTED]->(p:Post)
                WHERE a = r OR (r)-[:FOLLOWS]->(a)
                RETURN p.text AS t ORDER BY p.createdAt DESC, p.id DESC
                """, Map.of("id", reader), r -> r.get("t").asString());
    }
}
