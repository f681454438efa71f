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

/** The posts pages in Chromium: axe-core in French, English and high contrast, 320 px reflow, and a keyboard-only conversation. */
class PostsBrowserTest extends RampeTest {

    private Browser browser;
    private String post;
    private String bobsComment;

    @BeforeEach
    void anaAsksAndBobAnswers() {
        browser = Browser.shared(baseUrl());
        browser.resize(1280, 900);
        browser.forgetCookies();
        var ids = graph.writeOne("""
                CREATE (ana:Member {id: randomUUID(), email: 'ana@example.org', handle: 'ana', displayName: 'Ana'})
                CREATE (bob:Member {id: randomUUID(), email: 'bob@example.org', handle: 'bob', displayName: 'Bob'})
                CREATE (cleo:Member {id: randomUUID(), email: 'cleo@example.org', handle: 'cleo', displayName: 'Cléo'})
                CREATE (ana)-[:POSTED]->(p:Post {id: randomUUID(), text: 'Qui connaît un dentiste attentif à l’autisme à Bordeaux ?\\n\\nMerci @bob',
                        contentWarning: 'santé', language: 'fr', visibility: 'public', createdAt: datetime() - duration('PT2H')})
                CREATE (p)-[:MENTIONS]->(bob)
                CREATE (bob)-[:WROTE]->(c:Comment {id: randomUUID(), text: 'Le cabinet du Dr Martin, très patient.', createdAt: datetime() - duration('PT1H')})-[:ON]->(p)
                CREATE (cleo)-[:WROTE]->(r:Comment {id: randomUUID(), text: 'Je confirme !', createdAt: datetime() - duration('PT30M')})-[:ON]->(p)
                CREATE (r)-[:REPLY_TO]->(c)
                CREATE (cleo)-[:REACTED {reaction: 'support', at: datetime()}]->(p)
                CREATE (ana)-[:REACTED {reaction: 'thanks', at: datetime()}]->(c)
                RETURN p.id AS post, c.id AS comment""", Map.of(), r -> r).orElseThrow();
        post = ids.get("post").asString();
        bobsComment = ids.get("comment").asString();
    }

    @Test
    void thePostsPagesHaveNoAxeViolationInFrenchEnglishAndHighContrast() {
        Map<String, String> violations = new LinkedHashMap<>();
        int n = 0;
        for (String[] setting : new String[][] {{"fr", "t100.c0.f0.m0"}, {"en", "t100.c0.f0.m0"}, {"fr", "t100.c1.f0.m0"}, {"en", "t200.c0.f1.m1"}}) {
            browser.forgetCookies();
            browser.cookie("rampe_lang", setting[0]);
            browser.cookie("rampe_display", setting[1]);
            String lang = setting[0] + " " + setting[1];
            for (String path : List.of("/posts/" + post, "/members/ana/posts")) {
                browser.open(path);
                violations.put(lang + " visitor " + path, browser.axeViolations());
            }
            String handle = "axe" + n++;
            signUpInBrowser(browser, handle, "Sam " + handle);
            browser.open("/posts/new");
            violations.put(lang + " compose", browser.axeViolations());
            browser.driver.findElement(By.id("alt-1")).sendKeys("Une description sans image");
            browser.driver.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.waitFor(By.cssSelector(".error-summary"));
            violations.put(lang + " compose with mistakes", browser.axeViolations());

            browser.open("/posts/" + post);
            browser.driver.findElement(By.cssSelector("details.content-warning summary")).click();
            violations.put(lang + " post with content warning open, thread and reactions", browser.axeViolations());
            browser.open("/posts/" + post + "?replyTo=" + bobsComment);
            violations.put(lang + " replying", browser.axeViolations());
            browser.open("/members/ana/posts");
            violations.put(lang + " member timeline", browser.axeViolations());
        }
        violations.values().removeIf(String::isEmpty);
        assertThat(violations).as("axe-core violations by page").isEmpty();
    }

    @Test
    void postPagesReflowAt320Pixels() {
        browser.cookie("rampe_display", "t200.c0.f0.m0");
        browser.resize(320, 800);
        Map<String, Long> overflow = new LinkedHashMap<>();
        for (String path : List.of("/posts/" + post, "/members/ana/posts")) {
            browser.open(path);
            overflow.put(path, browser.horizontalOverflow());
        }
        overflow.values().removeIf(px -> px <= 0);
        assertThat(overflow).as("pages wider than the window, in CSS pixels").isEmpty();
    }

    @Test
    void aMemberWritesAPostWithAContentWarningThenCommentsRepliesAndReactsWithTheKeyboardAlone() {
        signUpInBrowser(browser, "kbd", "Sam kbd");

        // Write a post with a content warning, from their own timeline.
        browser.open("/members/kbd/posts");
        browser.tabTo("Écrire une publication");
        browser.press(Keys.ENTER);
        browser.waitForTitle("Écrire une publication");
        browser.tabTo("the text field", e -> "text".equals(e.getAttribute("id")), 30, false);
        browser.type("Bonjour à toutes et à tous !");
        browser.press(Keys.TAB);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("contentWarning");
        browser.type("présentation");
        browser.tabTo("Publier");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Votre publication est en ligne.");
        var summary = browser.tabTo("the content warning", e -> "summary".equals(e.getTagName()), 40, false);
        assertThat(summary.getText()).isEqualTo("Avertissement de contenu : présentation. Afficher la publication");
        browser.press(Keys.ENTER);
        assertThat(browser.driver.findElement(By.cssSelector("details.content-warning .post-text")).getText())
                .isEqualTo("Bonjour à toutes et à tous !");

        // Open Ana's post from her timeline.
        browser.open("/members/ana/posts");
        browser.tabTo("Ana's post", e -> ("/posts/" + post).equals(e.getDomAttribute("href")), 40, false);
        browser.press(Keys.ENTER);
        browser.waitForTitle("Publication de Ana");

        // React with support.
        var support = browser.tabTo("the support button", e -> "support".equals(e.getAttribute("value")), 40, false);
        assertThat(support.getAttribute("aria-pressed")).isEqualTo("false");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector("article.post-card button[value=support][aria-pressed=true]"));
        assertThat(browser.driver.findElement(By.cssSelector("article.post-card button[value=support]")).getText())
                .isEqualTo("💪 Soutien : 2");

        // Comment on the post.
        browser.open("/posts/" + post);
        browser.tabTo("the comment field", e -> "comment-text".equals(e.getAttribute("id")), 80, false);
        browser.type("Merci pour la question, je cherche aussi.");
        browser.tabTo("Publier le commentaire");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        assertThat(browser.driver.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Votre commentaire est publié.");

        // Reply to Bob's comment.
        browser.open("/posts/" + post);
        browser.tabTo("the reply link of Bob's comment",
                e -> e.getDomAttribute("href") != null && e.getDomAttribute("href").contains("replyTo=" + bobsComment), 80, false);
        browser.press(Keys.ENTER);
        browser.waitForTitle("Publication de Ana");
        browser.waitFor(By.cssSelector("#reply-form input[name=parent]"));
        browser.tabTo("the reply field", e -> "comment-text".equals(e.getAttribute("id")), 80, false);
        browser.type("Merci Bob !");
        browser.tabTo("Publier la réponse");
        browser.press(Keys.ENTER);
        browser.waitFor(By.cssSelector(".notice"));
        var replies = browser.driver.findElements(By.cssSelector("#comment-" + bobsComment + " > ol > li > article > h3"));
        assertThat(replies).extracting(e -> e.getText()).containsExactly("Réponse de Cléo à Bob", "Réponse de Sam kbd à Bob");
    }
}
