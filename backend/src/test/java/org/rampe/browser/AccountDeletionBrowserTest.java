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
 * Deleting one's account in Chromium: with the keyboard alone, from the home page to the home page
 * signed out, once with each choice; and axe-core in French and English on the page, the page with
 * its mistakes, the mailed link's page and an erased member's 410 page.
 */
class AccountDeletionBrowserTest extends RampeTest {

    private Browser browser;

    @BeforeEach
    void aFreshBrowserSession() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    @Test
    void twoMembersDeleteTheirAccountWithTheKeyboardAloneOneWithEachChoice() {
        deleteWithTheKeyboard("rose", Keys.SPACE);        // the first radio: remove
        deleteWithTheKeyboard("iris", Keys.ARROW_DOWN);   // the arrow moves to the second and selects it: keep
        // Nobody is left but the one former member that kept content is signed by (no handle, no name).
        assertThat(graph.count("MATCH (m:Member) WHERE NOT m:Former RETURN count(m)", Map.of())).isZero();
        assertThat(graph.count("MATCH (m:Member:Former) WHERE m.handle IS NOT NULL OR m.displayName IS NOT NULL RETURN count(m)",
                Map.of())).isZero();
        // Each handle is reserved twice: as written, and by its look (its TR 39 skeleton, issue 17).
        assertThat(graph.count("MATCH (r:ReservedHandle) RETURN count(r)", Map.of())).isEqualTo(4);
    }

    private void deleteWithTheKeyboard(String handle, Keys choose) {
        browser.forgetCookies();
        signUpInBrowser(browser, handle, "Name " + handle);
        browser.open("/");
        browser.tabTo("Mon compte");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Mon compte");
        browser.tabTo("Supprimer mon compte");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Supprimer mon compte");
        assertThat(browser.driver.findElement(By.tagName("main")).getText())
                .contains("Ce qui sera supprimé", "Ce qui restera, sans votre nom", "Télécharger mes données");

        // Sent without a choice first: the error summary takes the focus and links to the choice.
        browser.tabTo("the password", e -> "password".equals(e.getAttribute("id")), 40, false);
        browser.type(TestMembers.PASSWORD);
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".error-summary"));
        assertThat(browser.driver.getTitle()).startsWith("Erreur");
        browser.tabTo("Choisissez ce que deviennent vos publications et vos commentaires");
        browser.press(Keys.ENTER);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("choice");
        browser.press(choose);
        assertThat(browser.focused().isSelected()).isTrue();
        browser.tabTo("the password", e -> "password".equals(e.getAttribute("id")), 10, false);
        browser.type(TestMembers.PASSWORD);
        browser.press(Keys.ENTER);
        browser.waitForTitle("Accueil");
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Votre compte a été supprimé.");
        assertThat(browser.driver.findElements(By.cssSelector("form[action='/signout']"))).isEmpty();
    }

    @Test
    void theDeletionPagesHaveNoAxeViolationInFrenchAndEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : new String[] {"fr", "en"}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            String handle = "axe_del_" + language;
            signUpInBrowser(browser, handle, "Sam " + handle);
            browser.open("/account/delete");
            assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
            violations.put(language + " page", browser.axeViolations());
            browser.driver.findElement(By.id("password")).sendKeys("wrong password");
            browser.driver.findElement(By.cssSelector("main form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " page with mistakes", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("form[action='/account/delete/link'] button")).click();
            browser.waitFor(By.cssSelector(".notice"));
            browser.open(mail.await(handle + "@example.org", 2).getLast().link("/account/delete/confirm"));
            violations.put(language + " mailed link's page", browser.axeViolations());
            browser.driver.findElement(By.id("choice")).click();
            browser.driver.findElement(By.cssSelector("main form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".notice"));
            browser.open("/members/" + handle);
            assertThat(browser.driver.findElement(By.tagName("h1")).getText())
                    .isEqualTo(language.equals("fr") ? "Ce compte a été supprimé" : "This account was deleted");
            violations.put(language + " 410", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }
}
