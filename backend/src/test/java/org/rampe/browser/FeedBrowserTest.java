package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The home feed and the notifications in a real Chromium: no axe-core violation (WCAG 2.2 A/AA)
 * in French or English, empty or full; and a keyboard-only journey from the header's count to a
 * notification's post and back to mark everything read.
 */
class FeedBrowserTest extends RampeTest {

    private static Browser browser;

    @Autowired
    ApplicationEventPublisher events;

    SocialFixtures social;

    @BeforeEach
    void aFreshBrowserSession() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        social = new SocialFixtures(graph, events);
    }

    /** Someone followed, their posts (one with a content warning, one in Arabic), and notifications of each kind. */
    private void aLivelyNeighbourhood(String me, String suffix) {
        String ana = members.create("ana" + suffix);
        String cal = members.create("cal" + suffix);
        social.follow(me, ana);
        social.post(ana, "Qui connaît un dentiste sensibilisé à l’autisme à Bordeaux ? https://example.org/dentistes");
        String warned = social.post(ana, "Retour d’hôpital, long récit.");
        graph.write("MATCH (p:Post {id: $id}) SET p.contentWarning = 'hôpital'", Map.of("id", warned));
        String arabic = social.post(ana, "مرحبا بالجميع");
        graph.write("MATCH (p:Post {id: $id}) SET p.language = 'ar'", Map.of("id", arabic));
        String mine = social.post(me, "Mon premier message");
        social.follow(ana, me);
        social.requestFollow(cal, me);
        String comment = social.comment(ana, mine, null, "Bienvenue !");
        social.react(ana, "post", mine, mine, me, "heart");
        social.react(cal, "post", mine, mine, me, "heart");
        social.mention(ana, me, arabic, null);
        assertThat(comment).isNotNull();
    }

    @Test
    void feedAndNotificationsHaveNoAxeViolationInFrenchOrEnglishEmptyOrFull() {
        Map<String, String> violations = new LinkedHashMap<>();
        int n = 0;
        for (String language : new String[] {"fr", "en"}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            String handle = "reader" + n;
            signUpInBrowser(browser, handle, "Zoé 🌻 " + handle);
            String me = members.idOf(handle);
            browser.open("/feed");
            violations.put(language + " empty feed", browser.axeViolations());
            browser.open("/notifications");
            violations.put(language + " no notifications", browser.axeViolations());

            aLivelyNeighbourhood(me, Integer.toString(n++));
            browser.open("/feed");
            assertThat(browser.driver.findElements(By.cssSelector("article.post-card"))).hasSize(4);
            violations.put(language + " feed with posts", browser.axeViolations());
            browser.open("/notifications");
            assertThat(browser.driver.findElements(By.cssSelector("ol.notifications > li"))).hasSize(5);
            violations.put(language + " notifications", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void aMemberOpensNotificationsFromTheHeaderFollowsOneAndMarksAllReadWithTheKeyboardAlone() {
        browser.cookie("rampe_lang", "fr");
        signUpInBrowser(browser, "kim", "Zoé 🌻 kim");
        String me = members.idOf("kim");
        String ana = members.create("ana");
        String post = social.post(me, "Quelqu’un connaît une piscine avec un élévateur ?");
        social.comment(ana, post, null, "Oui, à Mérignac.");
        social.follow(ana, me);
        browser.open("/");

        var link = browser.tabTo("the notifications link", e -> "nav-notifications".equals(e.getAttribute("id")), 30, false);
        assertThat(link.getAttribute("textContent").replaceAll("\\s+", " ").strip()).isEqualTo("Notifications (2), 2 non lues");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Notifications");

        // The comment's notification links to the post, at the comment.
        browser.tabTo("« Quelqu’un connaît une piscine avec un élévateur ? »");
        browser.press(Keys.ENTER);
        browser.waitFor(By.tagName("h1"));
        assertThat(browser.driver.getCurrentUrl()).contains("/posts/" + post + "#comment-");

        browser.driver.navigate().back();
        browser.waitForTitle("Notifications");
        browser.tabTo("Tout marquer comme lu");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText())
                .isEqualTo("Toutes vos notifications sont marquées comme lues.");
        assertThat(browser.driver.findElements(By.cssSelector(".unread-mark"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("nav-notifications")).getAttribute("textContent").strip()).isEqualTo("Notifications");
        assertThat(ana).isNotNull();
    }
}
