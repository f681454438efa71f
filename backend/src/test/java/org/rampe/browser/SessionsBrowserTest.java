package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.Keys;
import org.rampe.HttpDevice;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/**
 * "Signed-in devices" and the page of a used-up limit (429) in Chromium: axe-core in French and
 * English, nothing sideways at 320 px with text at 200 %, and another device signed out with the
 * keyboard alone.
 */
class SessionsBrowserTest extends RampeTest {

    private Browser browser;

    @BeforeEach
    void theBrowser() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    /** The member's phone, signed in over plain HTTP beside the browser. */
    private HttpDevice phoneOf(String handle) throws Exception {
        return new HttpDevice(baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn(handle + "@example.org", TestMembers.PASSWORD);
    }

    @Test
    void theDevicesPageAndTheTooManyRequestsPageHaveNoAxeViolationInFrenchOrEnglish() throws Exception {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : new String[] {"fr", "en"}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            String handle = "dev_" + language;
            signUpInBrowser(browser, handle, "Sam " + handle);
            browser.open("/account/sessions");
            assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
            violations.put(language + " this device only", browser.axeViolations());
            phoneOf(handle);
            browser.open("/account/sessions");
            assertThat(browser.driver.findElements(By.cssSelector("li.session"))).hasSize(2);
            violations.put(language + " two devices", browser.axeViolations());

            // A visitor who asks for a reset link too often for one address (three an hour).
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            for (int i = 0; i < 4; i++) {
                browser.open("/password/forgotten");
                browser.fill(By.id("email"), handle + "@example.org");
                var form = browser.driver.findElement(By.cssSelector("main form"));
                browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
                // The answer replaced the form's page (the old page's h1 would match at once, and the
                // next open could then race the post's answer).
                new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(form));
                browser.waitFor(By.cssSelector("main h1"));
            }
            assertThat(browser.driver.findElement(By.cssSelector("main h1")).getText())
                    .isEqualTo(language.equals("fr") ? "Trop de demandes" : "Too many requests");
            violations.put(language + " 429", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void theDevicesPageReflowsAt320PixelsWithTextAt200Percent() throws Exception {
        signUpInBrowser(browser, "narrow", "Sam narrow");
        phoneOf("narrow");
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        browser.resize(320, 800);
        browser.open("/account/sessions");
        assertThat(browser.horizontalOverflow()).as("CSS pixels wider than the window").isLessThanOrEqualTo(0);
    }

    @Test
    void aMemberSignsTheirPhoneOutWithTheKeyboardAlone() throws Exception {
        signUpInBrowser(browser, "kbd", "Sam kbd");
        var phone = phoneOf("kbd");
        browser.open("/account");
        browser.waitForTitle("Mon compte");
        browser.tabTo("Les appareils où je suis connecté·e");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Appareils connectés");
        assertThat(browser.driver.findElement(By.cssSelector("main")).getText()).contains("Firefox sur Android", "cet appareil");

        // The button's visible words start its name; the rest (which device) is for screen readers.
        browser.tabTo("the phone's button", e -> e.getAttribute("textContent").strip().startsWith("Déconnecter cet appareil"), 40, false);
        assertThat(browser.focused().getAttribute("textContent")).contains("Firefox sur Android");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("L’appareil a été déconnecté.");
        assertThat(browser.driver.findElements(By.cssSelector("li.session"))).hasSize(1);
        assertThat(phone.signedIn()).as("the phone is signed out").isFalse();
        browser.open("/");
        assertThat(browser.driver.findElements(By.cssSelector("form[action='/signout']"))).as("this browser is not").isNotEmpty();
    }
}
