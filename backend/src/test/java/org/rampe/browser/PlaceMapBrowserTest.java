package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rampe.RampeTest;

/**
 * The map of search results (static/js/place-map.js) in a real Chromium, on a test page with the
 * search page's markup contract and no tiles: axe-core finds nothing, markers are named buttons in
 * list order, a marker's popup is a labelled dialog that gives focus back, clusters are named and
 * zoom in, the legend is in words, and reduced motion turns animations off.
 */
class PlaceMapBrowserTest extends RampeTest {

    private static final String HARNESS = "/test/map-harness";
    private static final List<String> NAMES_IN_LIST_ORDER = List.of(
            "Pharmacie de la Comédie, Accès limité",
            "Médiathèque Émile Zola, Accessible",
            "Musée Fabre, Pas accessible",
            "Gare Saint-Roch, Inconnu");

    private static Browser browser;
    private static int mappers;

    @BeforeEach
    void aFreshBrowserSession() {
        if (browser == null) {
            browser = new Browser(baseUrl());
        }
        browser.resize(1280, 900);
        browser.forgetCookies();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** The harness is a test page behind the default sign-in rule: sign up, then open it. */
    private void openHarness(String display) {
        openHarness(display, "");
    }

    private void openHarness(String display, String query) {
        String handle = "mapper" + mappers++;
        signUpInBrowser(browser, handle, "Carto " + handle);
        // Display settings after signing up, which writes the new account's own (default) settings.
        browser.cookie("rampe_lang", "fr");
        browser.cookie("rampe_display", display);
        browser.open(HARNESS + query);
        browser.waitFor(By.cssSelector("#place-map[data-map-ready='true']"));
    }

    private WebElement map() {
        return browser.driver.findElement(By.id("place-map"));
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser.driver).executeScript(js, args);
    }

