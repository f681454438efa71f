package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rampe.RampeTest;
import org.rampe.graph.Transactions;
import org.rampe.messaging.Messaging;
import org.rampe.messaging.SendThrottle;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live chat (chat.js over STOMP) in two real Chromium sessions, one per member: no axe-core
 * violation on the enhanced conversation page in French or English (also at 320 px with text at 200 %);
 * a keyboard-only journey where
 * Ana opens the conversation, sends a message, and hears Léo's reply announced once by the live
 * region while her focus stays in the composer; and a draft that survives a reload.
 */
class ChatBrowserTest extends RampeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Browser second;

    @Autowired
    Messaging messaging;

    @Autowired
    SendThrottle sendThrottle;

    private Browser ana;
    private Browser leo;

    @BeforeEach
    void twoBrowsers() {
        sendThrottle.clear();
        ana = Browser.shared(baseUrl());
        ana.resize(1280, 900);
        ana.forgetCookies();
        if (second == null) {
            second = new Browser(baseUrl());
        }
        leo = second;
        leo.forgetCookies();
    }

    @AfterAll
    static void closeTheSecondBrowser() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    private String memberId(String handle) {
        return Transactions.read(driver, tx -> tx.run("MATCH (m:Member {handle: $h}) RETURN m.id AS id", Map.of("h", handle))
                .single().get("id").asString());
    }

    private static void waitUntil(Browser browser, String what, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        try {
            new WebDriverWait(browser.driver, WAIT).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Waited " + WAIT + " for " + what + "; #chat-status says \""
                    + text(browser, "#chat-status") + "\"", e);
        }
    }

    private static String text(Browser browser, String css) {
        var found = browser.driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.getFirst().getAttribute("textContent").strip();
    }

    /** chat.js is connected: it says so in the status element. */
    private static void waitUntilLive(Browser browser) {
        waitUntil(browser, "the live connection", d -> !text(browser, "#chat-status").isEmpty()
                && !d.findElements(By.id("chat-shortcuts-toggle")).isEmpty());
    }

    private static long copiesOf(Browser browser, String messageText) {
        return browser.driver.findElements(By.cssSelector("#messages > li")).stream()
                .filter(li -> li.getAttribute("textContent").contains(messageText)).count();
    }

    @Test
    void theEnhancedConversationPageHasNoAxeViolationInFrenchOrEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : List.of("fr", "en")) {
            ana.forgetCookies();
            ana.cookie("rampe_lang", language);
            String handle = "chat_" + language;
            ana.signUp(handle, "Ana " + language);
            String other = Transactions.write(driver, tx -> tx.run("""
                    CREATE (m:Member {id: randomUUID(), email: $h + '@example.org', handle: $h, displayName: 'Léo Martin'})
                    RETURN m.id AS id""", Map.of("h", "leo_" + language)).single().get("id").asString());
            String conversation = messaging.startDirect(other, handle).id();
            messaging.send(other, conversation, "a-" + language, "Bonjour ! On se retrouve à la médiathèque ?");
            messaging.send(memberId(handle), conversation, "b-" + language, "Oui, à 15 h.");

            ana.open("/messages/" + conversation);
            waitUntilLive(ana);
            violations.put(language + " live conversation", ana.axeViolations());

            // A message of Léo arrives live, and one of Ana waits for its acknowledgement.
            messaging.send(other, conversation, "c-" + language, "J’arrive, je suis en fauteuil : l’entrée côté parc ?");
            waitUntil(ana, "the live message", d -> copiesOf(ana, "l’entrée côté parc") == 1);
            violations.put(language + " conversation after a live message", ana.axeViolations());

            // 320 px wide, text at 200 %, reduced motion: nothing sideways, still no violation.
            ana.cookie("rampe_display", "t200.c0.f0.m1");
            ana.resize(320, 800);
            ana.open("/messages/" + conversation);
            waitUntilLive(ana);
            assertThat(ana.horizontalOverflow()).as("nothing sideways at 320 px and 200 %% (%s)", language).isZero();
            violations.put(language + " live conversation, 320 px, 200 %", ana.axeViolations());
            ana.cookie("rampe_display", "t100.c0.f0.m0");
            ana.resize(1280, 900);
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void aMemberSendsAMessageAndHearsTheReplyOnceWithTheKeyboardAlone() {
        ana.cookie("rampe_lang", "fr");
        ana.signUp("ana", "Ana");
        leo.cookie("rampe_lang", "fr");
        leo.signUp("leo", "Léo");
        String conversation = messaging.startDirect(memberId("leo"), "ana").id();

        // Léo has the conversation open.
        leo.open("/messages/" + conversation);
        waitUntilLive(leo);

        // Ana, keyboard only: from her messages to the conversation, then to the composer.
        ana.open("/messages");
        ana.tabTo("the conversation with Léo", e -> String.valueOf(e.getAttribute("href")).endsWith("/messages/" + conversation), 40, false);
        ana.press(Keys.ENTER);
        ana.waitFor(By.id("message-text"));
        waitUntilLive(ana);
        ana.tabTo("the message field", e -> "message-text".equals(e.getAttribute("id")), 60, false);
        ana.type("Bonjour Léo, tu es là ?");
        // Enter alone adds a line: nothing is sent by accident.
        ana.press(Keys.ENTER);
        ana.type("Je t’attends.");
        assertThat(ana.driver.findElements(By.cssSelector("#messages > li"))).isEmpty();
        new Actions(ana.driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();

        waitUntil(ana, "Ana's message stored and shown", d -> !d.findElements(By.cssSelector("#messages > li[data-message-id]")).isEmpty()
                && d.findElements(By.cssSelector("#messages > li.message-pending")).isEmpty());
        assertThat(ana.focused().getAttribute("id")).isEqualTo("message-text");
        assertThat(ana.driver.findElement(By.id("message-text")).getAttribute("value")).isEmpty();
        waitUntil(leo, "Ana's message at Léo's", d -> copiesOf(leo, "tu es là ?") == 1);
        assertThat(text(leo, "#chat-live")).isEqualTo("Ana : Bonjour Léo, tu es là ? Je t’attends.");

        // Léo answers from his own page.
        var field = leo.driver.findElement(By.id("message-text"));
        field.click();
        leo.type("Oui ! J’arrive dans cinq minutes.");
        new Actions(leo.driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();

        waitUntil(ana, "Léo's reply announced", d -> text(ana, "#chat-live").contains("J’arrive dans cinq minutes"));
        assertThat(text(ana, "#chat-live")).isEqualTo("Léo : Oui ! J’arrive dans cinq minutes.");
        assertThat(ana.focused().getAttribute("id")).as("focus stayed in the composer").isEqualTo("message-text");
        assertThat(copiesOf(ana, "J’arrive dans cinq minutes")).as("the reply is shown once").isEqualTo(1);
        assertThat(copiesOf(ana, "tu es là ?")).as("her own message is shown once").isEqualTo(1);
        assertThat(ana.driver.findElement(By.cssSelector("#messages > li:last-child .message-author")).getText()).isEqualTo("Léo");
        // Only the new message was announced: the history is not read again.
        assertThat(text(ana, "#chat-live")).doesNotContain("tu es là ?");
        assertThat(count("MATCH (m:Message) RETURN count(m) AS n")).isEqualTo(2);
    }

    @Test
    void theDraftSurvivesAReload() {
        ana.cookie("rampe_lang", "fr");
        ana.signUp("ana", "Ana");
        String other = Transactions.write(driver, tx -> tx.run("""
                CREATE (m:Member {id: randomUUID(), email: 'leo@example.org', handle: 'leo', displayName: 'Léo'})
                RETURN m.id AS id""").single().get("id").asString());
        String conversation = messaging.startDirect(other, "ana").id();
        ana.open("/messages/" + conversation);
        waitUntilLive(ana);
        ana.driver.findElement(By.id("message-text")).click();
        ana.type("Un brouillon à finir plus tard");

        ana.driver.navigate().refresh();
        waitUntilLive(ana);
        assertThat(ana.driver.findElement(By.id("message-text")).getAttribute("value")).isEqualTo("Un brouillon à finir plus tard");
        assertThat(count("MATCH (m:Message) RETURN count(m) AS n")).isZero();
        ((JavascriptExecutor) ana.driver).executeScript("sessionStorage.clear()");
    }

    private long count(String cypher) {
        return Transactions.read(driver, tx -> tx.run(cypher).single().get("n").asLong());
    }
}
