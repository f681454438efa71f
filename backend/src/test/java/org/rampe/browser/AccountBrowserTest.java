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
import org.rampe.TestMembers;

/**
 * The account's pages in Chromium: axe-core in French and English (forms with their mistakes and
 * the pages the mails lead to), and three journeys with the keyboard alone, each ending on a link
 * read from a real mail: sign up and verify, forget the password and reset it, change the password
 * and see another browser signed out.
 */
class AccountBrowserTest extends RampeTest {

    private static final String NEW_PASSWORD = "a new sentence easy to recall";

    private Browser browser;

    @BeforeEach
    void aFreshBrowserSession() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    private void submitWith(String path, Map<String, String> fields) {
        browser.open(path);
        fields.forEach((id, value) -> browser.driver.findElement(By.id(id)).sendKeys(value));
        browser.driver.findElement(By.cssSelector("main form.form button[type=submit]")).click();
    }

    @Test
    void theAccountPagesHaveNoAxeViolationInFrenchAndEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : new String[] {"fr", "en"}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            // A visitor: forgotten password, with a mistake, then sent; links that do not work.
            browser.open("/password/forgotten");
            assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
            violations.put(language + " forgotten", browser.axeViolations());
            submitWith("/password/forgotten", Map.of("email", "not an address"));
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " forgotten with a mistake", browser.axeViolations());
            for (String dead : new String[] {"/password/reset?token=nope", "/email/verify?token=nope", "/email/confirm?token=nope"}) {
                browser.open(dead);
                violations.put(language + " dead link " + dead, browser.axeViolations());
            }

            // A member: the hub, the two forms with mistakes, and the pages behind the mails' links.
            String handle = "axe_" + language;
            signUpInBrowser(browser, handle, "Sam " + handle);
            String email = handle + "@example.org";
            browser.open("/account");
            violations.put(language + " account", browser.axeViolations());
            browser.open(mail.awaitOne(email).link("/email/verify"));
            violations.put(language + " verify", browser.axeViolations());
            submitWith("/account/password", Map.of("currentPassword", "wrong", "newPassword", "short"));
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " password with mistakes", browser.axeViolations());
            submitWith("/account/email", Map.of("email", "nope"));
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " email with mistakes", browser.axeViolations());
            submitWith("/account/email", Map.of("email", handle + "@new.example", "currentPassword", TestMembers.PASSWORD));
            browser.waitFor(By.cssSelector(".notice"));
            browser.open(mail.awaitOne(handle + "@new.example").link("/email/confirm"));
            violations.put(language + " confirm new address", browser.axeViolations());
            submitWith("/password/forgotten", Map.of("email", email));
            browser.waitFor(By.cssSelector("main h1"));
            violations.put(language + " forgotten sent", browser.axeViolations());
            browser.open(mail.await(email, 3).getLast().link("/password/reset"));
            violations.put(language + " reset", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void aVisitorSignsUpAndVerifiesTheirAddressFromTheMailWithTheKeyboardAlone() {
        browser.open("/");
        browser.tabTo("Créer un compte");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Créer un compte");
        browser.tabTo("the email field", e -> "email".equals(e.getAttribute("id")), 20, false);
        browser.type("lea@example.org");
        browser.press(Keys.TAB);
        browser.type("lea_k");
        browser.press(Keys.TAB);
        browser.type("Léa K");
        browser.press(Keys.TAB);
        browser.type(TestMembers.PASSWORD);
        browser.tabTo("Créer mon compte");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Accueil");
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText())
                .startsWith("Nous avons envoyé un e-mail à l’adresse que vous avez donnée.");

        // The account page says the address waits for confirmation, and how.
        browser.tabTo("Mon compte");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Mon compte");
        assertThat(browser.driver.findElement(By.tagName("main")).getText())
                .contains("lea@example.org", "Cette adresse n’est pas encore confirmée.", "Envoyer un nouvel e-mail de confirmation");

        var sent = mail.awaitOne("lea@example.org");
        assertThat(sent.subject()).isEqualTo("Confirmez votre adresse e-mail");
        browser.open(sent.link("/email/verify"));
        browser.waitForTitle("Confirmer mon adresse e-mail");
        browser.tabTo("Confirmer mon adresse");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Mon compte");
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Merci : votre adresse e-mail est confirmée.");
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("Cette adresse est confirmée.");
    }

    @Test
    void aMemberWhoForgotTheirPasswordSetsANewOneFromTheMailWithTheKeyboardAlone() throws Exception {
        members.create("max");
        browser.open("/signin");
        browser.tabTo("Mot de passe oublié ?");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Mot de passe oublié");
        browser.tabTo("the email field", e -> "email".equals(e.getAttribute("id")), 20, false);
        browser.type("max@example.org");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Regardez vos e-mails");
        assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("max@example.org", "pendant 30 minutes");

        var sent = mail.awaitOne("max@example.org");
        assertThat(sent.subject()).isEqualTo("Choisir un nouveau mot de passe");
        browser.open(sent.link("/password/reset"));
        browser.waitForTitle("Choisir un nouveau mot de passe");
        browser.tabTo("the password field", e -> "password".equals(e.getAttribute("id")), 20, false);
        assertThat(browser.focused().getAttribute("autocomplete")).isEqualTo("new-password");
        browser.type(NEW_PASSWORD);
        browser.press(Keys.ENTER);
        browser.waitForTitle("Mon compte");
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).startsWith("Votre nouveau mot de passe est enregistré.");
        assertThat(browser.driver.findElements(By.cssSelector("form[action='/signout']"))).isNotEmpty();

        assertThat(mail.await("max@example.org", 2).getLast().subject()).isEqualTo("Votre mot de passe a été changé");
        TestMembers.signInOverHttp(baseUrl(), "max@example.org", NEW_PASSWORD);
    }

    @Test
    void aMemberChangesTheirPasswordWithTheKeyboardAndTheirOtherBrowserIsSignedOut() {
        signUpInBrowser(browser, "ned", "Ned");
        try (var other = new Browser(baseUrl())) {
            other.open("/signin");
            other.driver.findElement(By.id("email")).sendKeys("ned@example.org");
            other.driver.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD, Keys.ENTER);
            other.waitFor(By.cssSelector("form[action='/signout']"));

            browser.open("/");
            browser.tabTo("Mon compte");
            browser.press(Keys.ENTER);
            browser.waitForTitle("Mon compte");
            browser.tabTo("Changer de mot de passe");
            browser.press(Keys.ENTER);
            browser.waitForTitle("Changer de mot de passe");
            browser.tabTo("the current password", e -> "currentPassword".equals(e.getAttribute("id")), 20, false);
            assertThat(browser.focused().getAttribute("autocomplete")).isEqualTo("current-password");
            browser.type(TestMembers.PASSWORD);
            browser.press(Keys.TAB);
            assertThat(browser.focused().getAttribute("autocomplete")).isEqualTo("new-password");
            browser.type(NEW_PASSWORD);
            browser.press(Keys.ENTER);
            browser.waitForTitle("Mon compte");
            assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText())
                    .isEqualTo("Votre mot de passe est changé. Vos autres appareils ont été déconnectés.");

            other.open("/");
            assertThat(other.driver.findElements(By.cssSelector("form[action='/signout']"))).as("the other browser is signed out").isEmpty();
            assertThat(other.driver.findElements(By.cssSelector("a[href='/signin']"))).isNotEmpty();
            browser.open("/");
            assertThat(browser.driver.findElements(By.cssSelector("form[action='/signout']"))).as("this one is not").isNotEmpty();
        }
    }
}
