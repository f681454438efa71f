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
 * Issue 17 in Chromium: the "who may message me" radios of the messaging settings and the page
 * where an invited member accepts to represent an association, with axe-core in French and
 * English, at 320 px, and with the keyboard alone.
 */
class SafetyBrowserTest extends RampeTest {

    private Browser browser;

    @BeforeEach
    void anAssociationRepresentedByAna() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        graph.write("""
                CREATE (m:Member {id: randomUUID(), email: 'ana@example.org', handle: 'ana_lefevre', displayName: 'Ana Lefèvre'})
                CREATE (a:Association {id: randomUUID(), slug: 'club-des-sourds', name: 'Club des sourds de Montpellier',
                                       description: 'Rencontres en LSF.', contact: '', website: '', verified: false, createdAt: datetime()})
                CREATE (m)-[:CREATED]->(a), (m)-[:REPRESENTS {since: datetime()}]->(a)
                """);
    }

    /** Ana invites the member, as the edit page's form does. */
    private void invited(String handle) {
        graph.write("""
                MATCH (m:Member {handle: $h}), (a:Association {slug: 'club-des-sourds'}), (ana:Member {handle: 'ana_lefevre'})
                CREATE (m)-[:INVITED_TO_REPRESENT {at: datetime(), by: ana.id}]->(a)""", Map.of("h", handle));
    }

    @Test
    void theSettingsAndTheInvitationPageHaveNoAxeViolationInFrenchAndEnglishAndReflowAt320Pixels() {
        Map<String, String> violations = new LinkedHashMap<>();
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String language : List.of("fr", "en")) {
            browser.forgetCookies();
            String handle = "axe_" + language;
            signUpInBrowser(browser, handle, "Sam " + language);
            browser.cookie("rampe_lang", language);
            invited(handle);
            for (String path : List.of("/messages/settings", "/associations/club-des-sourds/invitation", "/associations/club-des-sourds")) {
                browser.resize(1280, 900);
                browser.open(path);
                assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
                violations.put(language + " " + path, browser.axeViolations());
                browser.resize(320, 800);
                browser.open(path);
                overflow.put(language + " " + path, browser.horizontalOverflow());
            }
            browser.resize(1280, 900);
        }
        violations.values().removeIf(String::isEmpty);
        overflow.values().removeIf(px -> px <= 0);
        assertThat(violations).as("axe-core violations by page").isEmpty();
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void aMemberChoosesThatNobodyMayWriteToThemWithTheKeyboardAlone() {
        signUpInBrowser(browser, "kbd", "Sam Kbd");
        browser.open("/messages/settings");
        // The group's checked radio takes the focus; the arrows move the choice within the group.
        browser.tabTo("the checked choice", e -> "messagesFrom-contacts".equals(e.getAttribute("id")), 40, false);
        browser.press(Keys.ARROW_DOWN);
        browser.press(Keys.ARROW_DOWN);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("messagesFrom-nobody");
        browser.tabTo("Enregistrer les réglages");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.id("messagesFrom-nobody")).isSelected()).isTrue();
        assertThat(graph.one("MATCH (m:Member {handle: 'kbd'}) RETURN m.messagesFrom AS v", Map.of(), r -> r.get("v").asString()))
                .contains("nobody");
    }

    @Test
    void anInvitedMemberAcceptsWithTheKeyboardAlone() {
        signUpInBrowser(browser, "kbd_rep", "Sam Rep");
        invited("kbd_rep");
        browser.open("/associations/club-des-sourds");
        browser.tabTo("the invitation link", e -> e.getText().contains("accepter ou refuser"), 40, false);
        browser.press(Keys.ENTER);
        browser.waitForTitle("Représenter « Club des sourds de Montpellier »");
        browser.tabTo("Accepter et représenter l’association");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).contains("Vous représentez maintenant l’association.");
        assertThat(graph.exists("MATCH (:Member {handle: 'kbd_rep'})-[:REPRESENTS]->(:Association) RETURN true", Map.of())).isTrue();
    }
}
