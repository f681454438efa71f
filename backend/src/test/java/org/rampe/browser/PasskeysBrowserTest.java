package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/**
 * Passkeys in a real Chromium, with its virtual authenticator standing in for a phone's or a
 * computer's (it says yes at once, as a person who touches the sensor): add one on the passkeys
 * page, sign out, sign in with it; axe in French and English; the keyboard alone. The pages are
 * opened at the site's public address (localhost), the origin passkeys are bound to.
 */
class PasskeysBrowserTest extends RampeTest {

    private static Browser browser;
    private VirtualAuthenticator authenticator;

    @BeforeEach
    void aFreshBrowserWithAnAuthenticator() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        open("/accessibility");
        browser.driver.manage().deleteAllCookies();
        authenticator = browser.driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    @AfterEach
    void removeTheAuthenticator() {
        browser.driver.removeVirtualAuthenticator(authenticator);
    }

    private static void open(String path) {
        browser.driver.get(publicUrl() + path);
    }

    /** Signs up through the form at the public address, in the given language, and waits until signed in. */
    private static void signUp(String handle, String language) {
        open("/signup");
        browser.driver.findElement(By.id("email")).sendKeys(handle + "@example.org");
        browser.driver.findElement(By.id("handle")).sendKeys(handle);
        browser.driver.findElement(By.id("displayName")).sendKeys(TestMembers.displayName(handle));
        browser.driver.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        browser.driver.findElement(By.id("fr".equals(language) ? "language" : "language-" + language)).click();
        browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("form[action='/signout']"));
    }

    private static void waitUntilShown(By by) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> d.findElement(by).isDisplayed());
    }

    private long passkeysOf(String handle) {
        return graph.count("MATCH (:Member {handle: $h})-[:HAS_PASSKEY]->(p:Passkey) RETURN count(p)", Map.of("h", handle));
    }

    @Test
    void aMemberAddsAPasskeySignsOutAndSignsInWithItWithTheKeyboardAloneAndGetsTheirLanguageBack() {
        signUp("noor", "en");

        // The passkeys page, in English (the member's language): the script shows the form.
        open("/account/passkeys");
        browser.waitForTitle("Passkeys");
        waitUntilShown(By.cssSelector("form.passkey-add"));
        assertThat(browser.driver.findElement(By.cssSelector(".passkeys-unsupported")).isDisplayed()).isFalse();

        // Without a name, the script says so and takes the person to the problem.
        browser.tabTo("the passkey's name", e -> "passkey-name".equals(e.getAttribute("id")), 40, false);
        browser.tabTo("Add a passkey");
        browser.press(Keys.ENTER);
        waitUntilShown(By.cssSelector("form.passkey-add .error-summary"));
        assertThat(browser.focused().getAttribute("class")).contains("error-summary");
        assertThat(browser.focused().getText()).contains("Give the passkey a name.");
        assertThat(browser.driver.findElement(By.id("passkey-name")).getAttribute("aria-invalid")).isEqualTo("true");

        browser.tabTo("the passkey's name", e -> "passkey-name".equals(e.getAttribute("id")), 10, false);
        browser.type("Noor’s laptop");
        browser.tabTo("Add a passkey");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".passkey h3"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText())
                .isEqualTo("The passkey is added. Next time, you can sign in with it.");
        assertThat(browser.driver.findElement(By.cssSelector(".passkey h3")).getText()).isEqualTo("Noor’s laptop");
        assertThat(browser.driver.findElement(By.cssSelector(".passkey-meta")).getText()).contains("Not used to sign in yet");
        assertThat(passkeysOf("noor")).isOne();
        assertThat(authenticator.getCredentials()).hasSize(1);

        // Sign out, and forget the language cookie: the next page is French, as this browser asks.
        browser.tabTo("Sign out");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("a[href='/signin']"));
        browser.driver.manage().deleteAllCookies();
        open("/");
        assertThat(browser.htmlAttribute("lang")).isEqualTo("fr");

        browser.tabTo("Se connecter");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Se connecter");
        waitUntilShown(By.cssSelector(".passkey-sign-in"));
        // Signed out, reading the sign-in page: no session (the ceremony's first request makes one).
        assertThat(browser.driver.manage().getCookieNamed("RAMPE_SESSION")).as("a visitor's session").isNull();
        browser.tabTo("Se connecter avec une clé d’accès");
        browser.press(Keys.ENTER);

        // Signed in as the member, in the member's own language, as after the password form.
        browser.waitFor(By.cssSelector("form[action='/signout']"));
        assertThat(browser.driver.manage().getCookieNamed("RAMPE_SESSION")).as("the member's session").isNotNull();
        assertThat(browser.htmlAttribute("lang")).isEqualTo("en");
        assertThat(browser.driver.findElement(By.cssSelector(".nav-member")).getText()).contains("Noor");
        assertThat(browser.driver.manage().getCookieNamed("rampe_lang")).extracting(Cookie::getValue).isEqualTo("en");

        open("/account/passkeys");
        assertThat(browser.driver.findElement(By.cssSelector(".passkey-meta")).getText()).contains("Last used to sign in on");
        assertThat(graph.exists("MATCH (:Member {handle: 'noor'})-[:HAS_PASSKEY]->(p:Passkey) RETURN p.lastUsedAt IS NOT NULL",
                Map.of())).isTrue();
    }

    @Test
    void thePasskeyPagesHaveNoAxeViolationInFrenchOrEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : new String[] {"fr", "en"}) {
            open("/accessibility");
            browser.driver.manage().deleteAllCookies();
            String handle = "axe_" + language;
            signUp(handle, language);

            open("/account/passkeys");
            waitUntilShown(By.cssSelector("form.passkey-add"));
            assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
            violations.put(language + " no passkey yet", browser.axeViolations());

            browser.driver.findElement(By.cssSelector("form.passkey-add button[type=submit]")).click();
            waitUntilShown(By.cssSelector("form.passkey-add .error-summary"));
            violations.put(language + " a passkey without a name", browser.axeViolations());

            browser.fill(By.id("passkey-name"), "Clé 🔑 " + language);
            browser.driver.findElement(By.cssSelector("form.passkey-add button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".passkey h3"));
            browser.driver.findElement(By.cssSelector(".passkey-rename summary")).click();
            violations.put(language + " one passkey, renaming", browser.axeViolations());

            browser.driver.findElement(By.cssSelector(".passkey-rename input[name=name]")).clear();
            browser.driver.findElement(By.cssSelector(".passkey-rename button")).click();
            browser.waitFor(By.cssSelector(".error-summary a"));
            violations.put(language + " renaming without a name", browser.axeViolations());

            browser.driver.findElement(By.cssSelector("form[action='/signout'] button")).click();
            browser.waitFor(By.cssSelector("a[href='/signin']"));
            open("/signin");
            waitUntilShown(By.cssSelector(".passkey-sign-in"));
            violations.put(language + " sign-in with the passkey button", browser.axeViolations());
            authenticator.removeAllCredentials();
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }
}
