package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.ReceivedMail;
import org.rampe.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Changing the password and the address from "My account", over real HTTP with several clients
 * (devices): the other sessions end, notices are mailed, links die when they should.
 */
class AccountChangesTest extends RampeTest {

    private static final String OLD = TestMembers.PASSWORD;
    private static final String NEW = "a brand new sentence to remember";

    @Autowired
    private Members accounts;

    @Autowired
    private MockMvc mvc;

    /** A member signed up on a client of their own; their verification mail is read. */
    private WebClient member(String handle) throws Exception {
        var client = new WebClient(baseUrl());
        client.signUp(handle + "@example.org", handle, OLD, "fr");
        mail.awaitOne(handle + "@example.org");
        return client;
    }

    private boolean canSignIn(String email, String password) throws Exception {
        return WebClient.location(new WebClient(baseUrl()).submit("/signin", "email", email, "password", password)).equals("/");
    }

    private static String token(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    @Test
    void theAccountPageLinksToEveryPartOfTheAccount() throws Exception {
        var ana = member("ana");
        String page = ana.get("/account").body();
        assertThat(page).contains("<h1>Mon compte</h1>", "ana@example.org");
        for (String path : new String[] {"/account/password", "/account/email", "/account/sessions", "/account/passkeys",
                "/account/emails", "/account/profile", "/account/needs", "/account/follow-requests", "/account/blocked",
                "/account/muted"}) {
            assertThat(page).contains("href=\"" + path + "\"");
        }
        assertThat(ana.get("/").body()).contains("<a href=\"/account\">Mon compte</a>");
        assertThat(WebClient.location(new WebClient(baseUrl()).get("/account"))).contains("/signin");
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionKeepsThisOneAndMailsANotice() throws Exception {
        var phone = member("bob");
        var laptop = new WebClient(baseUrl());
        laptop.signIn("bob@example.org", OLD);
        assertThat(laptop.signedIn()).isTrue();

        var form = phone.get("/account/password").body();
        assertThat(form).contains("autocomplete=\"current-password\"", "autocomplete=\"new-password\"");
        var done = phone.post("/account/password", "currentPassword", OLD, "newPassword", NEW);
        assertThat(WebClient.location(done)).isEqualTo("/account");
        assertThat(WebClient.cookieNames(done)).as("a new session id").contains("RAMPE_SESSION");
        assertThat(WebClient.notice(phone.get("/account").body())).startsWith("Votre mot de passe est changé.");
        assertThat(phone.signedIn()).isTrue();
        assertThat(laptop.signedIn()).as("the other device is signed out").isFalse();

        assertThat(mail.await("bob@example.org", 2).getLast().subject()).isEqualTo("Votre mot de passe a été changé");
        assertThat(canSignIn("bob@example.org", NEW)).isTrue();
        assertThat(canSignIn("bob@example.org", OLD)).isFalse();
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPasswordAndTheSignUpRules() throws Exception {
        var cleo = member("cleo");
        var wrong = cleo.submit("/account/password", "currentPassword", "not my password", "newPassword", "short");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("<title>Erreur : Changer de mot de passe – Rampe</title>",
                "Ce n’est pas votre mot de passe actuel.", "Le mot de passe doit faire au moins 12 caractères.",
                "href=\"#currentPassword\"", "href=\"#newPassword\"")
                .doesNotContain("value=\"not my password\"", "value=\"short\"");
        assertThat(canSignIn("cleo@example.org", OLD)).isTrue();
        mail.deliverNow();
        assertThat(mail.received("cleo@example.org")).hasSize(1);
    }

    @Test
    void anEmailChangeIsConfirmedFromTheNewAddressToldToTheOldOneAndEndsTheOtherSessions() throws Exception {
        var phone = member("dan");
        var laptop = new WebClient(baseUrl());
        laptop.signIn("dan@example.org", OLD);

        var asked = phone.submit("/account/email", "email", " Dan@New.Example ", "currentPassword", OLD);
        assertThat(WebClient.location(asked)).isEqualTo("/account");
        assertThat(WebClient.notice(phone.get("/account").body())).startsWith("Nous avons envoyé un lien à la nouvelle adresse.");

        var toOld = mail.await("dan@example.org", 2).getLast();
        assertThat(toOld.subject()).isEqualTo("Demande de changement de votre adresse e-mail");
        assertThat(toOld.text()).contains("dan@new.example", "Rien ne change tant que le lien envoyé à la nouvelle adresse n’a pas été suivi.");
        assertThat(toOld.link("/account/password")).isEqualTo("/account/password");
        var toNew = mail.awaitOne("dan@new.example");
        assertThat(toNew.subject()).isEqualTo("Confirmez votre nouvelle adresse e-mail");
        String link = toNew.link("/email/confirm");
        // Nothing changed yet.
        assertThat(canSignIn("dan@example.org", OLD)).isTrue();

        assertThat(phone.get(link).body()).contains("Utiliser cette adresse");
        var confirmed = phone.post("/email/confirm", "token", token(link));
        assertThat(WebClient.location(confirmed)).isEqualTo("/account");
        String account = phone.get("/account").body();
        assertThat(WebClient.notice(account)).startsWith("Votre adresse e-mail est changée.");
        assertThat(account).contains("dan@new.example", "Cette adresse est confirmée.");
        assertThat(phone.signedIn()).isTrue();
        assertThat(laptop.signedIn()).as("the other device is signed out").isFalse();
        assertThat(accounts.mailRecipient(new MemberId(members.idOf("dan")))).hasValueSatisfying(r ->
                assertThat(r.email()).isEqualTo("dan@new.example"));

        assertThat(canSignIn("dan@new.example", OLD)).isTrue();
        assertThat(canSignIn("dan@example.org", OLD)).isFalse();
        assertThat(phone.get(link).statusCode()).as("used once").isEqualTo(404);
    }

    @Test
    void theSignedInAccountGoesByItsNewAddressAfterTheChange() throws Exception {
        var session = members.signUp(TestMembers.newMember("ivy"));
        mail.awaitOne("ivy@example.org");
        mvc.perform(post("/account/email").with(csrf()).session(session)
                .param("email", "ivy@new.example").param("currentPassword", OLD));
        String link = mail.awaitOne("ivy@new.example").link("/email/confirm");
        mvc.perform(post("/email/confirm").with(csrf()).session(session).param("token", token(link)));
        var context = (SecurityContext) session.getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(((MemberAccount) context.getAuthentication().getPrincipal()).getUsername()).isEqualTo("ivy@new.example");
    }

    @Test
    void theNewAddressLinkWorksInABrowserThatIsNotSignedIn() throws Exception {
        var phone = member("eve");
        phone.submit("/account/email", "email", "eve@new.example", "currentPassword", OLD);
        String link = mail.awaitOne("eve@new.example").link("/email/confirm");

        var elsewhere = new WebClient(baseUrl());
        elsewhere.get(link);
        assertThat(WebClient.location(elsewhere.post("/email/confirm", "token", token(link)))).isEqualTo("/signin");
        assertThat(phone.signedIn()).as("every session of the account ends").isFalse();
        assertThat(canSignIn("eve@new.example", OLD)).isTrue();
    }

    @Test
    void anEmailChangeNeedsTheCurrentPasswordAndANewWellFormedAddress() throws Exception {
        var fay = member("fay");
        var page = fay.submit("/account/email", "email", "fay@example.org", "currentPassword", "wrong one");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("C’est déjà votre adresse.", "Ce n’est pas votre mot de passe actuel.")
                .doesNotContain("value=\"wrong one\"");
        assertThat(fay.submit("/account/email", "email", "nope", "currentPassword", OLD).body())
                .contains("Saisissez une adresse e-mail valide");
        mail.deliverNow();
        assertThat(mail.received("fay@example.org")).hasSize(1);
    }

    @Test
    void movingToAnAddressThatHasAnAccountAnswersTheSameAndTellsThatAccountsOwner() throws Exception {
        var gus = member("gus");
        member("hal");
        var free = gus.submit("/account/email", "email", "gus@new.example", "currentPassword", OLD);
        String freeNotice = WebClient.notice(gus.get("/account").body());
        var taken = gus.submit("/account/email", "email", "hal@example.org", "currentPassword", OLD);
        assertThat(taken.statusCode()).isEqualTo(free.statusCode());
        assertThat(WebClient.location(taken)).isEqualTo(WebClient.location(free));
        assertThat(WebClient.notice(gus.get("/account").body())).isEqualTo(freeNotice);

        var told = mail.await("hal@example.org", 2).getLast();
        assertThat(told.subject()).isEqualTo("Votre adresse a été saisie sur Rampe");
        assertThat(told.text()).contains("Quelqu’un a voulu mettre cette adresse sur un autre compte. Elle a déjà un compte, @hal");
        assertThat(told.text()).doesNotContain("/email/confirm");
        assertThat(mail.await("gus@example.org", 3)).extracting(ReceivedMail::subject)
                .containsOnly("Confirmez votre adresse e-mail", "Demande de changement de votre adresse e-mail");
    }

    @Test
    void whenAnotherAccountTakesTheAddressFirstTheSecondConfirmationChangesNothing() throws Exception {
        var ana = member("ana");
        var bob = member("bob");
        ana.submit("/account/email", "email", "shared@example.org", "currentPassword", OLD);
        bob.submit("/account/email", "email", "shared@example.org", "currentPassword", OLD);
        var links = mail.await("shared@example.org", 2);
        String anaLink = links.stream().filter(m -> m.text().contains("@ana")).findFirst().orElseThrow().link("/email/confirm");
        String bobLink = links.stream().filter(m -> m.text().contains("@bob")).findFirst().orElseThrow().link("/email/confirm");

        ana.get(anaLink);
        assertThat(WebClient.location(ana.post("/email/confirm", "token", token(anaLink)))).isEqualTo("/account");
        bob.get(bobLink);
        var refused = bob.post("/email/confirm", "token", token(bobLink));
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("Cette adresse est déjà utilisée", "Votre adresse n’a pas changé.");
        assertThat(graph.one("MATCH (m:Member {handle: 'bob'}) RETURN m.email AS e", Map.of(), r -> r.get("e").asString()))
                .hasValue("bob@example.org");
        assertThat(bob.signedIn()).isTrue();
    }

    @Test
    void aPasswordChangeCancelsAPendingAddressChange() throws Exception {
        var ivy = member("ivy");
        ivy.submit("/account/email", "email", "thief@example.org", "currentPassword", OLD);
        String link = mail.awaitOne("thief@example.org").link("/email/confirm");
        ivy.submit("/account/password", "currentPassword", OLD, "newPassword", NEW);

        var thief = new WebClient(baseUrl());
        assertThat(thief.get(link).statusCode()).isEqualTo(404);
        assertThat(thief.post("/email/confirm", "token", token(link)).statusCode()).isEqualTo(404);
        assertThat(canSignIn("ivy@example.org", NEW)).isTrue();
    }
}
