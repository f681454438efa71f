package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.rampe.images.TestImages;
import org.rampe.messaging.MessageImages;
import org.rampe.messaging.Messaging;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The live chat (chat.js over STOMP) in two real Chromium sessions, one per member: no axe-core
 * violation on the enhanced conversation page in French or English (also at 320 px with text at 200 %);
 * a keyboard-only journey where
 * Ana opens the conversation, sends a message, and hears Léo's reply announced once by the live
 * region while her focus stays in the composer; and a draft that survives a reload. With an image:
 * no axe-core violation in either language on a conversation holding images (one of them arrived
 * live), and a keyboard journey attaching an image, refused without its alt text (draft kept), then
 * sent with it by fetch and shown once.
 */
class ChatBrowserTest extends RampeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Browser second;

    @Autowired
    Messaging messaging;

    private Browser ana;
    private Browser leo;

    @BeforeEach
    void twoBrowsers() {
        forgetLimits();
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

    record Direct(String other, String conversation) {
    }

    /** Ana signs up as {@code handle} on the site in {@code language}, and Léo ({@code otherHandle}) starts a conversation with her. */
    private Direct signUpInConversation(String language, String handle, String otherHandle) {
        ana.forgetCookies();
        ana.cookie("rampe_lang", language);
        signUpInBrowser(ana, handle, "Ana " + language);
        String other = graph.writeOne("""
                CREATE (m:Member {id: randomUUID(), email: $h + '@example.org', handle: $h, displayName: 'Léo Martin'})
                RETURN m.id AS id""", Map.of("h", otherHandle), r -> r.get("id").asString()).orElseThrow();
        everyoneTakesMessages();
        return new Direct(other, messaging.startDirect(other, handle).id());
    }

    private static long copiesOf(Browser browser, String messageText) {
        return browser.driver.findElements(By.cssSelector("#messages > li")).stream()
                .filter(li -> li.getAttribute("textContent").contains(messageText)).count();
    }

    @Test
    void theEnhancedConversationPageHasNoAxeViolationInFrenchOrEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : List.of("fr", "en")) {
            String handle = "chat_" + language;
            Direct direct = signUpInConversation(language, handle, "leo_" + language);
            String other = direct.other();
            String conversation = direct.conversation();
            messaging.send(other, conversation, "a-" + language, "Bonjour ! On se retrouve à la médiathèque ?");
            messaging.send(members.idOf(handle), conversation, "b-" + language, "Oui, à 15 h.");

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
        signUpInBrowser(ana, "ana", "Ana");
        leo.cookie("rampe_lang", "fr");
        signUpInBrowser(leo, "leo", "Léo");
        everyoneTakesMessages();
        String conversation = messaging.startDirect(members.idOf("leo"), "ana").id();

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
        signUpInBrowser(ana, "ana", "Ana");
        String other = graph.writeOne("""
                CREATE (m:Member {id: randomUUID(), email: 'leo@example.org', handle: 'leo', displayName: 'Léo'})
                RETURN m.id AS id""", Map.of(), r -> r.get("id").asString()).orElseThrow();
        everyoneTakesMessages();
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

    // ---- images ----------------------------------------------------------------------------

    @Autowired
    MessageImages images;

    private static MockMultipartFile png(int width, int height) {
        return new MockMultipartFile("image", "photo.png", "image/png", TestImages.png(width, height));
    }

    @Test
    void aConversationWithImagesHasNoAxeViolationInFrenchOrEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : List.of("fr", "en")) {
            String handle = "pic_" + language;
            Direct direct = signUpInConversation(language, handle, "leo_pic_" + language);
            String other = direct.other();
            String conversation = direct.conversation();
            images.send(other, conversation, "a-" + language, "L’entrée côté parc :", png(640, 480),
                    "Une rampe en bois le long de trois marches, une main courante à droite");
            images.send(members.idOf(handle), conversation, "b-" + language, "", png(200, 300), "Mon fauteuil devant la porte");

            ana.open("/messages/" + conversation);
            waitUntilLive(ana);
            violations.put(language + " conversation with images", ana.axeViolations());
            var shown = ana.driver.findElements(By.cssSelector(".message-image img"));
            assertThat(shown).hasSize(2);
            assertThat(shown.getFirst().getSize().getWidth()).as("fits 320 px").isLessThanOrEqualTo(320);

            // an image arrives live: drawn by chat.js, announced with its description
            images.send(other, conversation, "c-" + language, "", png(100, 100), "Le bouton d’appel de l’ascenseur");
            waitUntil(ana, "the live image", d -> d.findElements(By.cssSelector(".message-image img")).size() == 3);
            waitUntil(ana, "the announcement", d -> text(ana, "#chat-live").contains("Le bouton d’appel"));
            assertThat(text(ana, "#chat-live")).isEqualTo("fr".equals(language)
                    ? "Léo Martin : image : Le bouton d’appel de l’ascenseur"
                    : "Léo Martin: image: Le bouton d’appel de l’ascenseur");
            violations.put(language + " conversation after a live image", ana.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void aMemberAttachesAnImageWithItsDescriptionWithTheKeyboardAlone() throws Exception {
        ana.cookie("rampe_lang", "fr");
        signUpInBrowser(ana, "ana", "Ana");
        leo.cookie("rampe_lang", "fr");
        signUpInBrowser(leo, "leo", "Léo");
        everyoneTakesMessages();
        String conversation = messaging.startDirect(members.idOf("leo"), "ana").id();
        Path file = Files.createTempFile("rampe-chat-", ".png");
        try {
            Files.write(file, TestImages.png(480, 360));
            leo.open("/messages/" + conversation);
            waitUntilLive(leo);

            ana.open("/messages/" + conversation);
            waitUntilLive(ana);
            ana.tabTo("the message field", e -> "message-text".equals(e.getAttribute("id")), 60, false);
            ana.type("La rampe de la médiathèque");
            ana.tabTo("the image field", e -> "message-image".equals(e.getAttribute("id")), 10, false);
            // What the file chooser does once a file is picked with the keyboard.
            ana.focused().sendKeys(file.toString());
            ana.tabTo("the send button", e -> "submit".equals(e.getAttribute("type")), 10, false);
            ana.press(Keys.ENTER);

            // Refused without a description: the reason is said, nothing is lost.
            waitUntil(ana, "the refusal", d -> text(ana, "#chat-error").contains("Écrivez la description de l’image"));
            assertThat(ana.driver.findElement(By.id("chat-error")).getAttribute("role")).isEqualTo("alert");
            assertThat(ana.driver.findElement(By.id("message-text")).getAttribute("value")).isEqualTo("La rampe de la médiathèque");
            assertThat(ana.driver.findElement(By.id("message-image")).getAttribute("value")).endsWith(file.getFileName().toString());
            assertThat(ana.driver.findElements(By.cssSelector("#messages > li"))).isEmpty();
            assertThat(count("MATCH (m:Message) RETURN count(m) AS n")).isZero();

            ana.tabTo("the description field", e -> "message-alt".equals(e.getAttribute("id")), 10, true);
            ana.type("Une rampe en pente douce, à gauche de l’entrée");
            new Actions(ana.driver).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();

            waitUntil(ana, "the image shown once, stored", d -> d.findElements(By.cssSelector("#messages > li[data-message-id] .message-image img")).size() == 1
                    && d.findElements(By.cssSelector("#messages > li.message-pending")).isEmpty());
            var img = ana.driver.findElement(By.cssSelector("#messages > li .message-image img"));
            assertThat(img.getAttribute("alt")).isEqualTo("Une rampe en pente douce, à gauche de l’entrée");
            assertThat(img.getDomAttribute("width")).isEqualTo("480");
            assertThat(img.getSize().getWidth()).as("fits 320 px").isLessThanOrEqualTo(320);
            assertThat(ana.driver.findElements(By.cssSelector("#messages > li"))).hasSize(1);
            assertThat(ana.focused().getAttribute("id")).isEqualTo("message-text");
            assertThat(ana.driver.findElement(By.id("message-text")).getAttribute("value")).isEmpty();
            assertThat(ana.driver.findElement(By.id("message-alt")).getAttribute("value")).isEmpty();
            assertThat(ana.driver.findElement(By.id("message-image")).getAttribute("value")).isEmpty();
            assertThat(ana.driver.findElements(By.id("chat-error"))).isEmpty();
            waitUntil(ana, "the image loaded", d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                    "const i = document.querySelector('.message-image img'); return i.complete && i.naturalWidth === 480;")));

            waitUntil(leo, "the image at Léo's", d -> d.findElements(By.cssSelector(".message-image img")).size() == 1);
            assertThat(text(leo, "#chat-live"))
                    .isEqualTo("Ana : La rampe de la médiathèque (image : Une rampe en pente douce, à gauche de l’entrée)");
            assertThat(count("MATCH (:Message)-[:HAS_IMAGE]->(i:Image) RETURN count(i) AS n")).isEqualTo(1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private long count(String cypher) {
        return graph.count(cypher, Map.of());
    }
}
