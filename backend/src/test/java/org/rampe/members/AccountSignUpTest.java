package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sign-up and email verification over real HTTP: a taken address is answered exactly as a new one,
 * its owner is told by mail; the verification link works once, signed in or not, and only then
 * does the member get mail.
 */
class AccountSignUpTest extends RampeTest {

    private static final String PASSWORD = TestMembers.PASSWORD;

    @Autowired
    private Members accounts;

    private MemberId idOf(String handle) {
        return new MemberId(members.idOf(handle));
    }

    @Test
    void aSignUpWithATakenAddressGetsTheSameAnswerAsANewAddressAndTheOwnerIsTold() throws Exception {
        new WebClient(baseUrl()).signUp("ana@example.org", "ana", PASSWORD, "fr");
        mail.awaitOne("ana@example.org"); // her own verification mail

        var fresh = new WebClient(baseUrl());
        var created = fresh.signUp("bo@example.org", "bo_new", PASSWORD, "fr");
        var prober = new WebClient(baseUrl());
        var taken = prober.signUp("ANA@example.org ", "ana_again", PASSWORD, "fr");

        // The answer to the POST itself: same status, same place, the same cookies set.
        assertThat(taken.statusCode()).isEqualTo(created.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(taken)).isEqualTo(WebClient.location(created)).isEqualTo("/");
        assertThat(WebClient.cookieNames(taken)).isEqualTo(WebClient.cookieNames(created))
                .contains("RAMPE_SESSION", "rampe_lang", "rampe_display");
        assertThat(taken.body()).isEqualTo(created.body());
        // The page it leads to says the same, true for both: a mail went to the address.
        String createdPage = fresh.get("/").body();
        String takenPage = prober.get("/").body();
        assertThat(WebClient.notice(takenPage)).isEqualTo(WebClient.notice(createdPage))
                .isEqualTo("Nous avons envoyé un e-mail à l’adresse que vous avez donnée. Ouvrez-le : il dit quoi faire ensuite. "
                        + "Pas d’e-mail ? Regardez dans les courriers indésirables.");
        // What differs, by design: the new member is signed in at once, the prober is not (see the report).
        assertThat(fresh.signedIn()).isTrue();
        assertThat(prober.signedIn()).isFalse();

        assertThat(graph.count("MATCH (m:Member) RETURN count(m)", Map.of())).isEqualTo(2);
        var told = mail.await("ana@example.org", 2).getLast();
        assertThat(told.subject()).isEqualTo("Votre adresse a été saisie sur Rampe");
        assertThat(told.text()).contains("Quelqu’un a voulu créer un compte avec cette adresse. Elle a déjà un compte, @ana",
                "Vous recevez cet e-mail parce que quelqu’un a saisi cette adresse sur Rampe, et qu’un compte l’utilise déjà.");
        assertThat(told.link("/signin")).isEqualTo("/signin");
        assertThat(told.link("/password/forgotten")).isEqualTo("/password/forgotten");
        assertThat(mail.awaitOne("bo@example.org").subject()).isEqualTo("Confirmez votre adresse e-mail");
    }

    @Test
    void aTakenHandleIsStillSaidPlainlyWhateverTheAddress() throws Exception {
        new WebClient(baseUrl()).signUp("ana@example.org", "ana", PASSWORD, "fr");
        var sameAddress = new WebClient(baseUrl()).signUp("ana@example.org", "ana", PASSWORD, "fr");
        var otherAddress = new WebClient(baseUrl()).signUp("zoe@example.org", "ana", PASSWORD, "fr");
        assertThat(sameAddress.statusCode()).isEqualTo(otherAddress.statusCode()).isEqualTo(200);
        assertThat(sameAddress.body()).contains("Cet identifiant est déjà pris");
        assertThat(otherAddress.body()).contains("Cet identifiant est déjà pris");
    }

    @Test
    void theMemberVerifiesFromTheMailOnceAndOnlyThenGetsMail() throws Exception {
        var browser = new WebClient(baseUrl());
        browser.signUp("cleo@example.org", "cleo", PASSWORD, "en");
        MemberId cleo = idOf("cleo");
        assertThat(accounts.mailRecipient(cleo)).isEmpty();
        assertThat(browser.get("/account").body()).contains("cleo@example.org", "This address is not confirmed yet.");

        var sent = mail.awaitOne("cleo@example.org");
        assertThat(sent.subject()).isEqualTo("Confirm your email address");
        assertThat(sent.text()).contains("Hello @cleo.", "The link works for 48 hours.",
                "You get this email because this address was used to create an account on Rampe.");
        assertThat(sent.html()).contains("<html lang=\"en\"", "<h1>Confirm your email address</h1>", ">Confirm my email address on Rampe</a>");
        String link = sent.link("/email/verify");

        // Opening the link (as a mail scanner would) only shows a button.
        var page = browser.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Confirm my email address</h1>", "name=\"token\"");
        assertThat(accounts.mailRecipient(cleo)).isEmpty();

