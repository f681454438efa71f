package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rampe.RampeTest;
import org.rampe.graph.GraphProperties;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The administrators' import page in Chromium, through the real server (its own upload servlet):
 * axe-core in French and English on the form blank, with its errors, with another import running
 * and with a report; an import started and followed to its report with the keyboard alone; the
 * progress bar moved by the script and announced politely, and the end of the import said once.
 */
class ImportsBrowserTest extends RampeTest {

    private static final Path PHARMACIES = Path.of("src/main/resources/demo/pharmacies.geojson").toAbsolutePath();

    @Autowired
    GraphProperties graphProperties;

    private Browser browser;

    @BeforeEach
    void theBrowser() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    /** The default import directory of the test's data directory. */
    private Path importDirectory() throws Exception {
        Path dir = graphProperties.dataDir().resolve("imports").toAbsolutePath().normalize();
        Files.createDirectories(dir);
        return dir;
    }

    private String lockedBy(String by, long rows, int percent) {
        String token = java.util.UUID.randomUUID().toString();
        graph.write("""
                MERGE (l:ImportLock {name: 'import'})
                SET l.token = $token, l.by = $by, l.source = 'acceslibre', l.file = 'acceslibre.csv',
                    l.startedAt = datetime() - duration('PT2M'), l.heartbeat = datetime(), l.rows = $rows, l.percent = $percent""",
                Map.of("token", token, "by", by, "rows", rows, "percent", percent));
        return token;
    }

    private void awaitAReport() {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (browser.driver.findElements(By.cssSelector("[data-import-report]")).isEmpty()) {
            assertThat(Instant.now()).as("the import is over within two minutes").isBefore(giveUp);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            browser.open("/admin/imports");
        }
    }

    @Test
    void theImportPageHasNoAxeViolationInFrenchAndEnglishInEveryState() {
        signUpInBrowser(browser, ADMIN_HANDLE, "Admin");
        Map<String, String> violations = new LinkedHashMap<>();
        for (String lang : List.of("fr", "en")) {
            browser.cookie("rampe_lang", lang);
            browser.open("/admin/imports");
            violations.put(lang + " blank form", browser.axeViolations());

            browser.driver.findElement(By.id("area-box")).click();
            browser.driver.findElement(By.id("box")).sendKeys("3.9,43.5");
            browser.driver.findElement(By.cssSelector("main form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            assertThat(browser.driver.findElement(By.id("box")).getAttribute("value")).isEqualTo("3.9,43.5");
            assertThat(browser.driver.findElement(By.id("box")).getAttribute("aria-invalid")).isEqualTo("true");
            violations.put(lang + " form with its errors", browser.axeViolations());

            String token = lockedBy("command line", 12_000, 40);
            browser.open("/admin/imports");
            assertThat(browser.driver.findElement(By.id("import-progress")).getAttribute("value")).isEqualTo("40");
            violations.put(lang + " another import running", browser.axeViolations());
            graph.write("MATCH (l:ImportLock {token: $token}) REMOVE l.token", Map.of("token", token));
        }

        // An upload through the real server's own upload servlet, then its report.
        browser.cookie("rampe_lang", "fr");
        browser.open("/admin/imports");
        browser.driver.findElement(By.id("file")).sendKeys(PHARMACIES.toString());
        browser.driver.findElement(By.cssSelector("main form.form button[type=submit]")).click();
        browser.waitFor(By.cssSelector(".notice"));
        awaitAReport();
        assertThat(browser.driver.findElement(By.cssSelector("[data-import-report]")).getText())
                .contains("pharmacies.geojson (OpenStreetMap)", "76 lignes lues", "69 lieux créés", "7 lignes écartées");
        for (String lang : List.of("fr", "en")) {
            browser.cookie("rampe_lang", lang);
            browser.open("/admin/imports");
            violations.put(lang + " with a report", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void anAdministratorImportsAServerFileAndReadsItsReportWithTheKeyboardAlone() throws Exception {
        Files.copy(PHARMACIES, importDirectory().resolve("pharmacies.geojson"), StandardCopyOption.REPLACE_EXISTING);
        try {
            signUpInBrowser(browser, ADMIN_HANDLE, "Admin");
            browser.open("/");
            browser.tabTo("Imports");
            browser.press(Keys.ENTER);
            browser.waitForTitle("Importer des données ouvertes");

            browser.tabTo("the path field", e -> "path".equals(e.getAttribute("id")), 60, false);
            browser.type("pharmacies.geojson");
            browser.tabTo("the submit button", e -> e.getText().strip().equals("Lancer l’import"), 30, false);
            browser.press(Keys.ENTER);
            browser.waitFor(By.cssSelector(".notice"));
            assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText())
                    .isEqualTo("L’import a commencé. Sa progression s’affiche ci-dessous.");

            Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
            while (browser.driver.findElements(By.cssSelector("[data-import-report]")).isEmpty()) {
                assertThat(Instant.now()).as("the import is over within two minutes").isBefore(giveUp);
                browser.tabTo("\"Actualiser la page\"", e -> e.getText().strip().equals("Actualiser la page"), 60, false);
                browser.press(Keys.ENTER);
                browser.waitForTitle("Importer des données ouvertes");
            }
            var download = browser.tabTo("the report's download link",
                    e -> e.getText().strip().startsWith("Télécharger le rapport complet de pharmacies.geojson"), 120, false);
            assertThat(download.getAttribute("href")).endsWith("/report.txt");
            assertThat(browser.driver.findElement(By.cssSelector("[data-import-report]")).getText())
                    .contains("Lancé par site_admin.", "69 lieux créés", "Lignes écartées (7 premières sur 7)");
        } finally {
            Files.deleteIfExists(importDirectory().resolve("pharmacies.geojson"));
        }
    }

    @Test
    void theScriptMovesTheBarAndSaysTheProgressPolitelyThenTheEndOnce() {
        signUpInBrowser(browser, ADMIN_HANDLE, "Admin");
        String token = lockedBy("command line", 12_000, 40);
        browser.open("/admin/imports");
        var announce = browser.driver.findElement(By.cssSelector("[data-import-announce]"));
        assertThat(announce.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(announce.getText()).as("nothing said when the page opens").isEmpty();

        graph.write("MATCH (l:ImportLock {token: $token}) SET l.rows = 30000, l.percent = 60, l.heartbeat = datetime()",
                Map.of("token", token));
        var wait = new WebDriverWait(browser.driver, Duration.ofSeconds(30));
        wait.until(d -> "60".equals(d.findElement(By.id("import-progress")).getAttribute("value")));
        wait.until(d -> d.findElement(By.cssSelector("[data-import-announce]")).getAttribute("textContent")
                .replace('\u202F', ' ').startsWith("30 000 lignes lues, 60 %"));
        assertThat(browser.driver.findElement(By.id("import-progress-text")).getText().replace('\u202F', ' '))
                .startsWith("30 000 lignes lues, 60 %");

        graph.write("MATCH (l:ImportLock {token: $token}) REMOVE l.token", Map.of("token", token));
        wait.until(d -> d.findElement(By.cssSelector("[data-import-announce]")).getAttribute("textContent")
                .equals("L’import est terminé. Actualisez la page pour voir son rapport."));
        assertThat(browser.driver.findElement(By.cssSelector("[data-import-refresh]")).getText()).isEqualTo("Actualiser la page");
    }
}
