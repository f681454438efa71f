package org.rampe.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.signUpInBrowser;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rampe.RampeTest;
import org.rampe.images.ImageStore;
import org.rampe.images.TestImages;
import org.rampe.messaging.MessageImages;
import org.rampe.messaging.Messaging;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/**
 * Moderation pages in Chromium: axe-core in French and English on the report form (blank and with
 * its error), the receipt, the queues, a decision and the audit logs; and the keyboard-only journey
 * "report a post, then as the group moderator hide it from the queue and see the audit entry"; and
 * a case's snapshots beside its current state (issue 17) in both languages and at 320 px.
 */
class ModerationBrowserTest extends RampeTest {

    @Autowired
    Messaging messaging;

    @Autowired
    MessageImages images;

    @Autowired
    ImageStore imageStore;

    private Browser browser;
    private String group;
    private String post;

    @BeforeEach
    void aGroupWithAPost() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        var ids = graph.writeOne("""
                CREATE (ana:Member {id: randomUUID(), email: 'ana@example.org', handle: 'ana', displayName: 'Ana',
                                    passwordHash: 'none', language: 'fr', createdAt: datetime()})
                CREATE (g:Group {id: randomUUID(), slug: 'parents-autisme', name: 'Parents autisme', description: '',
                                 rules: '1. Bienveillance.\\n2. Pas de publicité.', kind: 'public', publicAuditLog: true, createdAt: datetime()})
                CREATE (ana)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                CREATE (ana)-[:POSTED]->(p:Post {id: randomUUID(), text: 'Achetez mes compléments miracles !', contentWarning: '',
                        language: 'fr', visibility: 'group', createdAt: datetime() - duration('PT1H')})-[:IN_GROUP]->(g)
                RETURN g.id AS g, p.id AS p""", Map.of(), r -> r).orElseThrow();
        group = ids.get("g").asString();
        post = ids.get("p").asString();
    }

    private void cypher(String query) {
        graph.write(query, Map.of("g", group));
    }

    private void moderator(String handle) {
        cypher("MATCH (m:Member {handle: '" + handle + "'}), (g:Group {id: $g}) MERGE (m)-[:MEMBER_OF {role: 'moderator', since: datetime()}]->(g)");
    }

    /** Signs in through the form with the keyboard. */
    private void signIn(String handle) {
        browser.open("/signin");
        browser.driver.findElement(By.id("email")).click();
        browser.type(handle + "@example.org");
        browser.press(Keys.TAB);
        browser.type("a long enough password");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("form[action='/signout']"));
    }

    @Test
    void theModerationPagesHaveNoAxeViolationInFrenchAndEnglish() {
        signUpInBrowser(browser, "modo", "Modo");
        moderator("modo");
        browser.forgetCookies();
        signUpInBrowser(browser, "site_admin", "Admin");
        browser.forgetCookies();
        signUpInBrowser(browser, "reporter", "Rep");
        cypher("MATCH (r:Member {handle: 'reporter'}), (a:Member {handle: 'ana'}) MERGE (r)-[:FOLLOWS {since: datetime()}]->(a)");
        Map<String, String> violations = new LinkedHashMap<>();
        for (String lang : List.of("fr", "en")) {
            browser.forgetCookies();
            signIn("reporter");
            browser.cookie("rampe_lang", lang);
            browser.open("/report?kind=post&id=" + post);
            violations.put(lang + " report form", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(lang + " report form with its error", browser.axeViolations());
            browser.driver.findElement(By.id("reason-self_harm")).click();
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".help-now"));
            violations.put(lang + " report received", browser.axeViolations());

            browser.forgetCookies();
            signIn("modo");
            browser.cookie("rampe_lang", lang);
            browser.open("/moderation/groups/" + group);
            violations.put(lang + " group queue", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("main form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(lang + " group queue with an error", browser.axeViolations());
            browser.open("/moderation/groups/" + group + "/audit");
            violations.put(lang + " group audit log", browser.axeViolations());

            browser.forgetCookies();
            signIn("site_admin");
            browser.cookie("rampe_lang", lang);
            browser.open("/moderation");
            violations.put(lang + " site queue", browser.axeViolations());
            browser.driver.findElement(By.cssSelector("main form.form input[value=warn]")).click();
            browser.driver.findElement(By.cssSelector("main form.form input[name=rule]")).sendKeys("Règle 2");
            browser.driver.findElement(By.cssSelector("main form.form textarea[name=reason]")).sendKeys("Publicité");
            browser.driver.findElement(By.cssSelector("main form.form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".notice"));
            browser.open("/moderation/audit");
            violations.put(lang + " site audit log", browser.axeViolations());
            String decision = graph.one("MATCH (d:Decision) RETURN d.id AS id ORDER BY d.at DESC LIMIT 1",
                    Map.of(), r -> r.get("id").asString()).orElseThrow();
            browser.open("/decisions/" + decision);
            violations.put(lang + " decision", browser.axeViolations());
            browser.forgetCookies();
            browser.cookie("rampe_lang", lang);
            browser.open("/moderation/groups/" + group + "/audit");
            violations.put(lang + " public audit summary", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void aMemberReportsAPostThenTheGroupModeratorHidesItFromTheQueueAndSeesTheAuditEntryWithTheKeyboardAlone() {
        signUpInBrowser(browser, "modo", "Modo");
        moderator("modo");
        browser.forgetCookies();
        signUpInBrowser(browser, "kbd", "Sam kbd");
        // The groups feature lets group members read group posts; until it is merged, following the author does.
        cypher("MATCH (r:Member {handle: 'kbd'}), (a:Member {handle: 'ana'}) MERGE (r)-[:FOLLOWS {since: datetime()}]->(a)");

        // Report the post from its page.
        browser.open("/posts/" + post);
        browser.tabTo("the report link", e -> e.getDomAttribute("href") != null && e.getDomAttribute("href").startsWith("/report?kind=post"), 60, false);
        browser.press(Keys.ENTER);
        browser.waitForTitle("Signaler une publication");
        assertThat(browser.driver.findElement(By.cssSelector(".group-rules")).getText()).contains("Pas de publicité");
        browser.tabTo("the spam choice", e -> "reason-spam".equals(e.getAttribute("id")), 60, false);
        browser.press(Keys.SPACE);
        browser.press(Keys.TAB);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("report-text");
        browser.type("Publicité pour des compléments");
        browser.tabTo("Envoyer le signalement");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Signalement reçu");
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).contains("bien reçu votre signalement");

        // As the group's moderator, hide it from the queue.
        browser.forgetCookies();
        signIn("modo");
        browser.open("/moderation/groups/" + group);
        assertThat(browser.driver.findElement(By.cssSelector(".report-item")).getText())
                .contains("Achetez mes compléments miracles").contains("Publicité pour des compléments");
        browser.tabTo("the decision choices", e -> "radio".equals(e.getAttribute("type")), 60, false);
        browser.press(Keys.ARROW_DOWN);
        assertThat(browser.focused().getAttribute("value")).isEqualTo("hide");
        browser.press(Keys.TAB);
        assertThat(browser.focused().getAttribute("name")).isEqualTo("rule");
        browser.type("Règle 2 : pas de publicité");
        browser.press(Keys.TAB);
        assertThat(browser.focused().getAttribute("name")).isEqualTo("reason");
        browser.type("Publicité commerciale");
        browser.tabTo("Enregistrer la décision");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).contains("Masqué");

        // And see the audit entry.
        browser.tabTo("Journal de modération");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Journal de modération");
        String log = browser.driver.findElement(By.cssSelector("table.audit-log tbody")).getText();
        assertThat(log).contains("Masqué").contains("@modo").contains("Publicité commerciale");
    }

    @Test
    void theSiteQueueWithAReportedMessagesImageHasNoAxeViolationAndLoadsTheImageInFrenchAndEnglish() {
        signUpInBrowser(browser, "leo", "Léo");
        String ana = members.idOf("ana");
        everyoneTakesMessages();
        String conversation = messaging.startDirect(ana, "leo").id();
        String message = images.send(ana, conversation, "img-1", "Regarde ça",
                new MockMultipartFile("image", "photo.png", "image/png", TestImages.png(640, 480)), "Un geste obscène").message().id();
        browser.open("/report?kind=message&id=" + message);
        browser.driver.findElement(By.id("reason-harassment")).click();
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.waitForTitle("Signalement reçu");
        browser.forgetCookies();
        signUpInBrowser(browser, "site_admin", "Admin");

        Map<String, String> violations = new LinkedHashMap<>();
        for (String lang : List.of("fr", "en")) {
            browser.cookie("rampe_lang", lang);
            browser.open("/moderation");
            var img = browser.driver.findElement(By.cssSelector("figure.case-image img"));
            assertThat(img.getDomAttribute("alt")).isEqualTo("Un geste obscène");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", img);
            new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> ((Number) ((JavascriptExecutor) d)
                    .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", img)).intValue() == 640);
            violations.put(lang + " site queue with a message's image", browser.axeViolations());
        }
        browser.resize(320, 900);
        browser.open("/moderation");
        assertThat(browser.horizontalOverflow()).as("the image fits 320 px").isZero();
        browser.resize(1280, 900);

        messaging.delete(ana, message);
        for (String lang : List.of("fr", "en")) {
            browser.cookie("rampe_lang", lang);
            browser.open("/moderation");
            assertThat(browser.driver.findElements(By.cssSelector("figure.case-image"))).isEmpty();
            assertThat(browser.driver.findElement(By.cssSelector(".case-image-gone")).getText())
                    .contains(lang.equals("fr") ? "n’est plus disponible" : "no longer available");
            violations.put(lang + " site queue with a message's image gone", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    /** Reports the post from the report form as a new member who follows its author. */
    private void reportAs(String handle) {
        browser.forgetCookies();
        signUpInBrowser(browser, handle, "Rep " + handle);
        cypher("MATCH (r:Member {handle: '" + handle + "'}), (a:Member {handle: 'ana'}) MERGE (r)-[:FOLLOWS {since: datetime()}]->(a)");
        browser.open("/report?kind=post&id=" + post);
        browser.driver.findElement(By.id("reason-spam")).click();
        browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
        browser.waitForTitle("Signalement reçu");
    }

    @Test
    void aCaseShowsEachReportedVersionBesideTheCurrentOneWithNoAxeViolationInFrenchAndEnglishAndAt320Pixels() {
        String image = java.util.UUID.randomUUID().toString();
        imageStore.put(image, TestImages.jpeg(64, 48));
        graph.write("""
                MATCH (p:Post {id: $p})
                CREATE (p)-[:HAS_IMAGE {position: 0}]->(:Image {id: $i, alt: 'Une affiche publicitaire', width: 64, height: 48,
                                                               createdAt: datetime()})""", Map.of("p", post, "i", image));
        reportAs("rep_one");
        // Its author edits it between two reports, then deletes its image.
        graph.write("MATCH (p:Post {id: $p}) SET p.text = 'Texte corrigé, sans publicité', p.editedAt = datetime()", Map.of("p", post));
        reportAs("rep_two");
        graph.write("MATCH (:Post {id: $p})-[:HAS_IMAGE]->(i:Image) DETACH DELETE i", Map.of("p", post));
        imageStore.delete(image);

        browser.forgetCookies();
        signUpInBrowser(browser, "site_admin", "Admin");
        Map<String, String> violations = new LinkedHashMap<>();
        for (String lang : List.of("fr", "en")) {
            browser.cookie("rampe_lang", lang);
            browser.open("/moderation");
            assertThat(browser.driver.findElements(By.cssSelector(".case-then h5"))).hasSize(2);
            assertThat(browser.driver.findElement(By.cssSelector(".case-now blockquote")).getText()).isEqualTo("Texte corrigé, sans publicité");
            var img = browser.driver.findElement(By.cssSelector(".case-then figure.case-snapshot-image img"));
            assertThat(img.getDomAttribute("alt")).isEqualTo("Une affiche publicitaire");
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView()", img);
            new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> ((Number) ((JavascriptExecutor) d)
                    .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", img)).intValue() == 64);
            violations.put(lang + " site queue with a case's snapshots", browser.axeViolations());
        }
        browser.resize(320, 900);
        browser.open("/moderation");
        assertThat(browser.horizontalOverflow()).as("the snapshots fit 320 px").isZero();
        browser.resize(1280, 900);
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }
}