        String token = link.substring(link.indexOf("token=") + 6);
        var confirmed = browser.post("/email/verify", "token", token);
        assertThat(WebClient.location(confirmed)).isEqualTo("/account");
        String account = browser.get("/account").body();
        assertThat(WebClient.notice(account)).isEqualTo("Thank you: your email address is confirmed.");
        assertThat(account).contains("This address is confirmed.").doesNotContain("Send a new confirmation email");
        assertThat(accounts.mailRecipient(cleo)).hasValueSatisfying(r -> {
            assertThat(r.email()).isEqualTo("cleo@example.org");
            assertThat(r.handle()).isEqualTo("cleo");
            assertThat(r.locale().getLanguage()).isEqualTo("en");
        });

        // Used once: the link is dead now.
        assertThat(browser.get(link).statusCode()).isEqualTo(404);
        assertThat(browser.post("/email/verify", "token", token).body()).contains("This link no longer works");
    }

    @Test
    void theVerificationLinkWorksInABrowserThatIsNotSignedIn() throws Exception {
        new WebClient(baseUrl()).signUp("dan@example.org", "dan", PASSWORD, "fr");
        String link = mail.awaitOne("dan@example.org").link("/email/verify");

        var elsewhere = new WebClient(baseUrl());
        assertThat(elsewhere.get(link).body()).contains("Confirmer mon adresse");
        var done = elsewhere.post("/email/verify", "token", link.substring(link.indexOf("token=") + 6));
        assertThat(WebClient.location(done)).isEqualTo("/");
        assertThat(WebClient.notice(elsewhere.get("/").body())).isEqualTo("Merci : votre adresse e-mail est confirmée.");
        assertThat(elsewhere.signedIn()).isFalse();
        assertThat(accounts.mailRecipient(idOf("dan"))).isPresent();
    }

    @Test
    void aNewVerificationMailCanBeAskedForAndBothLinksWorkUntilOneIsUsed() throws Exception {
        var browser = new WebClient(baseUrl());
        browser.signUp("eve@example.org", "eve", PASSWORD, "fr");
        String first = mail.awaitOne("eve@example.org").link("/email/verify");

        browser.get("/account");
        assertThat(WebClient.location(browser.post("/account/email/resend"))).isEqualTo("/account");
        String second = mail.await("eve@example.org", 2).getLast().link("/email/verify");
        assertThat(second).isNotEqualTo(first);
        assertThat(browser.get(first).statusCode()).isEqualTo(200);
        assertThat(browser.get(second).statusCode()).isEqualTo(200);

        browser.post("/email/verify", "token", second.substring(second.indexOf("token=") + 6));
        assertThat(accounts.mailRecipient(idOf("eve"))).isPresent();
        // Once verified, asking again sends nothing.
        browser.get("/account");
        browser.post("/account/email/resend");
        mail.deliverNow();
        assertThat(mail.received("eve@example.org")).hasSize(2);
    }

    @Test
    void askingForVerificationMailsIsLimitedPerAddress() throws Exception {
        var browser = new WebClient(baseUrl());
        browser.signUp("fay@example.org", "fay", PASSWORD, "fr");
        for (int i = 0; i < EmailVerification.RESEND_PER_EMAIL.capacity(); i++) {
            browser.get("/account");
            assertThat(browser.post("/account/email/resend").statusCode()).isEqualTo(302);
        }
        browser.get("/account");
        var refused = browser.post("/account/email/resend");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(mail.await("fay@example.org", 4)).hasSize(4);
    }

    @Test
    void aVerificationLinkForAnAddressTheMemberHasLeftVerifiesNothing() throws Exception {
        new WebClient(baseUrl()).signUp("gus@example.org", "gus", PASSWORD, "fr");
        String link = mail.awaitOne("gus@example.org").link("/email/verify");
        graph.write("MATCH (m:Member {handle: 'gus'}) SET m.email = 'gus@other.example'", Map.of());

        var browser = new WebClient(baseUrl());
        browser.get(link);
        browser.post("/email/verify", "token", link.substring(link.indexOf("token=") + 6));
        assertThat(accounts.mailRecipient(idOf("gus"))).isEmpty();
    }

    @Test
    void onlyTheHashOfATokenIsStored() throws Exception {
        new WebClient(baseUrl()).signUp("hal@example.org", "hal", PASSWORD, "fr");
        String link = mail.awaitOne("hal@example.org").link("/email/verify");
        String token = link.substring(link.indexOf("token=") + 6);
        var stored = graph.list("MATCH (:Member {handle: 'hal'})-[:HAS_TOKEN]->(t:AccountToken) RETURN properties(t) AS t",
                Map.of(), r -> r.get("t").asMap().toString());
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst()).doesNotContain(token).contains("verify-email");
        assertThat(token).hasSize(43);
    }
}
