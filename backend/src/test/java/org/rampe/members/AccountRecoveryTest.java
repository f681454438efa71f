package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * "Forgotten password" over real HTTP: the same answer for any address, a link that works once,
 * for 30 minutes, and not after a password change; using it signs in here and mails a notice.
 */
class AccountRecoveryTest extends RampeTest {

    private static final String OLD = TestMembers.PASSWORD;
    private static final String NEW = "a brand new sentence to remember";

    @Autowired
    private AccountTokens tokens;

    private void member(String handle) throws Exception {
        new WebClient(baseUrl()).signUp(handle + "@example.org", handle, OLD, "fr");
        mail.awaitOne(handle + "@example.org"); // the verification mail
    }

    /** Asks for a link on a fresh client and returns the link's path and query from the mail. */
    private String resetLink(String email, int mailsBefore) throws Exception {
        var done = new WebClient(baseUrl()).submit("/password/forgotten", "email", email);
        assertThat(WebClient.location(done)).isEqualTo("/password/forgotten/sent");
        return mail.await(email, mailsBefore + 1).getLast().link("/password/reset");
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    private boolean canSignIn(String email, String password) throws Exception {
        var done = new WebClient(baseUrl()).submit("/signin", "email", email, "password", password);
        return WebClient.location(done).equals("/");
    }

    @Test
    void theSignInPageLeadsToForgottenPassword() throws Exception {
        assertThat(new WebClient(baseUrl()).get("/signin").body())
                .contains("<a href=\"/password/forgotten\">Mot de passe oublié ?</a>");
    }

    @Test
    void aResetLinkSetsTheNewPasswordOnceSignsInHereEndsTheOtherSessionsAndMailsANotice() throws Exception {
        member("ana");
        String link = resetLink("ana@example.org", 1);
        var reset = mail.await("ana@example.org", 2).getLast();
        assertThat(reset.subject()).isEqualTo("Choisir un nouveau mot de passe");
        assertThat(reset.text()).contains("Bonjour @ana.", "Le lien marche une seule fois, pendant 30 minutes.");

        var browser = new WebClient(baseUrl());
        var form = browser.get(link);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("type=\"hidden\" name=\"token\" value=\"" + token(link) + "\"",
                "autocomplete=\"new-password\"");
        var done = browser.post("/password/reset", "token", token(link), "password", NEW);
        assertThat(WebClient.location(done)).isEqualTo("/account");
        assertThat(browser.signedIn()).isTrue();
        assertThat(WebClient.notice(browser.get("/account").body())).startsWith("Votre nouveau mot de passe est enregistré.");

        var notice = mail.await("ana@example.org", 3).getLast();
        assertThat(notice.subject()).isEqualTo("Votre mot de passe a été changé");
        assertThat(notice.text()).contains("Vous recevez cet e-mail parce que le mot de passe de votre compte Rampe vient de changer.");
        assertThat(canSignIn("ana@example.org", NEW)).isTrue();
        assertThat(canSignIn("ana@example.org", OLD)).isFalse();

        // Once used, the link is dead, on its page and in its form.
        var again = new WebClient(baseUrl());
        var page = again.get(link);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Ce lien ne marche plus", "href=\"/password/forgotten\"");
        assertThat(again.post("/password/reset", "token", token(link), "password", "yet another long password").statusCode())
                .isEqualTo(404);
        assertThat(canSignIn("ana@example.org", NEW)).isTrue();
        // Using the link proved the address too.
        assertThat(graph.exists("MATCH (m:Member {handle: 'ana'}) RETURN m.emailVerifiedAt IS NOT NULL", Map.of())).isTrue();
    }

    @Test
    void aResetLinkNoLongerWorksAfterItsThirtyMinutes() throws Exception {
        member("bob");
        String link = resetLink("bob@example.org", 1);
        graph.write("MATCH (:Member {handle: 'bob'})-[:HAS_TOKEN]->(t:AccountToken {purpose: 'reset-password'}) "
                + "SET t.expiresAt = datetime() - duration('PT1S')", Map.of());

        var browser = new WebClient(baseUrl());
        assertThat(browser.get(link).statusCode()).isEqualTo(404);
        assertThat(browser.post("/password/reset", "token", token(link), "password", NEW).statusCode()).isEqualTo(404);
        assertThat(canSignIn("bob@example.org", OLD)).isTrue();
        assertThat(graph.count("MATCH (t:AccountToken {purpose: 'reset-password'}) RETURN count(t)", Map.of()))
                .as("a dead link tried is removed").isZero();
    }

