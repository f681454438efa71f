package org.rampe.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, never a downloaded build),
 * with the few things accessibility tests do with it: axe-core, keys, focus, page width.
 * A missing browser fails the test run loudly. Public for {@link org.rampe.TestMembers}, which signs
 * members up in it.
 */
public final class Browser implements AutoCloseable {

    static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");
    private static final String CHROMIUM = System.getProperty("rampe.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("rampe.chromedriver", "/usr/bin/chromedriver");

    public final ChromeDriver driver;
    private final String baseUrl;
    private static Browser shared;

    /** One browser for the whole test run (the application context is shared too); closed at JVM exit. */
    static synchronized Browser shared(String baseUrl) {
        if (shared == null || !shared.baseUrl.equals(baseUrl)) {
            if (shared != null) {
                shared.close();
            }
            shared = new Browser(baseUrl);
            Browser opened = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(opened::close));
        }
        return shared;
    }

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        for (String tool : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing: install Debian's chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver), as .ci/run does");
            }
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // A French browser, as most of our visitors have: the site must speak French to it unasked.
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "fr-FR,fr"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,900", "--lang=fr-FR");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Sets a cookie for the site (opening it first if the browser is elsewhere). */
    void cookie(String name, String value) {
        if (!driver.getCurrentUrl().startsWith(baseUrl)) {
            open("/accessibility");
        }
        driver.manage().addCookie(new org.openqa.selenium.Cookie(name, value, "/"));
    }

    void forgetCookies() {
        if (!driver.getCurrentUrl().startsWith(baseUrl)) {
            open("/accessibility");
        }
        driver.manage().deleteAllCookies();
    }

    /** axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the current page; returns the violations, described. */
    String axeViolations() {
        Results results = new AxeBuilder().withTags(WCAG_TAGS).analyze(driver);
        if (results.isErrored()) {
            return "axe could not run: " + results.getErrorMessage();
        }
        return results.getViolations().stream().map(Browser::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", "));
    }

    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /**
     * Types into the focused element. ChromeDriver's key events stop at the Basic Multilingual
     * Plane (Debian's ChromeDriver 150 refuses "🌻"), so text beyond it goes in as the browser's
     * own text input (DevTools Input.insertText, what an input method or emoji picker does).
     */
    void type(String text) {
        if (text.codePoints().allMatch(Character::isBmpCodePoint)) {
            new Actions(driver).sendKeys(text).perform();
        } else {
            driver.executeCdpCommand("Input.insertText", java.util.Map.of("text", text));
        }
    }

    /** Focuses the field and types into it (see {@link #type(String)}). */
    public void fill(By field, String text) {
        WebElement element = driver.findElement(field);
        element.click();
        type(text);
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** Presses Tab (or Shift+Tab) until the focused element matches; fails after {@code max} presses. */
    WebElement tabTo(String what, Predicate<WebElement> wanted, int max, boolean backwards) {
        List<String> path = new java.util.ArrayList<>();
        for (int i = 0; i < max; i++) {
            if (backwards) {
                new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            } else {
                press(Keys.TAB);
            }
            WebElement element = focused();
            if (wanted.test(element)) {
                return element;
            }
            path.add(describe(element));
        }
        throw new AssertionError("Could not reach " + what + " with " + max + (backwards ? " Shift+Tab" : " Tab")
                + " presses; focus went " + String.join(" → ", path));
    }

    WebElement tabTo(String text) {
        return tabTo("\"" + text + "\"", e -> text.equals(e.getText().strip()), 40, false);
    }

    static String describe(WebElement element) {
        return "<" + element.getTagName() + " id=\"" + element.getAttribute("id") + "\">" + element.getText().strip();
    }

    void waitForTitle(String titleStart) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(() -> "a title starting \"" + titleStart + "\"; " + where())
                .until(d -> d.getTitle().startsWith(titleStart));
    }

    public void waitFor(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(() -> by + " on the page; " + where())
                .until(d -> !d.findElements(by).isEmpty());
    }

    /** Where the browser is, for a failure's message: the address, the title and the start of the page's text. */
    String where() {
        try {
            String text = driver.findElement(By.tagName("body")).getText().strip().replaceAll("\\s+", " ");
            return "now at " + driver.getCurrentUrl() + ", title \"" + driver.getTitle() + "\", text: "
                    + text.substring(0, Math.min(400, text.length()));
        } catch (RuntimeException e) {
            return "now at " + driver.getCurrentUrl() + " (" + e.getClass().getSimpleName() + ")";
        }
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways). */
    long horizontalOverflow() {
        Object value = ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth;");
        return ((Number) value).longValue();
    }

    String htmlAttribute(String name) {
        return driver.findElement(By.tagName("html")).getAttribute(name);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (RuntimeException alreadyGone) {
            // quitting twice (test end, then JVM exit) is harmless
        }
    }
}
