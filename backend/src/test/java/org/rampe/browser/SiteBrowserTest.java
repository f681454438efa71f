package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.rampe.RampeTest;

/**
 * The foundation's pages in a real Chromium: axe-core finds nothing in either language or in high
 * contrast, nothing scrolls sideways at 320 px or with text at 200 %, and a whole journey works
 * with Tab, Shift+Tab, Enter and Space only.
 */
class SiteBrowserTest extends RampeTest {

    private static Browser browser;

    @BeforeEach
    void aFreshBrowserSession() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    private static final List<String> VISITOR_PAGES = List.of("/", "/signin", "/signup", "/preferences", "/accessibility");
    private static final List<String> MEMBER_PAGES = List.of("/", "/preferences", "/account/needs", "/no/such/page");

    private void submitFormWithMistakes() {
        browser.open("/signup");
        browser.driver.findElement(By.id("email")).sendKeys("not an email");
        browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        browser.waitFor(By.cssSelector(".error-summary"));
    }

    private void failSignIn() {
        browser.open("/signin");
        browser.driver.findElement(By.id("email")).sendKeys("nobody@example.org");
        browser.driver.findElement(By.id("password")).sendKeys("wrong password");
        browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        browser.waitFor(By.cssSelector(".error-summary"));
    }

    @Test
    void everyPageHasNoAxeViolationInFrenchEnglishAndHighContrast() {
        Map<String, String> violations = new LinkedHashMap<>();
        int member = 0;
        // Both languages as they come; high contrast in French; large readable text in English.
        for (String[] setting : new String[][] {{"fr", "t100.c0.f0.m0"}, {"en", "t100.c0.f0.m0"},
                {"fr", "t100.c1.f0.m0"}, {"en", "t200.c0.f1.m1"}}) {
            {
                String language = setting[0];
                String display = setting[1];
                browser.forgetCookies();
                browser.cookie("rampe_lang", language);
                browser.cookie("rampe_display", display);
                String label = language + " " + display + " ";
                for (String path : VISITOR_PAGES) {
                    browser.open(path);
                    assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
                    violations.put(label + path, browser.axeViolations());
                }
                submitFormWithMistakes();
                violations.put(label + "sign-up with mistakes", browser.axeViolations());
                failSignIn();
                violations.put(label + "failed sign-in", browser.axeViolations());

                String handle = "member" + member++;
                signUpInBrowser(browser, handle, "Zoé 🌻 " + handle);
                for (String path : MEMBER_PAGES) {
                    browser.open(path);
                    violations.put(label + "member " + path, browser.axeViolations());
                }
                browser.open("/account/needs");
                browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
                browser.waitFor(By.cssSelector(".error-summary"));
                violations.put(label + "member needs without consent", browser.axeViolations());
            }
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void nothingScrollsSidewaysAt320PixelsNorWithTextAt200Percent() {
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String display : List.of("t100.c0.f0.m0", "t200.c0.f0.m0", "t200.c1.f1.m0")) {
            browser.forgetCookies();
            browser.cookie("rampe_display", display);
            for (int width : new int[] {320, 640}) {
                browser.resize(width, 800);
                for (String path : VISITOR_PAGES) {
                    browser.open(path);
                    overflow.put(display + " " + width + "px " + path, browser.horizontalOverflow());
                }
                submitFormWithMistakes();
                overflow.put(display + " " + width + "px sign-up with mistakes", browser.horizontalOverflow());
            }
        }
        overflow.values().removeIf(px -> px <= 0);
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void aVisitorSignsUpSignsOutSignsInAndChangesLanguageAndTextSizeWithTheKeyboardAlone() {
        browser.open("/");

        // The first Tab reaches the skip link; Enter moves focus to the main content.
        browser.press(Keys.TAB);
        assertThat(browser.focused().getText()).isEqualTo("Aller au contenu");
        browser.press(Keys.ENTER);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("main");

        browser.tabTo("Créer un compte");
        assertThat(browser.focused().getTagName()).isEqualTo("a");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Créer un compte");

        // Fill the form with a password that is too short: the error summary takes focus.
        browser.tabTo("the email field", e -> "email".equals(e.getAttribute("id")), 20, false);
        browser.type("lea@example.org");
        browser.press(Keys.TAB);
        browser.type("lea_k");
        browser.press(Keys.TAB);
        browser.type("Léa ✨ K");
        browser.press(Keys.TAB);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("password");
        browser.type("too short");
        browser.tabTo("Créer mon compte");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Erreur : Créer un compte");
        assertThat(browser.focused().getAttribute("class")).contains("error-summary");

        // The summary's link leads to the field; what was typed is still there, but the password.
        browser.press(Keys.TAB);
        assertThat(browser.focused().getText()).contains("au moins 12 caractères");
        browser.press(Keys.ENTER);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("password");
        assertThat(browser.driver.findElement(By.id("email")).getAttribute("value")).isEqualTo("lea@example.org");
        assertThat(browser.focused().getAttribute("value")).isEmpty();
        browser.type("a sentence long enough");
        // Shift+Tab goes back through the form the other way.
        browser.tabTo("the display name", e -> "displayName".equals(e.getAttribute("id")), 3, true);
        assertThat(browser.focused().getAttribute("value")).isEqualTo("Léa ✨ K");
        browser.tabTo("Créer mon compte");
        browser.press(Keys.SPACE);
        browser.waitForTitle("Accueil");
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).contains("Nous avons envoyé un e-mail à l’adresse que vous avez donnée.");

        // Sign out from the header.
        browser.tabTo("Se déconnecter");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("a[href='/signin']"));
        assertThat(browser.driver.findElement(By.cssSelector("main .notice")).getText()).isEqualTo("Vous êtes déconnecté·e.");

        // Sign in again: Enter in the password field submits the form.
        browser.tabTo("Se connecter");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Se connecter");
        browser.tabTo("the email field", e -> "email".equals(e.getAttribute("id")), 20, false);
        browser.type("LEA@example.org");
        browser.press(Keys.TAB);
        browser.type("a sentence long enough");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("form[action='/signout']"));
        assertThat(browser.driver.findElement(By.cssSelector(".nav-member")).getText()).contains("Léa ✨ K");

        // Switch to English from the header; the same page comes back in English.
        browser.tabTo("English");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Home");
        assertThat(browser.htmlAttribute("lang")).isEqualTo("en");

        // Display settings: one button per text size.
        browser.tabTo("Display");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Display settings");
        var twice = browser.tabTo("200%");
        assertThat(twice.getAttribute("aria-pressed")).isEqualTo("false");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("html.text-200"));
        assertThat(browser.driver.findElement(By.cssSelector("button[value='200']")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("The text size is saved.");

        // And reading comfort with Space on a checkbox.
        browser.tabTo("the high contrast checkbox", e -> "highContrast".equals(e.getAttribute("id")), 20, false);
        browser.press(Keys.SPACE);
        browser.tabTo("Save my settings");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("html.theme-contrast.text-200"));
    }
}
