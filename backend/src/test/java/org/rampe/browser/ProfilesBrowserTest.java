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
 * Profiles, relations and member search in Chromium: axe-core in French and English on each page
 * (forms with their errors too), nothing sideways at 320 px, and a keyboard-only journey.
 */
class ProfilesBrowserTest extends RampeTest {

    private Browser browser;

    @BeforeEach
    void someMembers() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        graph.write("""
                CREATE (a:Member {id: randomUUID(), email: 'ana@example.org', handle: 'ana_lefevre', displayName: 'Ana Lefèvre',
                                  bio: 'Maman d’un enfant autiste.\\nBénévole à Montpellier.', pronouns: 'elle',
                                  languages: ['fr', 'lsf'], city: 'Montpellier', privateAccount: false})
                CREATE (b:Member {id: randomUUID(), email: 'bo@example.org', handle: 'bo_nguyen', displayName: 'Bo Nguyễn 🌿'})
                CREATE (c:Member {id: randomUUID(), email: 'carla@example.org', handle: 'carla', displayName: 'Carla'})
                CREATE (b)-[:FOLLOWS {since: datetime()}]->(a), (c)-[:FOLLOWS {since: datetime()}]->(a), (a)-[:FOLLOWS {since: datetime()}]->(b)
                """);
    }

    /** The signed-in member's account becomes private, with two people waiting for approval. */
    private void privateWithRequests(String handle) {
        graph.write("""
                MATCH (m:Member {handle: $h}), (b:Member {handle: 'bo_nguyen'}), (c:Member {handle: 'carla'})
                SET m.privateAccount = true
                CREATE (b)-[:REQUESTED_FOLLOW {at: datetime()}]->(m), (c)-[:REQUESTED_FOLLOW {at: datetime()}]->(m)
                """, Map.of("h", handle));
    }

    @Test
    void profilesSearchListsAndFormsHaveNoAxeViolationInFrenchEnglishAndHighContrast() {
        Map<String, String> violations = new LinkedHashMap<>();
        int n = 0;
        // Both languages as they come; high contrast in French; large readable text in English.
        for (String[] setting : new String[][] {{"fr", "t100.c0.f0.m0"}, {"en", "t100.c0.f0.m0"},
                {"fr", "t100.c1.f0.m0"}, {"en", "t200.c0.f1.m1"}}) {
            String language = setting[0] + " " + setting[1];
            browser.forgetCookies();
            browser.cookie("rampe_lang", setting[0]);
            browser.cookie("rampe_display", setting[1]);
            for (String path : List.of("/members/ana_lefevre", "/members", "/members?q=ana", "/members?q=***",
                    "/members/ana_lefevre/followers", "/members/ana_lefevre/following")) {
                browser.open(path);
                assertThat(browser.htmlAttribute("lang")).isEqualTo(setting[0]);
                violations.put(language + " visitor " + path, browser.axeViolations());
            }
            String handle = "axe_" + n++;
            signUpInBrowser(browser, handle, "Sam " + handle);
            privateWithRequests(handle);
            for (String path : List.of("/members/ana_lefevre", "/members/" + handle, "/members?q=bo", "/account/profile",
                    "/account/follow-requests", "/members/ana_lefevre/followers")) {
                browser.open(path);
                violations.put(language + " member " + path, browser.axeViolations());
            }
            browser.open("/account/profile");
            browser.driver.findElement(By.id("displayName")).clear();
            browser.driver.findElement(By.id("bio")).sendKeys("é".repeat(501));
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " member edit profile with mistakes", browser.axeViolations());

            browser.open("/members/ana_lefevre");
            browser.driver.findElement(By.cssSelector("form[action='/members/ana_lefevre/block'] button")).click();
            browser.waitFor(By.cssSelector(".notice"));
            violations.put(language + " member blocked profile", browser.axeViolations());
            browser.open("/account/blocked");
            violations.put(language + " member blocked list", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void profileSearchAndEditPagesReflowAt320Pixels() {
        signUpInBrowser(browser, "narrow", "Sam narrow");
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        browser.resize(320, 800);
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String path : List.of("/members/ana_lefevre", "/members?q=ana", "/members/ana_lefevre/followers", "/account/profile")) {
            browser.open(path);
            overflow.put(path, browser.horizontalOverflow());
        }
        overflow.values().removeIf(px -> px <= 0);
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void aMemberFindsSomeoneFollowsThemAndFixesTheirOwnProfileWithTheKeyboardAlone() {
        signUpInBrowser(browser, "kbd", "Sam kbd");
        browser.open("/");

        browser.tabTo("Membres");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Trouver des membres");
        browser.tabTo("the search field", e -> "q".equals(e.getAttribute("id")), 30, false);
        browser.type("lefev");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("#results"));
        assertThat(browser.driver.findElement(By.cssSelector(".result-count")).getText()).isEqualTo("1 membre trouvé");

        browser.tabTo("Ana Lefèvre");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Ana Lefèvre (@ana_lefevre)");
        assertThat(browser.driver.findElement(By.cssSelector(".profile-bio")).getText()).contains("Bénévole à Montpellier");

        browser.tabTo("Suivre");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Vous suivez ce membre.");
        assertThat(browser.driver.findElement(By.cssSelector(".profile-counts")).getText()).contains("3 abonné·es");

        // Own profile, from the header; edit it with a mistake (the name emptied), then fix it.
        browser.tabTo("Mon profil");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Sam kbd (@kbd)");
        browser.tabTo("Modifier mon profil");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Modifier mon profil");
        browser.tabTo("the display name", e -> "displayName".equals(e.getAttribute("id")), 30, false);
        browser.press(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.press(Keys.TAB);
        browser.type("iel");
        browser.tabTo("the Occitan checkbox", e -> "languages-oc".equals(e.getAttribute("id")), 20, false);
        browser.press(Keys.SPACE);
        browser.tabTo("Enregistrer mon profil");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Erreur : Modifier mon profil");
        assertThat(browser.focused().getAttribute("class")).contains("error-summary");

        browser.press(Keys.TAB);
        assertThat(browser.focused().getText()).isEqualTo("Saisissez le nom à afficher.");
        browser.press(Keys.ENTER);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("displayName");
        assertThat(browser.driver.findElement(By.id("pronouns")).getAttribute("value")).isEqualTo("iel");
        assertThat(browser.driver.findElement(By.id("languages-oc")).isSelected()).isTrue();
        browser.type("Sam ✨ Keyboard");
        browser.tabTo("Enregistrer mon profil");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Sam ✨ Keyboard (@kbd)");
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Votre profil est enregistré.");
        assertThat(browser.driver.findElement(By.cssSelector("main")).getText()).contains("iel", "Occitan");
        assertThat(browser.driver.findElement(By.cssSelector(".nav-member")).getText()).contains("Sam ✨ Keyboard");
    }
}
