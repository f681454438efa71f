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
import org.openqa.selenium.WebElement;
import org.rampe.RampeTest;
import org.rampe.places.Address;
import org.rampe.places.Criterion;
import org.rampe.places.GeoPoint;
import org.rampe.places.PlaceId;
import org.rampe.places.Places;
import org.springframework.beans.factory.annotation.Autowired;

/** The places pages in Chromium: axe-core in both languages and high contrast, and a keyboard-only journey. */
class PlacesBrowserTest extends RampeTest {

    @Autowired
    Places places;

    private Browser browser;
    private PlaceId pharmacy;

    @BeforeEach
    void someMontpellierPlaces() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        String author = graph.writeOne("CREATE (m:Member {id: randomUUID(), email: 'seed@example.org', handle: 'seed'}) RETURN m.id AS id",
                Map.of(), r -> r.get("id").asString()).orElseThrow();
        pharmacy = places.add("Pharmacie de la Comédie", "pharmacie", new Address("2 place de la Comédie", "34000", "Montpellier"),
                new GeoPoint(43.6086, 3.8795), author, Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "90"));
        places.add("Boulangerie de l’Écusson", "boulangerie", new Address("5 rue de la Loge", "34000", "Montpellier"),
                new GeoPoint(43.6100, 3.8770), author, Map.of(Criterion.ENTRANCE_STEPS, "2", Criterion.RAMP, "none"));
        places.add("Café 🌿 Lodève", "café", new Address("", "34000", "Montpellier"),
                new GeoPoint(43.6120, 3.8740), author, Map.of());
    }

    private static java.nio.file.Path entrancePhoto() {
        try {
            var image = new java.awt.image.BufferedImage(320, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var file = java.nio.file.Files.createTempFile("entrance-", ".png");
            javax.imageio.ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void thePlacesPagesHaveNoAxeViolationInFrenchEnglishAndHighContrast() {
        Map<String, String> violations = new LinkedHashMap<>();
        int n = 0;
        for (String[] setting : new String[][] {{"fr", "t100.c0.f0.m0"}, {"en", "t100.c0.f0.m0"}, {"fr", "t100.c1.f0.m0"}, {"en", "t200.c0.f1.m1"}}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", setting[0]);
            browser.cookie("rampe_display", setting[1]);
            String label = setting[0] + " " + setting[1] + " ";
            for (String path : List.of("/places", "/places?near=Montpellier&needs=wheelchair",
                    "/places?near=Montpellier", "/places?near=Atlantis", "/places/" + pharmacy)) {
                browser.open(path);
                violations.put(label + path, browser.axeViolations());
            }
            String handle = "axe" + n++;
            signUpInBrowser(browser, handle, "Sam " + handle);
            for (String path : List.of("/places/" + pharmacy, "/places/new", "/places/" + pharmacy + "/edit")) {
                browser.open(path);
                violations.put(label + "member " + path, browser.axeViolations());
            }
            browser.open("/places/" + pharmacy);
            browser.driver.findElements(By.cssSelector("details.answer")).getFirst().findElement(By.tagName("summary")).click();
            violations.put(label + "member answer form open", browser.axeViolations());
            browser.open("/places/new");
            browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(label + "member add place with mistakes", browser.axeViolations());

            browser.open("/places/" + pharmacy + "/photos/new");
            violations.put(label + "member photo form", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(label + "member photo form with mistakes", browser.axeViolations());
            browser.driver.findElement(By.id("file")).sendKeys(entrancePhoto().toString());
            browser.driver.findElement(By.id("alt")).sendKeys("Entrée vitrée de plain-pied, porte automatique");
            browser.driver.findElement(By.cssSelector("input[name=group]")).click();
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector("#photos figure"));
            violations.put(label + "member place with a photo", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void resultsAndPlacePagesReflowAt320Pixels() {
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        Map<String, Long> overflow = new LinkedHashMap<>();
        browser.resize(320, 800);
        for (String path : List.of("/places", "/places?near=Montpellier&needs=wheelchair", "/places/" + pharmacy)) {
            browser.open(path);
            overflow.put(path, browser.horizontalOverflow());
        }
        overflow.values().removeIf(px -> px <= 0);
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void aMemberFindsAPlaceThatFitsTheirNeedsOpensItAndConfirmsACriterionWithTheKeyboardAlone() {
        signUpInBrowser(browser, "kbd", "Sam kbd");
        browser.open("/");

        browser.tabTo("Lieux");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Trouver un lieu");

        // Near an address, with the wheelchair need, only places that fit at least partly.
        browser.tabTo("the near field", e -> "near".equals(e.getAttribute("id")), 30, false);
        browser.type("Montpellier");
        browser.tabTo("the wheelchair need", e -> "needs".equals(e.getAttribute("id")), 10, false);
        browser.press(Keys.SPACE);
        assertThat(browser.focused().isSelected()).isTrue();
        // In a radio group the arrow keys choose, as everywhere: "only places that suit me, even partly".
        browser.tabTo("the fit choice", e -> "fit".equals(e.getAttribute("name")), 10, false);
        browser.press(Keys.ARROW_DOWN);
        assertThat(browser.focused().getAttribute("value")).isEqualTo("fits_or_partly");
        browser.tabTo("Chercher");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".place-results"));

        assertThat(browser.driver.findElement(By.cssSelector(".result-count")).getText()).isEqualTo("1 lieu trouvé");
        assertThat(browser.driver.findElement(By.cssSelector(".place-result")).getText())
                .contains("Pharmacie de la Comédie", "Accessible", "Entrée de plain-pied", "Porte de 90 cm");

        // Open the nearest place from the list.
        browser.tabTo("Pharmacie de la Comédie");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Pharmacie de la Comédie");

        // Confirm the door width: open its form, keep the value, save.
        var summary = browser.tabTo("the door width answer", e -> "summary".equals(e.getTagName())
                && e.getText().contains("Largeur de la porte"), 80, false);
        browser.press(Keys.ENTER);
        assertThat(summary.findElement(By.xpath("..")).getAttribute("open")).isNotNull();
        browser.press(Keys.TAB);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("v-door_width");
        assertThat(browser.focused().getAttribute("value")).isEqualTo("90");
        browser.tabTo("Enregistrer ma réponse");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Merci ! Votre réponse est enregistrée.");
        assertThat(browser.driver.findElement(By.id("criterion-door_width")).getText()).contains("2 d’accord", "Votre réponse : 90");
    }
    @Autowired
    org.rampe.places.addresses.BanImport ban;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path banDir;

    private WebElement near() {
        return browser.driver.findElement(By.id("near"));
    }

    private void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(15))
                .withMessage(() -> what + "; " + browser.where()).until(d -> condition.getAsBoolean());
    }

    private boolean listOpen() {
        return browser.driver.findElement(By.id("near-suggestions")).isDisplayed();
    }

    @Test
    void theNearFieldSuggestsAddressesAsAComboboxUsableByKeyboardAloneWithoutAxeViolations() {
        var report = ban.importFile(org.rampe.places.addresses.BanFiles.write(banDir, "adresses-34.csv.gz",
                org.rampe.places.addresses.BanFiles.montpellierRows()), org.rampe.places.ImportOptions.ALL,
                org.rampe.places.ImportProgress.NONE);
        assertThat(report.failed()).isFalse();
        browser.open("/places");
        browser.waitFor(By.cssSelector("#near[role=combobox]"));
        WebElement near = browser.tabTo("the near field", e -> "near".equals(e.getAttribute("id")), 30, false);
        assertThat(near.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(near.getAttribute("aria-controls")).isEqualTo("near-suggestions");
        assertThat(near.getAttribute("aria-autocomplete")).isEqualTo("list");

        // Type: the list box opens with suggestions, and a polite status says how many.
        browser.type("rue de la lo");
        waitUntil("the suggestions list open", this::listOpen);
        assertThat(near().getAttribute("aria-expanded")).isEqualTo("true");
        List<WebElement> options = browser.driver.findElements(By.cssSelector("#near-suggestions [role=option]"));
        assertThat(options).isNotEmpty();
        assertThat(options.getFirst().getText()).isEqualTo("Rue de la Loge, 34000 Montpellier (voie)");
        WebElement count = browser.driver.findElement(By.cssSelector(".near-field [role=status][aria-live=polite]"));
        waitUntil("the count said", () -> !count.getText().isEmpty() || !count.getAttribute("textContent").isEmpty());
        assertThat(count.getAttribute("textContent")).endsWith("Flèches haut et bas pour choisir, Entrée pour la prendre.");
        assertThat(browser.axeViolations()).as("axe-core with the list box open").isEmpty();

        // Arrow down: the first option is the active descendant; focus stays in the field.
        browser.press(Keys.ARROW_DOWN);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("near");
        assertThat(near().getAttribute("aria-activedescendant")).isEqualTo("near-suggestions-0");
        assertThat(options.getFirst().getAttribute("aria-selected")).isEqualTo("true");

        // Enter takes it: the field holds its label, the list closes, nothing is submitted yet.
        browser.press(Keys.ENTER);
        assertThat(near().getAttribute("value")).isEqualTo("Rue de la Loge, 34000 Montpellier");
        assertThat(listOpen()).isFalse();
        assertThat(near().getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(near().getAttribute("aria-activedescendant")).isNull();
        assertThat(browser.driver.getCurrentUrl()).endsWith("/places");

        // Typing a number opens it again, the numbered address first; Escape closes it and keeps the text.
        browser.press(Keys.HOME);
        browser.type("3 ");
        waitUntil("the numbered address suggested", () -> listOpen() && browser.driver
                .findElements(By.cssSelector("#near-suggestions [role=option]")).getFirst().getText()
                .equals("3 Rue de la Loge, 34000 Montpellier (adresse)"));
        browser.press(Keys.ESCAPE);
        assertThat(listOpen()).isFalse();
        assertThat(near().getAttribute("value")).isEqualTo("3 Rue de la Loge, 34000 Montpellier");

        // Enter with the list closed searches, near that address.
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".place-results"));
        assertThat(browser.driver.findElement(By.cssSelector(".place-result")).getText()).contains("Boulangerie de l’Écusson");
    }

    @Test
    void useMyPositionAsksOnlyWhenPressedAndSaysWhatHappened() {
        browser.driver.executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", 43.6087, "longitude", 3.8794, "accuracy", 20));
        browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
        try {
            browser.open("/places");
            WebElement button = browser.tabTo("Utiliser ma position");
            assertThat(button.getTagName()).isEqualTo("button");
            assertThat(near().getAttribute("value")).isEmpty();
            browser.press(Keys.ENTER);
            waitUntil("the position in the near field", () -> !near().getAttribute("value").isEmpty());
            assertThat(near().getAttribute("value")).isEqualTo("43.60870, 3.87940");
            WebElement said = browser.driver.findElement(By.cssSelector(".near-position-status"));
            assertThat(said.getAttribute("role")).isEqualTo("status");
            waitUntil("the position found said", () -> said.getText().startsWith("Position trouvée"));
            assertThat(browser.axeViolations()).isEmpty();
            browser.tabTo("Chercher");
            browser.press(Keys.ENTER);
            browser.waitFor(By.cssSelector(".place-results"));
            assertThat(browser.driver.findElement(By.cssSelector(".place-result")).getText()).contains("Pharmacie de la Comédie");

            // Refused: said in words, the field left as it was.
            browser.driver.executeCdpCommand("Browser.setPermission",
                    Map.of("permission", Map.of("name", "geolocation"), "setting", "denied"));
            browser.open("/places");
            browser.tabTo("Utiliser ma position");
            browser.press(Keys.ENTER);
            WebElement refused = browser.driver.findElement(By.cssSelector(".near-position-status"));
            waitUntil("the refusal said", () -> refused.getText().startsWith("Vous n’avez pas autorisé"));
            assertThat(near().getAttribute("value")).isEmpty();
        } finally {
            browser.driver.executeCdpCommand("Browser.resetPermissions", Map.of());
            browser.driver.executeCdpCommand("Emulation.clearGeolocationOverride", Map.of());
        }
    }
}
