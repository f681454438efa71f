package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.rampe.RampeTest;
import org.rampe.images.TestImages;

/**
 * Association pages in Chromium: axe-core in French and English on the list, a page (verified,
 * with its logo), the form with its errors, the logo form and the administrators' queue; reflow
 * at 320 px; and an administrator verifying an association with the keyboard alone.
 */
class AssociationsBrowserTest extends RampeTest {

    private Browser browser;

    @BeforeEach
    void someAssociations() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        graph.write("""
                CREATE (m:Member {id: randomUUID(), email: 'ana@example.org', handle: 'ana_lefevre', displayName: 'Ana Lefèvre'})
                CREATE (a:Association {id: randomUUID(), slug: 'club-des-sourds', name: 'Club des sourds de Montpellier',
                                       description: 'Rencontres en LSF.\\nChaque samedi.', contact: '04 67 00 00 00',
                                       website: 'https://example.org/club', verified: true, verifiedAt: datetime(), createdAt: datetime()})
                CREATE (p:Association {id: randomUUID(), slug: 'parents-solidaires', name: 'Parents solidaires 34 🌻',
                                       description: 'Entraide.', contact: '', website: '', verified: false, createdAt: datetime()})
                CREATE (m)-[:CREATED]->(a), (m)-[:REPRESENTS {since: datetime()}]->(a)
                CREATE (m)-[:CREATED]->(p), (m)-[:REPRESENTS {since: datetime()}]->(p)
                """);
    }

    private void switchLanguage() {
        browser.driver.findElement(By.cssSelector("form[action='/language'] button")).click();
    }

    @Test
    void associationPagesFormsAndTheQueueHaveNoAxeViolationInFrenchAndEnglish() throws IOException {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : List.of("fr", "en")) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            for (String path : List.of("/associations", "/associations?q=club", "/associations/club-des-sourds",
                    "/associations/parents-solidaires")) {
                browser.open(path);
                assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
                violations.put(language + " visitor " + path, browser.axeViolations());
            }
        }
        browser.forgetCookies();
        signUpInBrowser(browser, ADMIN_HANDLE, "Admin Rampe");
        Path logo = Files.createTempFile("logo", ".png");
        Files.write(logo, TestImages.png(300, 200));
        for (String language : List.of("fr", "en")) {
            if (!browser.htmlAttribute("lang").equals(language)) {
                switchLanguage();
                browser.waitFor(By.cssSelector("html[lang='" + language + "']"));
            }
            // The form with its mistakes, then created for real: the creator is its representative.
            browser.open("/associations/new");
            violations.put(language + " new form", browser.axeViolations());
            browser.driver.findElement(By.id("website")).sendKeys("pas une adresse");
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " new form with mistakes", browser.axeViolations());
            browser.driver.findElement(By.id("name")).sendKeys("Association " + language);
            browser.driver.findElement(By.id("description")).sendKeys("Présentation");
            browser.driver.findElement(By.id("website")).clear();
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".notice"));
            String slug = "association-" + language;
            violations.put(language + " representative's page", browser.axeViolations());
            browser.open("/associations/" + slug + "/edit");
            violations.put(language + " edit form", browser.axeViolations());
            browser.open("/associations/" + slug + "/logo");
            browser.driver.findElement(By.id("file")).sendKeys(logo.toString());
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " logo form with mistakes", browser.axeViolations());
            browser.driver.findElement(By.id("file")).sendKeys(logo.toString());
            browser.driver.findElement(By.id("alt")).sendKeys("Deux mains qui signent");
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".notice"));
            assertThat(browser.driver.findElement(By.cssSelector(".association-logo")).getAttribute("alt")).isEqualTo("Deux mains qui signent");
            violations.put(language + " page with logo", browser.axeViolations());
            browser.open("/associations/" + slug + "/logo");
            violations.put(language + " logo form", browser.axeViolations());
            browser.open("/moderation/associations");
            violations.put(language + " administrators' queue", browser.axeViolations());
            browser.open("/associations");
            violations.put(language + " member list", browser.axeViolations());
        }
        Files.deleteIfExists(logo);
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void associationPagesReflowAt320Pixels() {
        signUpInBrowser(browser, ADMIN_HANDLE, "Admin Rampe");
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        browser.resize(320, 800);
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String path : List.of("/associations", "/associations/club-des-sourds", "/associations/new",
                "/moderation/associations")) {
            browser.open(path);
            overflow.put(path, browser.horizontalOverflow());
        }
        overflow.values().removeIf(px -> px <= 0);
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void anAdministratorVerifiesAnAssociationWithTheKeyboardAlone() {
        signUpInBrowser(browser, ADMIN_HANDLE, "Admin Rampe");
        browser.open("/moderation/associations");
        browser.waitForTitle("Associations à vérifier");
        browser.tabTo("the verify button", e -> "Vérifier cette association".equals(e.getText().strip()), 60, false);
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText())
                .isEqualTo("L’association est vérifiée. Sa page affiche le badge.");
        browser.tabTo("Parents solidaires 34 🌻");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Parents solidaires 34 🌻");
        assertThat(browser.driver.findElement(By.id("verification")).getText()).contains("Association vérifiée",
                "a vérifié que cette page est tenue par l’association elle-même");
    }
}
