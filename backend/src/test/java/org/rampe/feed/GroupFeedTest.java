package org.rampe.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.rampe.groups.GroupEvents;
import org.rampe.social.SocialEvents;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/** Group posts in the home feed: fanned out to the group's members, backfilled on joining, gone on leaving, and in the fallback query. */
class GroupFeedTest extends RampeTest {

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

    private String group(String kind) {
        String id = UUID.randomUUID().toString();
        graph.write("""
                MATCH (a:Member {id: $ana})
                CREATE (g:Group {id: $id, slug: $id, name: 'G', searchName: 'g', description: '', rules: '', kind: $kind,
                                 publicAuditLog: false, createdAt: datetime()})
                CREATE (a)-[:OWNS_GROUP]->(g), (a)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g)
                """, Map.of("ana", ana, "id", id, "kind", kind));
        return id;
    }

    private void join(String member, String group) {
        graph.write("""
                MATCH (m:Member {id: $m}), (g:Group {id: $g}) CREATE (m)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                """, Map.of("m", member, "g", group));
        events.publishEvent(new GroupEvents.MemberJoined(group, member));
    }

    private void leave(String member, String group) {
        graph.write("MATCH (:Member {id: $m})-[r:MEMBER_OF]->(:Group {id: $g}) DELETE r", Map.of("m", member, "g", group));
        events.publishEvent(new GroupEvents.MemberLeft(group, member));
    }

    private String groupPost(String author, String group, String text, int minutes, boolean publish) {
        String id = UUID.randomUUID().toString();
        graph.write("""
                MATCH (m:Member {id: $a}), (g:Group {id: $g})
                CREATE (m)-[:POSTED]->(:Post {id: $id, text: $text, contentWarning: '', language: 'fr', visibility: 'group',
                                              createdAt: $at})-[:IN_GROUP]->(g)
                """, Map.of("a", author, "g", group, "id", id, "text", text,
                "at", t0.plus(minutes, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC)));
        if (publish) {
            events.publishEvent(new SocialEvents.PostPublished(id, author));
        }
        return id;
    }

    private List<String> texts(String reader) {
        List<String> seen = new ArrayList<>();
        FeedCursor before = null;
        do {
            FeedPage page = feed.page(reader, before, 2);
            // The feed gives ids (the page draws the cards); the text is read for the assertion.
            for (FeedPost p : page.posts()) {
                seen.add(graph.one("MATCH (p:Post {id: $id}) RETURN p.text AS t",
                        java.util.Map.of("id", p.id()), r -> r.get("t").asString()).orElseThrow());
            }
            before = page.next();
        } while (before != null);
        return seen;
    }

    @Test
    void unmutingBringsBackTheAuthorsFollowedAndGroupPostsButNeverAcrossABlock() {
        String g = group("open");
        join(bea, g);
        join(cal, g);
        social.follow(bea, ana);
        social.post(ana, "pour mes abonnés", "followers", t0.plus(1, ChronoUnit.MINUTES));
        groupPost(ana, g, "dans le groupe", 2, true);
        assertThat(texts(bea)).containsExactly("dans le groupe", "pour mes abonnés");

        social.mute(bea, ana);
        social.mute(cal, ana);
        assertThat(texts(bea)).isEmpty();
        assertThat(texts(cal)).isEmpty();

        social.unmute(bea, ana);
        assertThat(texts(bea)).containsExactly("dans le groupe", "pour mes abonnés");
        // Cal follows nobody: only the group's post comes back.
        social.unmute(cal, ana);
        assertThat(texts(cal)).containsExactly("dans le groupe");

        // Muted, then blocked: unmuting does not bring anything back across the block.
        social.mute(bea, ana);
        social.block(bea, ana);
        social.unmute(bea, ana);
        assertThat(texts(bea)).isEmpty();
        long inbox = graph.count("MATCH (:Member {id: $bea})-[f:FEED]->() RETURN count(f) AS n", java.util.Map.of("bea", bea));
        assertThat(inbox).isZero();
    }

    @Test
    void aGroupPostReachesTheGroupsMembersButNotTheAuthorsFollowersOutsideIt() {
        String g = group("private");
        join(bea, g);
        social.follow(cal, ana);
        groupPost(ana, g, "dans le groupe", 1, true);
        social.post(ana, "pour mes abonnés", "public", t0.plus(2, ChronoUnit.MINUTES));
        assertThat(texts(bea)).containsExactly("dans le groupe");
        assertThat(texts(cal)).containsExactly("pour mes abonnés");
        assertThat(texts(ana)).containsExactly("pour mes abonnés", "dans le groupe");
    }

    @Test
    void joiningBringsTheGroupsRecentPostsAndLeavingTakesThemAwayButNotOnesOwn() {
        String g = group("public");
        groupPost(ana, g, "avant", 1, true);
        join(bea, g);
        assertThat(texts(bea)).containsExactly("avant");
        groupPost(bea, g, "de bea", 2, true);
        groupPost(ana, g, "après", 3, true);
        assertThat(texts(bea)).containsExactly("après", "de bea", "avant");
        leave(bea, g);
        assertThat(texts(bea)).containsExactly("de bea");
    }

    @Test
    void mutedAndBlockedAuthorsGroupPostsStayOut() {
        String g = group("public");
        join(bea, g);
        join(cal, g);
        social.mute(bea, cal);
        social.block(cal, ana);
        groupPost(cal, g, "de cal", 1, true);
        groupPost(ana, g, "de ana", 2, true);
        assertThat(texts(bea)).containsExactly("de ana");
        assertThat(texts(cal)).containsExactly("de cal");
    }

    @Test
    void pagesOlderThanTheInboxIncludeTheReadersGroupsPostsFromTheFallbackQuery() {
        String g = group("private");
        join(bea, g);
        social.follow(bea, cal);
        // Written without events: only the fallback query can find them.
        for (int i = 0; i < 5; i++) {
            groupPost(ana, g, "groupe " + i, 10 * i, false);
            social.post(cal, "cal " + i, "public", t0.plus(10 * i + 5, ChronoUnit.MINUTES));
        }
        String other = group("public");
        groupPost(ana, other, "autre groupe", 100, false);
        graph.write("""
                MATCH (b:Member {id: $b}) SET b.feedHorizon = $h
                WITH b MATCH (b)-[f:FEED]->() DELETE f""", Map.of("b", bea, "h", t0.plus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)));
        assertThat(texts(bea)).containsExactly("cal 4", "groupe 4", "cal 3", "groupe 3", "cal 2", "groupe 2", "cal 1", "groupe 1",
                "cal 0", "groupe 0");
        leave(bea, g);
        assertThat(texts(bea)).containsExactly("cal 4", "cal 3", "cal 2", "cal 1", "cal 0");
    }
}
