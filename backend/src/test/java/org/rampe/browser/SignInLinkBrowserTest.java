package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/**
 * A sign-in link in a real Chromium, with the keyboard alone: ask for it from the sign-in page,
 * open it from the mail the test SMTP server received, press the one button, signed in. The link
 * pages have no axe violation in French or English.
 */
class SignInLinkBrowserTest extends RampeTest {

    private static Browser browser;

    @BeforeEach
    void aFreshBrowserSession() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    @Test
    void aMemberAsksForALinkOpensItFromTheMailAndIsSignedInWithTheKeyboardAlone() throws Exception {
        members.signUp(TestMembers.newMember("lea").named("Léa ✨"));
        browser.open("/signin");

        browser.tabTo("Recevoir un lien de connexion par e-mail");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Recevoir un lien de connexion");
        browser.tabTo("the email field", e -> "email".equals(e.getAttribute("id")), 20, false);
        browser.type("Lea@example.org");
        browser.tabTo("Envoyer le lien");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice h2"));
        assertThat(browser.driver.findElement(By.cssSelector("main .notice")).getText())
                .contains("Si un compte Rampe utilise l’adresse lea@example.org, nous venons d’y envoyer un lien de connexion.");

        var received = mail.awaitOne("lea@example.org");
        assertThat(received.subject()).isEqualTo("Votre lien de connexion à Rampe");
        // The mail's link, opened on the port the application listens on in this test.
        browser.open(received.link("/signin/link/use"));
        browser.waitForTitle("Se connecter à Rampe");
        assertThat(browser.driver.findElements(By.cssSelector("form[action='/signout']"))).isEmpty();

        // The page's one button (the header also links to the password sign-in, by the same words).
        browser.tabTo("the sign-in button", e -> "button".equals(e.getTagName()) && "Se connecter".equals(e.getText().strip()), 40, false);
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("form[action='/signout']"));
        assertThat(browser.driver.findElement(By.cssSelector(".nav-member")).getText()).contains("Léa ✨");
    }

    @Test
    void theLinkPagesHaveNoAxeViolationInFrenchOrEnglish() throws Exception {
        members.signUp("lea");
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : new String[] {"fr", "en"}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            browser.open("/signin/link");
            assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
            violations.put(language + " ask for a link", browser.axeViolations());

            browser.driver.findElement(By.id("email")).sendKeys("not an address");
            browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " a malformed address", browser.axeViolations());

            browser.driver.findElement(By.id("email")).clear();
            browser.driver.findElement(By.id("email")).sendKeys("lea@example.org");
            browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".notice h2"));
            violations.put(language + " link sent", browser.axeViolations());

            browser.open(mail.await("lea@example.org", language.equals("fr") ? 1 : 2).getLast().link("/signin/link/use"));
            violations.put(language + " the link's page", browser.axeViolations());

            browser.open("/signin/link?expired");
            violations.put(language + " a link that no longer works", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }
}
