package org.rampe.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rampe.RampeTest;
import org.rampe.TestMail;
import org.rampe.graph.Graph;
import org.rampe.graph.GraphProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The outbox against a real SMTP server in this JVM: a mail reaches it in the member's language
 * with both parts and the reason it was sent; a server that is down delays mail without losing it;
 * without a server, mail is written to the outbox directory.
 */
class MailTest extends RampeTest {

    @Autowired
    private Mailer mailer;

    @Autowired
    private MailOutbox outbox;

    @Autowired
    private MailSettings settings;

    private Mail example(String to, Locale locale) {
        return Mail.to(to, locale, "example").with("name", "Zoé 🌿").with("pageUrl", mailer.link("/places"))
                .subject("Zoé 🌿");
    }

    @Test
    void aMailReachesTheServerInTheMembersLanguageWithTextAndHtmlAndSaysWhyItWasSent() {
        mailer.send(example("zoe@example.org", Locale.FRENCH));
        mailer.send(example("ann@example.org", Locale.ENGLISH).settings(mailer.link("/account/emails")));

        var fr = mail.awaitOne("zoe@example.org");
        assertThat(fr.subject()).isEqualTo("Exemple pour Zoé 🌿");
        assertThat(fr.text()).contains("Bonjour Zoé 🌿", "Vous recevez cet e-mail parce qu’un test l’a demandé.",
                "Ouvrir la page d’exemple sur Rampe :", "http://localhost:8080/places");
        assertThat(fr.html()).contains("<html lang=\"fr\"", "<h1>Bonjour Zoé 🌿</h1>",
                "<a href=\"http://localhost:8080/places\">Ouvrir la page d’exemple sur Rampe</a>")
                .doesNotContain("<img", "Ne plus recevoir");
        assertThat(fr.header("From")).contains("no-reply@localhost");
        assertThat(fr.header("Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(fr.header("List-Unsubscribe")).isNull();

        var en = mail.awaitOne("ann@example.org");
        assertThat(en.subject()).isEqualTo("Example for Zoé 🌿");
        assertThat(en.text()).contains("Hello Zoé 🌿", "You get this email because a test asked for it.",
                "Choose which emails you get : http://localhost:8080/account/emails");
        assertThat(en.html()).contains("<html lang=\"en\"", "<a href=\"http://localhost:8080/account/emails\"");
        assertThat(en.link("/places")).isEqualTo("/places");
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aMailWithAnUnsubscribeAddressCarriesTheOneClickHeaders() {
        String url = mailer.link("/emails/unsubscribe/abc");
        mailer.send(example("zoe@example.org", Locale.FRENCH).unsubscribe(url));

        var received = mail.awaitOne("zoe@example.org");
        assertThat(received.header("List-Unsubscribe")).isEqualTo("<" + url + ">");
        assertThat(received.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(received.text()).contains("Ne plus recevoir ce type d’e-mail : " + url);
    }

    @Test
    void sendingOnlyWritesTheOutboxAndAServerThatIsDownDelaysTheMailWithoutLosingIt() {
        TestMail.stopServer();
        try {
            mailer.send(example("zoe@example.org", Locale.FRENCH));
            assertThat(outbox.pending()).isEqualTo(1);

            outbox.drain();

            var kept = graph.one("MATCH (m:OutboxMail) RETURN m.attempts AS attempts, m.lastError AS error, "
                    + "m.nextAttemptAt > datetime() AS later", Map.of(), r -> r).orElseThrow();
            assertThat(kept.get("attempts").asInt()).isEqualTo(1);
            assertThat(kept.get("error").asString()).isNotBlank();
            assertThat(kept.get("later").asBoolean()).isTrue();
            // Not due yet: another round leaves it alone.
            assertThat(outbox.drain()).isZero();
        } finally {
            TestMail.startServer();
        }
        // The wait is over (as after a restart, the outbox is read again from the graph).
        graph.write("MATCH (m:OutboxMail) SET m.nextAttemptAt = datetime() - duration('PT1S')");
        assertThat(mail.awaitOne("zoe@example.org").subject()).isEqualTo("Exemple pour Zoé 🌿");
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void theWaitDoublesAfterEachFailureUpToTheLongest() {
        assertThat(settings.backoff(1)).isEqualTo(settings.retryBase());
        assertThat(settings.backoff(2)).isEqualTo(settings.retryBase().multipliedBy(2));
        assertThat(settings.backoff(3)).isEqualTo(settings.retryBase().multipliedBy(4));
        assertThat(settings.backoff(40)).isEqualTo(settings.retryMax());
    }

    @Test
    void withoutAnSmtpServerMailIsWrittenToTheOutboxDirectory(@TempDir Path dir,
            @Autowired Graph graph, @Autowired GraphProperties graphProperties) throws Exception {
        var noServer = new MailSettings(settings.from(), settings.pollInterval(), settings.retryBase(), settings.retryMax(), dir);
        ObjectProvider<JavaMailSender> none = new org.springframework.beans.factory.support.StaticListableBeanFactory()
                .getBeanProvider(JavaMailSender.class);
        var files = new MailOutbox(new OutboxRepository(graph), new MailDelivery(none, noServer, graphProperties), noServer);
        mailer.send(example("zoe@example.org", Locale.FRENCH));

        assertThat(files.drain()).isEqualTo(1);

        try (var written = Files.list(dir)) {
            var eml = written.toList();
            assertThat(eml).hasSize(1);
            assertThat(eml.getFirst().getFileName().toString()).endsWith(".eml");
            String content = Files.readString(eml.getFirst());
            assertThat(content).contains("To: zoe@example.org", "Content-Type: multipart/");
        }
        assertThat(mail.received("zoe@example.org")).isEmpty();
    }
}
