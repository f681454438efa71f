package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.rampe.RampeTest;

/**
 * The privacy page and the accessibility statement in Chromium: axe-core in both languages and in
 * high contrast, no sideways scrolling at 320 px with text at 200 %, and reached with the keyboard
 * alone from the footer.
 */
class PrivacyBrowserTest extends RampeTest {

    private static final List<String> PAGES = List.of("/privacy", "/accessibility", "/signup");

    private Browser browser;

    @BeforeEach
    void aFreshBrowserSession() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    @Test
    void bothPagesHaveNoAxeViolationInFrenchEnglishAndHighContrast() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String[] setting : new String[][] {{"fr", "t100.c0.f0.m0"}, {"en", "t100.c0.f0.m0"}, {"fr", "t100.c1.f0.m0"},
                {"en", "t200.c0.f1.m1"}}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", setting[0]);
            browser.cookie("rampe_display", setting[1]);
            for (String path : PAGES) {
                browser.open(path);
                assertThat(browser.htmlAttribute("lang")).isEqualTo(setting[0]);
                violations.put(setting[0] + " " + setting[1] + " " + path, browser.axeViolations());
            }
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void nothingScrollsSidewaysAt320PixelsWithTextAt200Percent() {
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String display : List.of("t100.c0.f0.m0", "t200.c0.f0.m0", "t200.c1.f1.m0")) {
            browser.forgetCookies();
            browser.cookie("rampe_display", display);
            browser.resize(320, 800);
            for (String path : PAGES) {
                browser.open(path);
                overflow.put(display + " " + path, browser.horizontalOverflow());
            }
        }
        overflow.values().removeIf(px -> px <= 0);
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void aVisitorReachesThePrivacyPageThenTheStatementFromTheFooterWithTheKeyboardAlone() {
        browser.open("/places");
        browser.tabTo("the footer's privacy link", e -> "Vos données personnelles".equals(e.getText().strip()), 80, false);
        assertThat(browser.focused().getAttribute("href")).endsWith("/privacy");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Vos données personnelles");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Vos données personnelles");

        // Through the page: the rights' links and the CNIL are reached on the way.
        browser.tabTo("the CNIL link", e -> "Adresser une plainte à la CNIL".equals(e.getText().strip()), 80, false);
        browser.tabTo("the statement link", e -> "Déclaration d’accessibilité".equals(e.getText().strip()), 10, false);
        browser.press(Keys.ENTER);
        browser.waitForTitle("Déclaration d’accessibilité");
        assertThat(browser.driver.findElement(By.tagName("main")).getText())
                .contains("partiellement conforme", "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07");
        browser.tabTo("the Défenseur des droits form", e -> e.getText().strip().startsWith("écrire un message au Défenseur des droits"),
                80, false);

        // Back to the privacy page from the statement's footer, in English this time.
        browser.tabTo("English");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Accessibility statement");
        browser.tabTo("the footer's privacy link", e -> "Your personal data".equals(e.getText().strip()), 120, false);
        browser.press(Keys.ENTER);
        browser.waitForTitle("Your personal data");
    }
}
