package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.net.URI;
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
 * The "Emails" page and the one-click unsubscribe page in Chromium: axe-core in French and English,
 * nothing sideways at 320 px, and a choice changed with the keyboard alone.
 */
class EmailsBrowserTest extends RampeTest {

    @Autowired
    ApplicationEventPublisher events;

    private Browser browser;

    @BeforeEach
    void theBrowser() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    private String stored(String handle, String property) {
        return graph.one("MATCH (m:Member {handle: $h}) RETURN m[$p] AS v", Map.of("h", handle, "p", property),
                r -> r.get("v").asString(null)).orElse(null);
    }

    /** The path of the one-click link of a mail about a new follower, sent to {@code handle}. */
    private String unsubscribePath(String handle) {
        // Only a verified address gets notification mail; its verification mail is out of the way.
        members.verifyEmail(handle);
        mail.settle();
        graph.write("MATCH (m:Member {handle: $h}) SET m.mailFollows = 'immediately'", Map.of("h", handle));
        String follower = members.create("fan_" + handle);
        new SocialFixtures(graph, events).follow(follower, members.idOf(handle));
        String url = mail.awaitOne(handle + "@example.org").header("List-Unsubscribe").replaceAll("^<|>$", "");
        return URI.create(url).getPath();
    }

    @Test
    void theEmailsAndUnsubscribePagesHaveNoAxeViolationInFrenchAndEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        int n = 0;
        for (String[] setting : new String[][] {{"fr", "t100.c0.f0.m0"}, {"en", "t100.c0.f0.m0"}, {"fr", "t200.c1.f1.m1"}}) {
            String language = setting[0] + " " + setting[1];
            browser.forgetCookies();
            browser.cookie("rampe_lang", setting[0]);
            browser.cookie("rampe_display", setting[1]);
            String handle = "axe_" + n++;
            signUpInBrowser(browser, handle, "Sam " + handle);
            browser.open("/account/emails");
            assertThat(browser.htmlAttribute("lang")).isEqualTo(setting[0]);
            violations.put(language + " emails", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".notice"));
            violations.put(language + " emails saved", browser.axeViolations());

            // The unsubscribe page, as someone who is not signed in opens it from the mail.
            String path = unsubscribePath(handle);
            browser.forgetCookies();
            browser.cookie("rampe_lang", setting[0]);
            browser.cookie("rampe_display", setting[1]);
            browser.open(path);
            violations.put(language + " unsubscribe", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector("main ul li"));
            violations.put(language + " unsubscribed", browser.axeViolations());
            assertThat(stored(handle, "mailFollows")).isEqualTo("none");
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void theEmailsPageReflowsAt320Pixels() {
        signUpInBrowser(browser, "narrow", "Sam narrow");
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        browser.resize(320, 800);
        browser.open("/account/emails");
        assertThat(browser.horizontalOverflow()).as("CSS pixels wider than the window").isLessThanOrEqualTo(0);
    }

    @Test
    void aMemberChangesAChoiceWithTheKeyboardAlone() {
        signUpInBrowser(browser, "kbd", "Sam kbd");
        browser.open("/account/emails");
        browser.waitForTitle("E-mails");

        // A group of radios is one stop of Tab, on its checked radio; the arrows move the choice.
        browser.tabTo("the follows choice", e -> "follows-none".equals(e.getAttribute("id")), 40, false);
        browser.press(Keys.ARROW_UP);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("follows-digest");
        assertThat(browser.focused().isSelected()).isTrue();
        browser.tabTo("Enregistrer mes choix");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Vos choix d’e-mails sont enregistrés.");
        assertThat(browser.driver.findElement(By.id("follows-digest")).isSelected()).isTrue();
        assertThat(stored("kbd", "mailFollows")).isEqualTo("digest");
        assertThat(stored("kbd", "mailDecisions")).as("the others kept").isEqualTo("immediately");
    }
}
