package org.rampe.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** {@code GET /feed} as a member and a visitor get it. */
class FeedPageTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    SocialFixtures social;
    MockHttpSession bea;
    String beaId;

    @BeforeEach
    void aSignedInMember() throws Exception {
        social = new SocialFixtures(graph, events);
        bea = members.signUp(newMember("bea").speaking("en"));
        beaId = members.idOf("bea");
    }

    private Document page(String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).session(bea).cookie(new jakarta.servlet.http.Cookie("rampe_lang", "en"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void visitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/feed")).andExpect(status().is3xxRedirection());
    }

    @Test
    void anEmptyFeedSaysWhereToFindMembersAndPlaces() throws Exception {
        var doc = page("/feed");
        assertThat(doc.select("h1").text()).isEqualTo("My feed");
        assertThat(doc.select("main a[href=/members]").text()).isEqualTo("Find members to follow");
        assertThat(doc.select("main a[href=/places]")).hasSize(1);
        assertThat(doc.select("main a[href=/posts/new]").text()).isEqualTo("Write a post");
        assertThat(doc.select("nav a[href=/feed]").text()).isEqualTo("Feed");
    }

    @Test
    void postsShowAsCardsAndOlderPagesFollowAPlainLink() throws Exception {
        String ana = members.create("ana");
        social.follow(beaId, ana);
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        for (int i = 0; i < 25; i++) {
            social.post(ana, "post " + i + " https://example.org/x <script>alert(1)</script>", i % 2 == 0 ? "public" : "followers",
                    t0.plus(i, ChronoUnit.MINUTES));
        }
        var first = page("/feed");
        var cards = first.select("main article.post-card");
        assertThat(cards).hasSize(HomeFeed.PAGE_SIZE);
        var card = cards.first();
        assertThat(card.select("h2.post-author a[href=/members/ana]")).hasSize(1);
        assertThat(card.select("h2.post-author").text()).contains("@ana");
        assertThat(card.select("time").attr("datetime")).isEqualTo("2026-11-01T10:24:00Z");
        assertThat(card.select(".post-text").attr("lang")).isEqualTo("fr");
        assertThat(card.select(".post-text").attr("dir")).isEqualTo("auto");
        assertThat(card.select(".post-text a").attr("rel")).isEqualTo("nofollow ugc noopener");
        assertThat(card.select("script")).isEmpty();
        assertThat(card.select(".post-text").text()).contains("<script>alert(1)</script>");
        // The shared post card: a permalink on the date, and the comments of the post.
        assertThat(card.select("a[href^=/posts/]").eachAttr("href")).hasSize(2)
                .allSatisfy(href -> assertThat(href).startsWith("/posts/" + card.id().substring("post-".length())));

        String older = first.select("nav.pager a[rel=next]").attr("href");
        assertThat(older).startsWith("/feed?before=");
        var second = page(older);
        assertThat(second.select("h1").text()).isEqualTo("My feed: older posts");
        assertThat(second.select("main article.post-card")).hasSize(5);
        assertThat(second.select("main article .post-text").first().text()).startsWith("post 4 ");
        assertThat(second.select("nav.pager")).isEmpty();
    }

    @Test
    void aContentWarningKeepsTheTextInACollapsedDetails() throws Exception {
        social.post(beaId, "under the warning");
        graph.write("MATCH (p:Post) SET p.contentWarning = 'hospital'");
        var doc = page("/feed");
        var details = doc.select("article details");
        assertThat(details).hasSize(1);
        assertThat(details.attr("open")).isEmpty();
        assertThat(details.select("summary").text()).isEqualTo("Content warning: hospital. Show the post");
        assertThat(details.select(".post-text").text()).isEqualTo("under the warning");
    }

    @Test
    void afterUnmutingAMemberTheirPostsComeBackButABlockedMembersNeverShow() throws Exception {
        String ana = members.create("ana");
        String cal = members.create("cal");
        social.follow(beaId, ana);
        social.follow(beaId, cal);
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        social.post(ana, "Ana's older post", "public", t0);
        social.post(ana, "Ana's newer post", "followers", t0.plus(1, ChronoUnit.MINUTES));
        social.post(cal, "Cal's post", "public", t0.plus(2, ChronoUnit.MINUTES));
        assertThat(page("/feed").select("main .post-text").eachText())
                .containsExactly("Cal's post", "Ana's newer post", "Ana's older post");

        // Through the real routes, as the profile page's buttons send them.
        relation("ana", "mute");
        assertThat(page("/feed").select("main .post-text").eachText()).containsExactly("Cal's post");
        relation("ana", "unmute");
        assertThat(page("/feed").select("main .post-text").eachText())
                .containsExactly("Cal's post", "Ana's newer post", "Ana's older post");

        relation("cal", "mute");
        relation("cal", "block");
        relation("cal", "unmute");
        assertThat(page("/feed").select("main .post-text").eachText())
                .containsExactly("Ana's newer post", "Ana's older post");
        social.post(cal, "Cal after the block", "public", t0.plus(3, ChronoUnit.MINUTES));
        assertThat(page("/feed").text()).doesNotContain("Cal");
    }

    private void relation(String handle, String action) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/members/{h}/" + action, handle)
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .session(bea))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void aBrokenCursorGivesTheFirstPage() throws Exception {
        social.post(beaId, "mine");
        assertThat(page("/feed?before=yesterday&post=x").select("article")).hasSize(1);
    }
}
