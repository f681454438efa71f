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
 * Groups in Chromium: axe-core in French and English on the listing, a group page (as a visitor,
 * a non-member, a member with the post form and an owner), the members list, the join page, and
 * the creation and edit forms, blank and with errors; nothing sideways at 320 px; joining with the keyboard alone.
 */
class GroupsBrowserTest extends RampeTest {

    private Browser browser;

    @BeforeEach
    void aGroup() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        graph.write("""
                CREATE (a:Member {id: randomUUID(), email: 'ana@example.org', handle: 'ana', displayName: 'Ana Lefèvre'})
                CREATE (g:Group {id: randomUUID(), slug: 'balades', name: 'Balades accessibles', searchName: 'balades accessibles',
                                 description: 'Sorties en fauteuil autour de Montpellier.', rules: '1. Bienveillance.\\n2. Pas de publicité.',
                                 kind: 'public', publicAuditLog: false, createdAt: datetime()})
                CREATE (a)-[:OWNS_GROUP]->(g), (a)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g)
                CREATE (a)-[:POSTED]->(:Post {id: randomUUID(), text: 'Sortie au Lez dimanche 🌿', contentWarning: '', language: 'fr',
                                              visibility: 'group', createdAt: datetime()})-[:IN_GROUP]->(g)
                CREATE (p:Group {id: randomUUID(), slug: 'entraide', name: 'Entraide', searchName: 'entraide', description: '',
                                 rules: '', kind: 'private', publicAuditLog: false, createdAt: datetime()})
                CREATE (a)-[:OWNS_GROUP]->(p), (a)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(p)
                """);
    }

    @Test
    void groupPagesAndTheCreationAndEditFormsWithErrorsHaveNoAxeViolationInFrenchAndEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        int n = 0;
        for (String language : List.of("fr", "en")) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            for (String path : List.of("/groups", "/groups?q=balade", "/groups/balades", "/groups/balades/members", "/groups/entraide")) {
                browser.open(path);
                assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
                violations.put(language + " visitor " + path, browser.axeViolations());
            }
            String handle = "axe_" + language + n++;
            signUpInBrowser(browser, handle, "Sam " + handle);
            browser.cookie("rampe_lang", language);
            for (String path : List.of("/groups", "/groups/balades", "/groups/balades/join", "/groups/entraide", "/groups/new")) {
                browser.open(path);
                violations.put(language + " non-member " + path, browser.axeViolations());
            }
            browser.open("/groups/balades/join");
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".notice"));
            violations.put(language + " member group page with post form", browser.axeViolations());

            browser.open("/groups/new");
            browser.driver.findElement(By.id("description")).sendKeys("é".repeat(1001));
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " creation form with errors", browser.axeViolations());

            graph.write("""
                    MATCH (m:Member {handle: $h}), (g:Group {slug: 'entraide'})
                    CREATE (m)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g)""", Map.of("h", handle));
            browser.open("/groups/entraide");
            violations.put(language + " owner group page with the edit link", browser.axeViolations());
            browser.open("/groups/entraide/edit");
            violations.put(language + " edit form", browser.axeViolations());
            browser.driver.findElement(By.id("name")).clear();
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " edit form with an error", browser.axeViolations());

            browser.open("/groups/balades");
            browser.driver.findElement(By.cssSelector("form[action='/groups/balades/posts'] button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " group post form with an error", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void groupPagesReflowAt320Pixels() {
        signUpInBrowser(browser, "narrow", "Sam Narrow");
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        browser.resize(320, 800);
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String path : List.of("/groups", "/groups/balades", "/groups/balades/members", "/groups/balades/join", "/groups/new")) {
            browser.open(path);
            overflow.put(path, browser.horizontalOverflow());
        }
        overflow.values().removeIf(px -> px <= 0);
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void aMemberFindsAGroupReadsItsRulesAndJoinsWithTheKeyboardAlone() {
        signUpInBrowser(browser, "kbd", "Sam Kbd");
        browser.open("/");
        browser.tabTo("Groupes");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Groupes");
        browser.tabTo("the search field", e -> "q".equals(e.getAttribute("id")), 40, false);
        browser.type("balade");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("#results"));
        browser.tabTo("Balades accessibles");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Groupe Balades accessibles");
        browser.tabTo("Rejoindre le groupe");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Rejoindre le groupe Balades accessibles");
        assertThat(browser.driver.findElement(By.cssSelector(".group-rules")).getText()).contains("Pas de publicité.");
        browser.tabTo("J’accepte les règles et je rejoins le groupe");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).contains("Vous avez rejoint le groupe.");
        browser.tabTo("text area", e -> "text".equals(e.getAttribute("id")), 60, false);
        browser.type("Bonjour tout le monde");
        browser.tabTo("Publier dans le groupe");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.getPageSource()).contains("Bonjour tout le monde");
    }
}
