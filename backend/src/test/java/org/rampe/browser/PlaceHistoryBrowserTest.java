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
import org.rampe.places.Address;
import org.rampe.places.GeoPoint;
import org.rampe.places.PlaceId;
import org.rampe.places.Places;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A place's history and the revert confirmation in Chromium: axe-core in French and English, and
 * the keyboard-only journey "an administrator opens a place's history and reverts one change".
 */
class PlaceHistoryBrowserTest extends RampeTest {

    @Autowired
    Places places;

    private Browser browser;
    private PlaceId place;

    @BeforeEach
    void aPlaceSomeoneRenamed() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        String lou = members.create("lou");
        place = places.add("Café des Arts", "café", new Address("2 rue Foch", "34000", "Montpellier"),
                new GeoPoint(43.61, 3.877), lou, Map.of());
        // The renaming, written as the edit form writes it: the change and its revision by Lou.
        graph.write("""
                MATCH (p:Place {id: $id}), (m:Member {id: $lou})
                SET p.name = 'Café Vandale'
                CREATE (p)-[:REVISED]->(r:Revision {id: randomUUID(), at: datetime(), fields: ['name'],
                        before: ['Café des Arts'], after: ['Café Vandale']})
                CREATE (m)-[:MADE]->(r)""", Map.of("id", place.value(), "lou", lou));
    }

    @Test
    void theHistoryAndTheRevertConfirmationHaveNoAxeViolationInFrenchAndEnglish() {
        signUpInBrowser(browser, ADMIN_HANDLE, "Admin");
        Map<String, String> violations = new LinkedHashMap<>();
        for (String lang : List.of("fr", "en")) {
            browser.cookie("rampe_lang", lang);
            browser.open("/places/" + place + "/history");
            violations.put(lang + " history", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("a[href^='/moderation/places/revisions/']")).click();
            browser.waitFor(By.cssSelector("form.actions"));
            violations.put(lang + " revert confirmation", browser.axeViolations());
            browser.resize(320, 800);
            violations.put(lang + " revert confirmation at 320 px", browser.axeViolations());
            browser.open("/places/" + place + "/history");
            violations.put(lang + " history at 320 px", browser.axeViolations());
            browser.resize(1280, 900);
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void aMemberSaysAPlaceGoneFromTheOpenDataIsStillOpenWithTheKeyboardAloneAndAxeFindsNothing() {
        // Marked as a complete import marks a place it no longer has (issue 18).
        graph.write("MATCH (p:Place {id: $id}) SET p.maybeClosedSince = datetime('2026-12-01T10:00:00Z')",
                Map.of("id", place.value()));
        signUpInBrowser(browser, "voisine", "Voisine");
        Map<String, String> violations = new LinkedHashMap<>();
        for (String lang : List.of("fr", "en")) {
            browser.cookie("rampe_lang", lang);
            browser.open("/places/" + place);
            browser.waitFor(By.id("maybe-closed"));
            violations.put(lang + " maybe closed", browser.axeViolations());
            browser.resize(320, 800);
            violations.put(lang + " maybe closed at 320 px", browser.axeViolations());
            browser.resize(1280, 900);
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();

        browser.cookie("rampe_lang", "fr");
        browser.open("/places/" + place);
        browser.tabTo("Toujours ouvert");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElements(By.id("maybe-closed"))).isEmpty();
        assertThat(graph.count("MATCH (p:Place {id: $id}) WHERE p.maybeClosedSince IS NULL AND p.closed = false RETURN count(p) AS n",
                Map.of("id", place.value()))).isEqualTo(1);
    }

    @Test
    void anAdministratorOpensAPlacesHistoryAndRevertsOneChangeWithTheKeyboardAlone() {
        signUpInBrowser(browser, ADMIN_HANDLE, "Admin");
        browser.open("/places/" + place);
        browser.tabTo("Historique des modifications de ce lieu");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Historique : Café Vandale");
        assertThat(browser.driver.findElement(By.cssSelector("main")).getText()).contains("@lou", "Café des Arts", "Café Vandale");

        browser.tabTo("Annuler cette modification");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Annuler cette modification ?");
        assertThat(browser.driver.findElement(By.cssSelector("table.revision-changes")).getText())
                .contains("Café Vandale", "Café des Arts");
        browser.tabTo("Oui, annuler cette modification");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).contains("La modification a été annulée.");
        assertThat(browser.driver.getTitle()).startsWith("Historique : Café des Arts");
        assertThat(browser.driver.findElement(By.cssSelector("main")).getText()).contains("annule la modification du");
    }
}
