package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

class AccountsTest extends RampeTest {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;

    static MockHttpServletRequestBuilder signUp(String email, String handle, String name, String password, String language) {
        return post("/signup").with(csrf())
                .param("email", email).param("handle", handle).param("displayName", name)
                .param("password", password).param("language", language);
    }

    MockHttpSession signedUp(String email, String handle) throws Exception {
        return (MockHttpSession) mvc.perform(signUp(email, handle, "Name " + handle, PASSWORD, "fr"))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession();
    }

    @Test
    void aVisitorSignsUpIsSignedInAndGetsTheLanguageTheyChose() throws Exception {
        var result = mvc.perform(signUp("Ana@Example.org", "@Ana_B", "Ana 🌻 Bê", PASSWORD, "en"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/"))
                .andExpect(cookie().value("rampe_lang", "en"))
                .andReturn();
        var session = (MockHttpSession) result.getRequest().getSession();

        mvc.perform(get("/").session(session).cookie(new Cookie("rampe_lang", "en")))
                .andExpect(content().string(Matchers.containsString("Signed in as Ana 🌻 Bê")));

        var stored = graph.one("MATCH (m:Member) RETURN m.email AS email, m.handle AS handle, m.passwordHash AS hash, m.language AS language",
                Map.of(), r -> r).orElseThrow();
        assertThat(stored.get("email").asString()).isEqualTo("ana@example.org");
        assertThat(stored.get("handle").asString()).isEqualTo("ana_b");
        assertThat(stored.get("language").asString()).isEqualTo("en");
        assertThat(stored.get("hash").asString()).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain(PASSWORD);
    }

    @Test
    void eachBadFieldGetsItsOwnMessageAndWhatWasTypedIsKeptButThePassword() throws Exception {
        mvc.perform(signUp("not-an-email", "a", "", "short", "fr"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Créer un compte – Rampe</title>"),
                        Matchers.containsString("Saisissez une adresse e-mail valide"),
                        Matchers.containsString("L’identifiant doit faire de 3 à 30 caractères"),
                        Matchers.containsString("Saisissez le nom à afficher."),
                        Matchers.containsString("Le mot de passe doit faire au moins 12 caractères."),
                        Matchers.containsString("href=\"#email\""),
                        Matchers.containsString("aria-invalid=\"true\""),
                        Matchers.containsString("aria-describedby=\"email-hint email-error\""),
                        Matchers.containsString("value=\"not-an-email\""),
                        Matchers.not(Matchers.containsString("value=\"short\"")))));
        assertThat(memberCount()).isZero();
    }

    @Test
    void passwordsFrom12To128CharactersAreAcceptedCountingCharactersNotBytes() throws Exception {
        mvc.perform(signUp("p11@example.org", "p11", "P", "a".repeat(11), "fr"))
                .andExpect(content().string(Matchers.containsString("au moins 12 caractères")));
        mvc.perform(signUp("p129@example.org", "p129", "P", "a".repeat(129), "fr"))
                .andExpect(content().string(Matchers.containsString("128 caractères au plus")));
        mvc.perform(signUp("p12@example.org", "p12", "P", "🙂".repeat(12), "fr")).andExpect(status().isFound());
        mvc.perform(signUp("p128@example.org", "p128", "P", "é".repeat(128), "fr")).andExpect(status().isFound());
        assertThat(memberCount()).isEqualTo(2);

        mvc.perform(post("/signin").with(csrf()).param("email", "p128@example.org").param("password", "é".repeat(128)))
                .andExpect(redirectedUrl("/"));
        mvc.perform(post("/signin").with(csrf()).param("email", "p128@example.org").param("password", "é".repeat(127) + "e"))
                .andExpect(redirectedUrl("/signin?error"));
    }

    @Test
    void signingInFromALinkComesBackToThatPageOnThisSiteOnly() throws Exception {
        mvc.perform(signUp("back@example.org", "back_again", "B", PASSWORD, "fr")).andExpect(status().isFound());
        mvc.perform(get("/signin").param("returnTo", "/members/back_again"))
                .andExpect(content().string(Matchers.containsString("name=\"returnTo\" value=\"/members/back_again\"")));
        mvc.perform(post("/signin").with(csrf()).param("email", "back@example.org").param("password", "wrong password!!")
                        .param("returnTo", "/members/back_again"))
                .andExpect(redirectedUrl("/signin?error&returnTo=%2Fmembers%2Fback_again"));
        mvc.perform(post("/signin").with(csrf()).param("email", "back@example.org").param("password", PASSWORD)
                        .param("returnTo", "/members/back_again"))
                .andExpect(redirectedUrl("/members/back_again"));
        for (String elsewhere : new String[] {"https://evil.example/", "//evil.example/x", "/\\evil.example"}) {
            mvc.perform(post("/signin").with(csrf()).param("email", "back@example.org").param("password", PASSWORD)
                            .param("returnTo", elsewhere))
                    .andExpect(redirectedUrl("/"));
        }
    }

    @Test
    void aTakenHandleIsRefusedClearly() throws Exception {
        signedUp("first@example.org", "first");
        mvc.perform(signUp("other@example.org", "FIRST", "S", PASSWORD, "fr"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Cet identifiant est déjà pris")));
        assertThat(memberCount()).isEqualTo(1);
    }

    /** Handles are public, addresses are not: a taken address is answered as a new one (AccountSignUpTest says how). */
    @Test
    void aDuplicateEmailInAnyCaseMakesNoSecondAccountAndIsNotCalledTaken() throws Exception {
        signedUp("same@example.org", "first");
        mvc.perform(signUp("SAME@example.org", "second", "S", PASSWORD, "fr"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("adresse e-mail"))));
        assertThat(memberCount()).isEqualTo(1);
    }

    @Test
    void aStateChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/signup").param("email", "x@example.org").param("handle", "xxx")
                        .param("displayName", "X").param("password", PASSWORD).param("language", "fr"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/language").param("lang", "en")).andExpect(status().isForbidden());
        assertThat(memberCount()).isZero();
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        signedUp("known@example.org", "known");
        var wrongPassword = mvc.perform(post("/signin").with(csrf()).param("email", "known@example.org").param("password", "wrong password!!"))
                .andExpect(redirectedUrl("/signin?error")).andReturn();
        var unknownEmail = mvc.perform(post("/signin").with(csrf()).param("email", "nobody@example.org").param("password", "wrong password!!"))
                .andExpect(redirectedUrl("/signin?error")).andReturn();

        String page1 = mvc.perform(get("/signin?error").session((MockHttpSession) wrongPassword.getRequest().getSession()))
                .andReturn().getResponse().getContentAsString();
        String page2 = mvc.perform(get("/signin?error").session((MockHttpSession) unknownEmail.getRequest().getSession()))
                .andReturn().getResponse().getContentAsString();
        assertThat(page1).contains("L’adresse e-mail ou le mot de passe est incorrect.").contains("value=\"known@example.org\"");
        assertThat(page2.replace("nobody@example.org", "known@example.org").replaceAll("name=\"_csrf\" value=\"[^\"]+\"", ""))
                .isEqualTo(page1.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", ""));
    }

    @Test
    void afterFiveFailuresAnAccountIsPausedEvenForTheRightPassword() throws Exception {
        signedUp("target@example.org", "target");
        for (int i = 0; i < SignInThrottle.FAILURES_PER_ACCOUNT; i++) {
            mvc.perform(post("/signin").with(csrf()).param("email", "target@example.org").param("password", "guess number " + i))
                    .andExpect(redirectedUrl("/signin?error"));
        }
        var paused = mvc.perform(post("/signin").with(csrf()).param("email", "Target@example.org").param("password", PASSWORD))
                .andExpect(redirectedUrl("/signin?throttled")).andReturn();
        mvc.perform(get("/signin?throttled").session((MockHttpSession) paused.getRequest().getSession()))
                .andExpect(content().string(Matchers.containsString("Trop d’essais de connexion. Attendez 15 minutes")));

        // Another account from the same address is not paused by that.
        signedUp("bystander@example.org", "bystander");
        mvc.perform(post("/signin").with(csrf()).param("email", "bystander@example.org").param("password", PASSWORD))
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void oneAddressGuessingManyAccountsIsPausedToo() throws Exception {
        for (int i = 0; i < SignInThrottle.FAILURES_PER_ADDRESS; i++) {
            mvc.perform(post("/signin").with(csrf()).param("email", "user" + i + "@example.org").param("password", "guess guess guess"))
                    .andExpect(redirectedUrl("/signin?error"));
        }
        mvc.perform(post("/signin").with(csrf()).param("email", "fresh@example.org").param("password", "guess guess guess"))
                .andExpect(redirectedUrl("/signin?throttled"));
    }

    @Test
    void aMembersLanguageAndDisplaySettingsFollowThemToTheirNextSignIn() throws Exception {
        var session = signedUp("prefs@example.org", "prefs");
        mvc.perform(post("/language").with(csrf()).session(session).param("lang", "en").param("returnTo", "/preferences"))
                .andExpect(redirectedUrl("/preferences"));
        var withSize = mvc.perform(post("/preferences/text-size").with(csrf()).session(session).param("textSize", "200"))
                .andExpect(redirectedUrl("/preferences")).andReturn().getResponse().getCookie("rampe_display");
        mvc.perform(post("/preferences").with(csrf()).session(session).cookie(withSize)
                        .param("highContrast", "true").param("reducedMotion", "true"))
                .andExpect(redirectedUrl("/preferences"))
                .andExpect(cookie().value("rampe_display", "t200.c1.f0.m1.h0"));
        mvc.perform(post("/signout").with(csrf()).session(session)).andExpect(redirectedUrl("/?signedOut"));

        mvc.perform(post("/signin").with(csrf()).param("email", "prefs@example.org").param("password", PASSWORD))
                .andExpect(redirectedUrl("/"))
                .andExpect(cookie().value("rampe_lang", "en"))
                .andExpect(cookie().value("rampe_display", "t200.c1.f0.m1.h0"));
    }

    @Test
    void aVisitorsSettingsLiveInCookiesAndDrawThePage() throws Exception {
        mvc.perform(get("/").cookie(new Cookie("rampe_display", "t150.c1.f1.m0")))
                .andExpect(content().string(Matchers.containsString("<html class=\"text-150 theme-contrast font-readable\" lang=\"fr\">")));
        mvc.perform(get("/").cookie(new Cookie("rampe_display", "<script>")))
                .andExpect(content().string(Matchers.containsString("<html lang=\"fr\">")));
    }

    @Test
    void theLanguageComesFromTheBrowserThenFromTheVisitorsChoice() throws Exception {
        mvc.perform(get("/")).andExpect(content().string(Matchers.containsString("<html lang=\"fr\"")));
        mvc.perform(get("/").header("Accept-Language", "de-DE,en;q=0.8,fr;q=0.5"))
                .andExpect(content().string(Matchers.containsString("<html lang=\"en\"")));
        mvc.perform(get("/").header("Accept-Language", "de-DE,es;q=0.8"))
                .andExpect(content().string(Matchers.containsString("<html lang=\"fr\"")));
        mvc.perform(get("/").header("Accept-Language", "!!!;;q=x"))
                .andExpect(content().string(Matchers.containsString("<html lang=\"fr\"")));
        mvc.perform(post("/language").with(csrf()).param("lang", "en").param("returnTo", "https://evil.example/"))
                .andExpect(redirectedUrl("/"))
                .andExpect(cookie().value("rampe_lang", "en"))
                .andExpect(cookie().httpOnly("rampe_lang", true))
                .andExpect(cookie().sameSite("rampe_lang", "Lax"));
        mvc.perform(post("/language").with(csrf()).param("lang", "en").param("returnTo", "//evil.example/"))
                .andExpect(redirectedUrl("/"));
    }

    private long memberCount() {
        return graph.count("MATCH (m:Member) RETURN count(m) AS n", Map.of());
    }
}