    @Test
    void aResetLinkNoLongerWorksAfterAPasswordChange() throws Exception {
        member("cleo");
        String link = resetLink("cleo@example.org", 1);

        var signedIn = new WebClient(baseUrl());
        signedIn.signIn("cleo@example.org", OLD);
        var changed = signedIn.submit("/account/password", "currentPassword", OLD, "newPassword", NEW);
        assertThat(WebClient.location(changed)).isEqualTo("/account");

        var browser = new WebClient(baseUrl());
        assertThat(browser.get(link).statusCode()).isEqualTo(404);
        assertThat(browser.post("/password/reset", "token", token(link), "password", "what the thief wanted").statusCode())
                .isEqualTo(404);
        assertThat(canSignIn("cleo@example.org", NEW)).isTrue();
    }

    @Test
    void theNewPasswordFollowsTheSignUpRulesAndTheLinkSurvivesAMistake() throws Exception {
        member("dan");
        String link = resetLink("dan@example.org", 1);
        var browser = new WebClient(baseUrl());
        browser.get(link);
        var tooShort = browser.post("/password/reset", "token", token(link), "password", "short");
        assertThat(tooShort.statusCode()).isEqualTo(200);
        assertThat(tooShort.body()).contains("<title>Erreur : Choisir un nouveau mot de passe – Rampe</title>",
                "Le mot de passe doit faire au moins 12 caractères.", "href=\"#password\"", "value=\"" + token(link) + "\"")
                .doesNotContain("value=\"short\"");
        assertThat(WebClient.location(browser.post("/password/reset", "token", token(link), "password", "🙂".repeat(12))))
                .isEqualTo("/account");
    }

    @Test
    void forgottenPasswordAnswersTheSameForAKnownAndAnUnknownAddressAndMailsOnlyTheKnownOne() throws Exception {
        member("eve");
        var known = new WebClient(baseUrl());
        var knownAnswer = known.submit("/password/forgotten", "email", "eve@example.org");
        var unknown = new WebClient(baseUrl());
        var unknownAnswer = unknown.submit("/password/forgotten", "email", "nobody@example.org");

        assertThat(unknownAnswer.statusCode()).isEqualTo(knownAnswer.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(unknownAnswer)).isEqualTo(WebClient.location(knownAnswer));
        assertThat(WebClient.cookieNames(unknownAnswer)).isEqualTo(WebClient.cookieNames(knownAnswer));
        String knownPage = known.get(WebClient.location(knownAnswer)).body();
        String unknownPage = unknown.get(WebClient.location(unknownAnswer)).body();
        assertThat(knownPage).contains("<strong>eve@example.org</strong>", "Si un compte Rampe utilise cette adresse");
        assertThat(strip(unknownPage).replace("nobody@example.org", "eve@example.org")).isEqualTo(strip(knownPage));

        mail.await("eve@example.org", 2);
        mail.deliverNow();
        assertThat(mail.received("nobody@example.org")).isEmpty();
    }

    @Test
    void forgottenPasswordIsLimitedPerAddressTheSameForKnownAndUnknownOnes() throws Exception {
        member("fay");
        for (String email : new String[] {"fay@example.org", "nobody@example.org"}) {
            for (int i = 0; i < PasswordReset.PER_EMAIL.capacity(); i++) {
                var client = new WebClient(baseUrl());
                assertThat(client.submit("/password/forgotten", "email", email).statusCode()).isEqualTo(302);
            }
            var refused = new WebClient(baseUrl()).submit("/password/forgotten", "email", email.toUpperCase());
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void aMistypedAddressIsSaidPlainly() throws Exception {
        var page = new WebClient(baseUrl()).submit("/password/forgotten", "email", "not an address");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Erreur : Mot de passe oublié – Rampe</title>",
                "Saisissez une adresse e-mail valide", "aria-invalid=\"true\"", "value=\"not an address\"");
    }

    @Test
    void expiredLinksAreSweptAway() throws Exception {
        member("gus");
        resetLink("gus@example.org", 1);
        graph.write("MATCH (t:AccountToken) SET t.expiresAt = datetime() - duration('PT1S')", Map.of());
        tokens.sweep();
        assertThat(graph.count("MATCH (t:AccountToken) RETURN count(t)", Map.of())).isZero();
    }

    @Test
    void aLinkUsedTwiceAtTheSameMomentWorksOnce() throws Exception {
        member("hal");
        MemberId hal = new MemberId(members.idOf("hal"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String token = tokens.issue(hal, TokenPurpose.RESET_PASSWORD, "hal@example.org");
                var start = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Callable<Boolean> use = () -> {
                    start.await();
                    return tokens.take(TokenPurpose.RESET_PASSWORD, token).isPresent();
                };
                var first = pool.submit(use);
                var second = pool.submit(use);
                start.countDown();
                assertThat(java.util.List.of(first.get(), second.get())).as("round " + round).containsExactlyInAnyOrder(true, false);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A page without what differs from one session to another (the CSRF token). */
    private static String strip(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "").replaceAll("content=\"[A-Za-z0-9_-]{20,}\"", "");
    }
}
