package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.rampe.RampeTest;
import org.rampe.TestArchives;

/**
 * "Your data" in Chromium: asking for the archive, following its preparation and downloading it
 * with the keyboard alone; axe-core in French and English on the page in each state, and on the
 * needs page with its consent history; nothing sideways at 320 px.
 */
class DataExportBrowserTest extends RampeTest {

    private Browser browser;

    @BeforeEach
    void theBrowser() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    /** The bytes behind a link, fetched with the browser's own session cookie. */
    private HttpResponse<byte[]> fetchWithTheBrowsersCookies(String href) throws Exception {
        var cookie = browser.driver.manage().getCookieNamed("RAMPE_SESSION");
        var request = HttpRequest.newBuilder(URI.create(href.startsWith("http") ? href : baseUrl() + href))
                .timeout(Duration.ofSeconds(30)).header("Cookie", "RAMPE_SESSION=" + cookie.getValue());
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void anArchiveIsBeingPrepared(String handle) {
        graph.write("""
                MATCH (m:Member {handle: $handle})
                CREATE (m)-[:ASKED_FOR]->(:Archive {id: randomUUID(), status: 'preparing', requestedAt: datetime(), partsDone: 5, partsTotal: 14})""",
                Map.of("handle", handle));
    }

    @Test
    void aMemberAsksForTheirArchiveAndDownloadsItWithTheKeyboardAlone() throws Exception {
        signUpInBrowser(browser, "kbd", "Sam kbd");
        browser.open("/account");
        browser.waitForTitle("Mon compte");
        browser.tabTo("Vos données : télécharger une archive");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Vos données");
        browser.tabTo("Préparer mon archive");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText())
                .isEqualTo("Nous préparons votre archive. Vous serez prévenu·e quand elle sera prête.");

        // While it is being prepared the page says how far it is and offers a link that reloads it (no refresh of its own).
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (browser.driver.findElements(By.cssSelector("a[href^='/account/data/archives/']")).isEmpty()) {
            assertThat(Instant.now()).as("the archive is ready within a minute").isBefore(giveUp);
            assertThat(browser.driver.findElement(By.cssSelector("main")).getText()).contains("En préparation depuis");
            browser.tabTo("\"Actualiser…\"", e -> e.getText().strip().startsWith("Actualiser la page"), 60, false);
            browser.press(Keys.ENTER);
            browser.waitForTitle("Vos données");
        }
        var link = browser.tabTo("the download link", e -> e.getText().strip().startsWith("Télécharger mon archive (ZIP,"), 60, false);
        assertThat(browser.driver.findElement(By.cssSelector("main")).getText()).contains("Votre archive est prête.", "Disponible jusqu’au");

        var download = fetchWithTheBrowsersCookies(link.getAttribute("href"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/zip");
        var archive = TestArchives.read(download.body());
        assertThat(archive.json("profile.json").get("profile").get("handle").asString()).isEqualTo("kbd");
    }

    @Test
    void theDataPageAndTheNeedsPageHaveNoAxeViolationInFrenchOrEnglish() throws Exception {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : new String[] {"fr", "en"}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", language);
            String handle = "data_" + language;
            signUpInBrowser(browser, handle, "Sam " + handle);
            browser.open("/account/data");
            assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
            violations.put(language + " no archive", browser.axeViolations());
            anArchiveIsBeingPrepared(handle);
            browser.open("/account/data");
            violations.put(language + " preparing", browser.axeViolations());
            graph.write("""
                    MATCH (:Member {handle: $handle})-[:ASKED_FOR]->(a:Archive)
                    SET a.status = 'ready', a.readyAt = datetime(), a.expiresAt = datetime() + duration('P7D'), a.bytes = 123456
                    WITH a MATCH (m:Member {handle: $handle})
                    CREATE (m)-[:ASKED_FOR]->(:Archive {id: randomUUID(), status: 'failed', requestedAt: datetime() - duration('PT1H'),
                            partsDone: 3, partsTotal: 14})""", Map.of("handle", handle));
            browser.open("/account/data");
            violations.put(language + " ready and failed", browser.axeViolations());

            browser.open("/account/needs");
            browser.driver.findElement(By.cssSelector("input[name=needs][value=wheelchair]")).click();
            browser.driver.findElement(By.cssSelector("input[name=consent]")).click();
            browser.driver.findElement(By.cssSelector("main form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector("table.consent-history"));
            violations.put(language + " needs with history", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void theDataPageReflowsAt320PixelsWithTextAt200Percent() throws Exception {
        signUpInBrowser(browser, "narrow", "Sam narrow");
        anArchiveIsBeingPrepared("narrow");
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        browser.resize(320, 800);
        browser.open("/account/data");
        assertThat(browser.horizontalOverflow()).as("CSS pixels wider than the window").isLessThanOrEqualTo(0);
        browser.open("/account/needs");
        assertThat(browser.horizontalOverflow()).as("CSS pixels wider than the window").isLessThanOrEqualTo(0);
    }
}