    private void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).withMessage(what).until(d -> condition.getAsBoolean());
    }

    private static boolean isMarker(WebElement element) {
        String css = element.getAttribute("class");
        return css != null && css.contains("place-map-marker");
    }

    @Test
    void theMapHasNoAxeViolationInTheDefaultAndHighContrastThemes() {
        openHarness("t100.c0.f0.m0");
        assertThat(browser.axeViolations()).as("axe-core, default theme").isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector(".place-map-marker"))).hasSize(4);

        // With a dialog open too.
        browser.driver.findElement(By.cssSelector(".place-map-marker")).click();
        browser.waitFor(By.cssSelector(".leaflet-popup[role='dialog']"));
        assertThat(browser.axeViolations()).as("axe-core, popup open").isEmpty();

        browser.forgetCookies();
        openHarness("t100.c1.f0.m0");
        assertThat(browser.htmlAttribute("class")).contains("theme-contrast");
        assertThat(browser.axeViolations()).as("axe-core, high contrast").isEmpty();
        browser.driver.findElement(By.cssSelector(".place-map-marker")).click();
        browser.waitFor(By.cssSelector(".leaflet-popup[role='dialog']"));
        assertThat(browser.axeViolations()).as("axe-core, high contrast, popup open").isEmpty();
    }

    @Test
    void theMapFitsA320PixelWindowWithTextAt200Percent() {
        browser.resize(320, 800);
        openHarness("t200.c0.f1.m0");
        assertThat(browser.horizontalOverflow()).as("CSS pixels wider than the window").isLessThanOrEqualTo(0);
        browser.driver.findElement(By.cssSelector(".place-map-marker")).click();
        browser.waitFor(By.cssSelector(".leaflet-popup[role='dialog']"));
        assertThat(browser.horizontalOverflow()).as("CSS pixels wider than the window, popup open").isLessThanOrEqualTo(0);
        assertThat(browser.axeViolations()).as("axe-core, 320 px, text at 200 %").isEmpty();
    }

    @Test
    void markersAreNamedButtonsInListOrderAndTheirDialogGivesFocusBack() {
        openHarness("t100.c0.f0.m0");
        WebElement canvas = browser.driver.findElement(By.cssSelector(".place-map-canvas"));
        assertThat(canvas.getAccessibleName()).isEqualTo("Carte des résultats");

        WebElement first = browser.tabTo("the first marker", PlaceMapBrowserTest::isMarker, 40, false);
        List<String> names = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        names.add(first.getAccessibleName());
        roles.add(first.getAriaRole());
        for (int i = 1; i < 4; i++) {
            browser.press(Keys.TAB);
            names.add(browser.focused().getAccessibleName());
            roles.add(browser.focused().getAriaRole());
        }
        assertThat(names).containsExactlyElementsOf(NAMES_IN_LIST_ORDER);
        assertThat(roles).containsOnly("button");

        // Back to the second marker; Enter opens its dialog and focus goes into it.
        browser.tabTo("the second marker", e -> NAMES_IN_LIST_ORDER.get(1).equals(e.getAccessibleName()), 3, true);
        String placeId = browser.focused().getAttribute("data-place-id");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".leaflet-popup[role='dialog']"));
        WebElement dialog = browser.driver.findElement(By.cssSelector(".leaflet-popup[role='dialog']"));
        assertThat(dialog.getAccessibleName()).isEqualTo("Médiathèque Émile Zola");
        assertThat(dialog.getText()).contains("Accessible").contains("Fermer");
        assertThat(script("return arguments[0].contains(document.activeElement)", dialog)).isEqualTo(true);
        assertThat(browser.focused().getAttribute("href")).endsWith("/places/" + placeId);

        // Escape closes it; focus is back on the same marker.
        browser.press(Keys.ESCAPE);
        waitUntil("the dialog to close", () -> browser.driver.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
        assertThat(browser.focused().getAttribute("data-place-id")).isEqualTo(placeId);

        // Space opens it as well; its close button closes it and gives focus back too.
        browser.press(Keys.SPACE);
        browser.waitFor(By.cssSelector(".leaflet-popup[role='dialog']"));
        browser.tabTo("Fermer");
        browser.press(Keys.ENTER);
        waitUntil("the dialog to close", () -> browser.driver.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
        assertThat(browser.focused().getAttribute("data-place-id")).isEqualTo(placeId);

        // In Tab order the dialog sits right after its marker, and closes when focus leaves it.
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".leaflet-popup[role='dialog']"));
        browser.tabTo("the marker, backwards", e -> placeId.equals(e.getAttribute("data-place-id")), 1, true);
        waitUntil("the dialog to close", () -> browser.driver.findElements(By.cssSelector(".leaflet-popup")).isEmpty());
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".leaflet-popup[role='dialog']"));
        browser.press(Keys.TAB);
        browser.press(Keys.TAB);
        assertThat(browser.focused().getAccessibleName()).isEqualTo(NAMES_IN_LIST_ORDER.get(2));
        waitUntil("the dialog to close", () -> browser.driver.findElements(By.cssSelector(".leaflet-popup")).isEmpty());

        // Nothing traps focus: Tab goes on past the map to the results.
        browser.tabTo("the first result", e -> "Pharmacie de la Comédie".equals(e.getText().strip()), 20, false);
    }

    @Test
    void clustersAreNamedInWordsAndEnterZoomsIntoThem() {
        openHarness("t100.c0.f0.m0");
        browser.tabTo("the map", e -> String.valueOf(e.getAttribute("class")).contains("place-map-canvas"), 40, false);
        int zoom = Integer.parseInt(map().getAttribute("data-zoom"));
        for (int i = 1; i <= 4; i++) {
            // One step at a time: Leaflet ignores a zoom asked for while it animates the last one.
            browser.type("-");
            int expected = zoom - i;
            waitUntil("the map to zoom out to " + expected, () -> Integer.parseInt(map().getAttribute("data-zoom")) == expected);
        }
        List<WebElement> clusters = browser.driver.findElements(By.cssSelector(".place-map-cluster"));
        assertThat(clusters).isNotEmpty();
        WebElement cluster = clusters.getFirst();
        assertThat(cluster.getAriaRole()).isEqualTo("button");
        assertThat(cluster.getAccessibleName()).matches("\\d lieux : .+")
                .contains(cluster.getAttribute("data-cluster-size") + " lieux");
        if ("4".equals(cluster.getAttribute("data-cluster-size"))) {
            assertThat(cluster.getAccessibleName())
                    .isEqualTo("4 lieux : 1 accessible, 1 accès limité, 1 pas accessible, 1 inconnu");
        }

        int zoomedOut = Integer.parseInt(map().getAttribute("data-zoom"));
        WebElement focused = browser.tabTo("a cluster", e -> String.valueOf(e.getAttribute("class")).contains("place-map-cluster"), 5, false);
        assertThat(focused.getAccessibleName()).isEqualTo(cluster.getAccessibleName());
        browser.press(Keys.ENTER);
        waitUntil("the map to zoom in", () -> Integer.parseInt(map().getAttribute("data-zoom")) > zoomedOut);
        waitUntil("focus on a marker or cluster", () -> {
            String css = String.valueOf(browser.focused().getAttribute("class"));
            return css.contains("place-map-marker") || css.contains("place-map-cluster");
        });
    }

    @Test
    void theLegendNamesEveryVerdictInWords() {
        openHarness("t100.c0.f0.m0");
        WebElement legend = browser.driver.findElement(By.cssSelector("#place-map .place-map-legend"));
        assertThat(legend.findElement(By.cssSelector(".place-map-legend-title")).getText()).isEqualTo("Légende");
        assertThat(legend.findElement(By.tagName("ul")).getAccessibleName()).isEqualTo("Légende");
        List<String> items = legend.findElements(By.tagName("li")).stream().map(e -> e.getText().strip()).toList();
        assertThat(items).startsWith("Accessible", "Accès limité", "Pas accessible", "Inconnu");
        assertThat(legend.findElements(By.cssSelector("li svg.place-map-symbol"))).hasSize(4);
    }

    @Test
    void reducedMotionTurnsMapAnimationsOff() {
        openHarness("t100.c0.f0.m0");
        assertThat(map().getAttribute("data-animated")).isEqualTo("true");
        browser.forgetCookies();
        openHarness("t100.c0.f0.m1");
        assertThat(browser.htmlAttribute("class")).contains("motion-reduced");
        assertThat(map().getAttribute("data-animated")).isEqualTo("false");
        assertThat(browser.driver.findElements(By.cssSelector(".leaflet-zoom-anim, .leaflet-fade-anim"))).isEmpty();
    }

    @Test
    void onceTheMapMovesALinkSearchesTheAreaItShows() {
        openHarness("t100.c0.f0.m1", "?q=pharmacie&near=Montpellier&radius=2000&after=abc&type=shop");
        WebElement link = browser.driver.findElement(By.cssSelector(".place-map-search-area"));
        assertThat(link.isDisplayed()).isFalse();

        browser.tabTo("the map", e -> String.valueOf(e.getAttribute("class")).contains("place-map-canvas"), 40, false);
        browser.press(Keys.ARROW_RIGHT);
        waitUntil("the link to show", link::isDisplayed);
        assertThat(link.getText()).isEqualTo("Chercher dans cette zone");
        assertThat(link.getAttribute("href")).matches(
                ".*/test/map-harness\\?bbox=3\\.\\d{5},43\\.\\d{5},3\\.\\d{5},43\\.\\d{5}&q=pharmacie&type=shop");
    }
}
