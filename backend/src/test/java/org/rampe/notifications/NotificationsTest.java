package org.rampe.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Notifications made from the social events, shown in words, counted in the header, marked read. */
class NotificationsTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    SocialFixtures social;
    MockHttpSession bea;
    String beaId;
    String ana;
    String cal;

    @BeforeEach
    void members() throws Exception {
        social = new SocialFixtures(graph, events);
        bea = members.signUp(newMember("bea").speaking("en"));
        beaId = members.idOf("bea");
        ana = members.create("ana");
        cal = members.create("cal");
    }

    private Document page(MockHttpSession session, String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).session(session).cookie(new jakarta.servlet.http.Cookie("rampe_lang", session == bea ? "en" : "fr"))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private List<String> sentences() throws Exception {
        return page(bea, "/notifications").select("ol.notifications > li > p:first-child").stream().map(Element::text)
                .map(t -> t.replaceAll(" \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d$", "")).toList();
    }

    private long stored() {
        return graph.count("MATCH (n:Notification) RETURN count(n) AS n", Map.of());
    }

    @Test
    void eachKindIsWordedWithLinksToWhoAndWhat() throws Exception {
        String post = social.post(beaId, "Who knows an autism-aware dentist in Bordeaux?");
        social.follow(beaId, ana);
        social.follow(ana, beaId);
        String comment = social.comment(ana, post, null, "I do!");
        String mine = social.comment(beaId, post, null, "Thanks");
        social.comment(cal, post, mine, "Me too");
        social.mention(ana, beaId, post, null);
        social.react(ana, "post", post, post, beaId, "helpful");
        social.react(cal, "post", post, post, beaId, "thanks");
        social.react(ana, "comment", mine, post, beaId, "heart");
        social.requestFollow(cal, beaId);

        assertThat(sentences()).containsExactly(
                "Unread: Cal asks to follow you.",
                "Unread: Ana reacted to your comment on “Who knows an autism-aware dentist in Bordeaux?”.",
                "Unread: Cal and 1 other person reacted to your post “Who knows an autism-aware dentist in Bordeaux?”.",
                "Unread: Ana mentioned you in “Who knows an autism-aware dentist in Bordeaux?”.",
                "Unread: Cal replied to your comment on “Who knows an autism-aware dentist in Bordeaux?”.",
                "Unread: Ana commented on your post “Who knows an autism-aware dentist in Bordeaux?”.",
                "Unread: Ana now follows you.");
        var doc = page(bea, "/notifications");
        var reply = doc.select("ol.notifications > li").get(4);
        assertThat(reply.select("a[href=/members/cal]").text()).isEqualTo("Cal");
        assertThat(reply.select("a[href^=/posts/" + post + "#comment-]")).hasSize(1);
        assertThat(doc.select("ol.notifications > li").get(0).select("a[href=/members/cal]")).hasSize(2);
        assertThat(comment).isNotNull();
    }

    @Test
    void frenchSentencesAgreeWithSeveralPeople() throws Exception {
        MockHttpSession dan = members.signUp("dan");
        String danId = members.idOf("dan");
        String post = social.post(danId, "Bonjour");
        social.react(ana, "post", post, post, danId, "heart");
        social.react(cal, "post", post, post, danId, "heart");
        social.react(beaId, "post", post, post, danId, "heart");
        var text = page(dan, "/notifications").select("ol.notifications > li > p").first().text();
        assertThat(text).startsWith("Non lue : Bea et 2 autres personnes ont réagi à votre publication « Bonjour ».");
    }

    @Test
    void nobodyIsNotifiedOfTheirOwnActsNorAcrossABlockNorByAMutedMember() throws Exception {
        String post = social.post(beaId, "mine");
        social.comment(beaId, post, null, "my own comment");
        social.react(beaId, "post", post, post, beaId, "heart");
        social.mention(beaId, beaId, post, null);
        assertThat(stored()).isZero();

        social.block(beaId, ana);
        social.block(cal, beaId);
        social.follow(ana, beaId);
        social.mention(ana, beaId, post, null);
        social.react(cal, "post", post, post, beaId, "heart");
        String dan = members.create("dan");
        social.mute(beaId, dan);
        social.follow(dan, beaId);
        social.comment(dan, post, null, "hello");
        assertThat(stored()).isZero();
        assertThat(sentences()).isEmpty();
    }

    @Test
    void aBlockOrMuteRemovesWhatTheMemberAlreadyCaused() throws Exception {
        String post = social.post(beaId, "mine");
        social.react(ana, "post", post, post, beaId, "heart");
        social.react(cal, "post", post, post, beaId, "heart");
        social.follow(cal, beaId);
        social.block(beaId, cal);
        assertThat(sentences()).containsExactly("Unread: Ana reacted to your post “mine”.");
        social.mute(beaId, ana);
        assertThat(sentences()).isEmpty();
        assertThat(stored()).isZero();
    }

    @Test
    void aMentionInAPostTheMemberMayNotReadIsNotNotified() throws Exception {
        String secret = social.post(ana, "for my followers, @bea", "followers", java.time.Instant.now());
        social.mention(ana, beaId, secret, null);
        assertThat(stored()).isZero();
    }

    @Test
    void notificationsAboutADeletedPostGoWithIt() throws Exception {
        String post = social.post(beaId, "soon gone");
        social.comment(ana, post, null, "hi");
        social.deletePost(beaId, post);
        assertThat(stored()).isZero();
    }

    @Test
    void theHeaderCountsUnreadNotificationsOnEveryPage() throws Exception {
        assertThat(page(bea, "/").select("#nav-notifications").text()).isEqualTo("Notifications");
        social.follow(ana, beaId);
        social.follow(cal, beaId);
        for (String url : List.of("/", "/places", "/feed", "/preferences")) {
            var link = page(bea, url).select("#nav-notifications");
            assertThat(link.attr("href")).isEqualTo("/notifications");
            assertThat(link.text()).isEqualTo("Notifications (2), 2 unread");
            assertThat(link.select("[aria-hidden=true]").text()).isEqualTo("(2)");
            assertThat(link.select(".visually-hidden").text()).isEqualTo(", 2 unread");
        }
    }

    @Test
    void markingOneAndThenAllAsRead() throws Exception {
        social.follow(ana, beaId);
        social.follow(cal, beaId);
        var doc = page(bea, "/notifications");
        String action = doc.select("ol.notifications form").first().attr("action");
        assertThat(doc.select("ol.notifications form button").first().attr("aria-describedby")).startsWith("n-");
        mvc.perform(post(action).with(csrf()).session(bea)).andExpect(redirectedUrl("/notifications"));
        assertThat(sentences()).containsExactly("Cal now follows you.", "Unread: Ana now follows you.");
        assertThat(page(bea, "/").select("#nav-notifications").text()).isEqualTo("Notifications (1), 1 unread");

        mvc.perform(post("/notifications/read").with(csrf()).session(bea)).andExpect(redirectedUrl("/notifications"));
        assertThat(sentences()).containsExactly("Cal now follows you.", "Ana now follows you.");
        assertThat(page(bea, "/").select("#nav-notifications").text()).isEqualTo("Notifications");
        assertThat(page(bea, "/notifications").select("form[action=/notifications/read]")).isEmpty();
    }

    @Test
    void noMemberCanReadOrMarkAnotherMembersNotifications() throws Exception {
        MockHttpSession dan = members.signUp("dan");
        social.follow(ana, beaId);
        String id = graph.one("MATCH (n:Notification) RETURN n.id AS id", Map.of(), r -> r.get("id").asString()).orElseThrow();
        assertThat(page(dan, "/notifications").select("ol.notifications")).isEmpty();
        mvc.perform(post("/notifications/" + id + "/read").with(csrf()).session(dan)).andExpect(status().isNotFound());
        mvc.perform(post("/notifications/read").with(csrf()).session(dan)).andExpect(redirectedUrl("/notifications"));
        assertThat(sentences()).containsExactly("Unread: Ana now follows you.");
        mvc.perform(post("/notifications/no-such-id/read").with(csrf()).session(bea)).andExpect(status().isNotFound());
        mvc.perform(post("/notifications/" + id + "/read").session(bea)).andExpect(status().isForbidden());
        mvc.perform(get("/notifications")).andExpect(status().is3xxRedirection());
        long unread = graph.count("MATCH (:Member)-[r:UNREAD]->() RETURN count(r) AS n", Map.of());
        assertThat(unread).isEqualTo(1);
    }

    @Test
    void pagesOfNotificationsFollowAPlainLink() throws Exception {
        for (int i = 0; i < Notifications.PAGE_SIZE + 3; i++) {
            social.follow(members.create("m" + i), beaId);
        }
        var first = page(bea, "/notifications");
        assertThat(first.select("ol.notifications > li")).hasSize(Notifications.PAGE_SIZE);
        var second = page(bea, first.select("nav.pager a[rel=next]").attr("href"));
        assertThat(second.select("ol.notifications > li")).hasSize(3);
        assertThat(second.select("nav.pager")).isEmpty();
    }
}
