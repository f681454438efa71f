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
import org.rampe.messaging.Messaging;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Messaging pages in Chromium as they work without the live script: axe-core in French and
 * English on the list, a conversation (with messages, read receipts, and with an error), the
 * new-conversation form (blank and with errors) and the settings; nothing sideways at 320 px;
 * opening a conversation and sending a message with the keyboard alone.
 */
class MessagesBrowserTest extends RampeTest {

    @Autowired
    Messaging messaging;

    private Browser browser;
    private String anaId;

    @BeforeEach
    void ana() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        anaId = graph.writeOne("""
                CREATE (a:Member {id: randomUUID(), email: 'ana@example.org', handle: 'ana', displayName: 'Ana Lefèvre'})
                RETURN a.id AS id""", Map.of(), r -> r.get("id").asString()).orElseThrow();
    }

    /** A direct conversation between the member and Ana, with a message from Ana; its id. */
    private String conversationWithAna(String handle) {
        everyoneTakesMessages();
        String c = messaging.startDirect(anaId, handle).id();
        messaging.send(anaId, c, "hello-" + handle, "Bonjour ! Tu viens au marché samedi ?\n\nhttps://example.org/marche");
        return c;
    }

    @Test
    void messagingPagesHaveNoAxeViolationInFrenchAndEnglish() {
        Map<String, String> violations = new LinkedHashMap<>();
        for (String language : List.of("fr", "en")) {
            browser.forgetCookies();
            String handle = "axe_" + language;
            signUpInBrowser(browser, handle, "Sam " + language);
            browser.cookie("rampe_lang", language);
            browser.open("/messages");
            violations.put(language + " empty list", browser.axeViolations());
            String c = conversationWithAna(handle);
            messaging.send(members.idOf(handle), c, "reply", "Oui, à 10 h !");
            messaging.markRead(anaId, c, 2);
            browser.open("/messages");
            assertThat(browser.htmlAttribute("lang")).isEqualTo(language);
            violations.put(language + " list", browser.axeViolations());
            browser.open("/messages/" + c);
            violations.put(language + " conversation", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("#composer button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " conversation with an error", browser.axeViolations());
            browser.open("/messages/new");
            violations.put(language + " new conversation", browser.axeViolations());
            browser.driver.findElement(By.id("handles")).sendKeys("nobody_here");
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(language + " new conversation with an error", browser.axeViolations());
            browser.open("/messages/settings");
            violations.put(language + " settings", browser.axeViolations());
            String mine = messaging.history(members.idOf(handle), c, null, 10).getLast().id();
            browser.open("/messages/" + c + "/m/" + mine + "/edit");
            violations.put(language + " edit a message", browser.axeViolations());
            browser.open("/messages/" + c + "/m/" + mine + "/delete");
            violations.put(language + " delete a message", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void messagingPagesReflowAt320Pixels() {
        signUpInBrowser(browser, "narrow", "Sam Narrow");
        String c = conversationWithAna("narrow");
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        browser.resize(320, 800);
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String path : List.of("/messages", "/messages/" + c, "/messages/new", "/messages/settings")) {
            browser.open(path);
            overflow.put(path, browser.horizontalOverflow());
        }
        overflow.values().removeIf(px -> px <= 0);
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void aMemberOpensAConversationAndSendsAMessageWithTheKeyboardAlone() {
        signUpInBrowser(browser, "kbd", "Sam Kbd");
        conversationWithAna("kbd");
        // The page as it works without JavaScript (chat.js would send live: see ChatBrowserTest).
        browser.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            sendWithTheForm();
        } finally {
            browser.driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    private void sendWithTheForm() {
        browser.open("/");
        browser.tabTo("the messages link", e -> "nav-messages".equals(e.getAttribute("id")), 40, false);
        assertThat(browser.focused().getText()).isEqualTo("Messages, 1 non lu");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Messages");
        browser.tabTo("Ana Lefèvre");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Conversation : Ana Lefèvre");
        assertThat(browser.driver.findElement(By.id("messages")).getText()).contains("Tu viens au marché samedi ?");
        browser.tabTo("the message field", e -> "message-text".equals(e.getAttribute("id")), 60, false);
        browser.type("Oui, je prends le tram de 10 h.");
        browser.tabTo("Envoyer");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).contains("Message envoyé.");
        assertThat(browser.driver.findElement(By.cssSelector("#m-2 .message-text")).getText()).isEqualTo("Oui, je prends le tram de 10 h.");
        assertThat(browser.driver.findElement(By.id("message-text")).getAttribute("value")).isEmpty();
        assertThat(browser.driver.findElement(By.id("nav-messages")).getText()).isEqualTo("Messages");
    }
}
