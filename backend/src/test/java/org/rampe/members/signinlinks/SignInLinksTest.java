package org.rampe.members.signinlinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;
import org.rampe.site.Viewer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Sign-in links over HTTP: a link signs its member in once, with the same principal and the same
 * success as the password form; it expires; any other token is refused; asking for one answers the
 * same for every address. (The mail itself: {@code SignInLinkBrowserTest}.)
 */
class SignInLinksTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    OneTimeTokenService tokens;

    /** A link for this address, as the page makes one before mailing it. */
    String linkTokenFor(String email) {
        return tokens.generate(new GenerateOneTimeTokenRequest(email, SignInLinks.VALID_FOR)).getTokenValue();
    }

    MvcResult use(String token) throws Exception {
        return mvc.perform(post("/signin/link/use").with(csrf()).param("token", token)).andReturn();
    }

    static Viewer signedIn(MvcResult result) {
        var session = (MockHttpSession) result.getRequest().getSession(false);
        var context = session == null ? null : (SecurityContext) session.getAttribute("SPRING_SECURITY_CONTEXT");
        return context != null && context.getAuthentication() != null && context.getAuthentication().getPrincipal() instanceof Viewer viewer
                ? viewer : null;
    }

    @Test
    void aLinkSignsItsMemberInOnceAsThePasswordFormDoes() throws Exception {
        members.signUp(TestMembers.newMember("lea").speaking("en").named("Léa 🌻"));
        String token = linkTokenFor("lea@example.org");

        // Opening the link (a mail scanner does) shows one button and signs nobody in.
        var opened = mvc.perform(get("/signin/link/use").param("token", token))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<form method=\"post\" action=\"/signin/link/use\">"),
                        Matchers.containsString("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">"))))
                .andReturn();
        assertThat(signedIn(opened)).isNull();

        var first = mvc.perform(post("/signin/link/use").with(csrf()).param("token", token))
                .andExpect(redirectedUrl("/"))
                .andExpect(cookie().value("rampe_lang", "en"))
                .andReturn();
        Viewer viewer = signedIn(first);
        assertThat(viewer).isNotNull();
        assertThat(viewer.handle()).isEqualTo("lea");
        assertThat(viewer.memberId()).isEqualTo(members.idOf("lea"));
        mvc.perform(get("/account/passkeys").session((MockHttpSession) first.getRequest().getSession()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Léa 🌻")));

        var again = use(token);
        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/signin/link?expired");
        assertThat(signedIn(again)).isNull();
        assertThat(graph.count("MATCH (l:SignInLink) RETURN count(l)", Map.of())).isZero();
    }

    @Test
    void anExpiredLinkIsRefusedAndThePageSaysToAskForANewOne() throws Exception {
        members.signUp("lea");
        String token = linkTokenFor("lea@example.org");
        graph.write("MATCH (l:SignInLink) SET l.expiresAt = datetime() - duration('PT1S')");

        var expired = use(token);
        assertThat(expired.getResponse().getRedirectedUrl()).isEqualTo("/signin/link?expired");
        assertThat(signedIn(expired)).isNull();
        mvc.perform(get("/signin/link?expired"))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Recevoir un lien de connexion – Rampe</title>"),
                        Matchers.containsString("Ce lien de connexion ne fonctionne plus : il a déjà servi, ou plus de 15 minutes sont passées."))));
    }

    @Test
    void anyOtherTokenIsRefusedAndTheRealOneStillWorks() throws Exception {
        members.signUp("lea");
        String token = linkTokenFor("lea@example.org");
        char last = token.charAt(token.length() - 1);
        String neighbour = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (String other : new String[] {neighbour, linkTokenFor("nobody@example.org"), "short", token + "x", ""}) {
            var refused = use(other);
            assertThat(refused.getResponse().getRedirectedUrl()).as(other).isEqualTo("/signin/link?expired");
            assertThat(signedIn(refused)).isNull();
        }
        assertThat(signedIn(use(token))).isNotNull();
    }

    @Test
    void onlyTheHashOfATokenIsKept() throws Exception {
        members.signUp("lea");
        String token = linkTokenFor("lea@example.org");
        var stored = graph.one("MATCH (:Member {handle: 'lea'})-[:HAS_SIGN_IN_LINK]->(l:SignInLink) RETURN properties(l) AS l",
                Map.of(), r -> r.get("l").asMap()).orElseThrow();
        assertThat(stored.keySet()).containsExactlyInAnyOrder("hash", "createdAt", "expiresAt");
        assertThat(stored.get("hash")).isEqualTo(SignInLinkTokens.hash(token)).isNotEqualTo(token);
        assertThat(stored.values().toString()).doesNotContain(token);
    }

    @Test
    void askingForALinkAnswersTheSameForAKnownAndAnUnknownAddress() throws Exception {
        members.signUp("lea");
        var known = mvc.perform(post("/signin/link").with(csrf()).with(from("10.30.0.1")).param("email", " Lea@Example.org "))
                .andExpect(redirectedUrl("/signin/link?sent")).andReturn();
        var unknown = mvc.perform(post("/signin/link").with(csrf()).with(from("10.30.0.1")).param("email", "nobody@example.org"))
                .andExpect(redirectedUrl("/signin/link?sent")).andReturn();
        assertThat((Map<String, Object>) known.getFlashMap()).containsOnly(Map.entry("sentTo", (Object) "lea@example.org"));
        assertThat((Map<String, Object>) unknown.getFlashMap()).containsOnly(Map.entry("sentTo", (Object) "nobody@example.org"));

        String knownPage = mvc.perform(get("/signin/link?sent").flashAttrs(known.getFlashMap()))
                .andReturn().getResponse().getContentAsString();
        String unknownPage = mvc.perform(get("/signin/link?sent").flashAttrs(unknown.getFlashMap()))
                .andReturn().getResponse().getContentAsString();
        assertThat(knownPage).contains("Si un compte Rampe utilise l’adresse lea@example.org, nous venons d’y envoyer un lien de connexion.");
        assertThat(withoutCsrf(unknownPage).replace("nobody@example.org", "lea@example.org")).isEqualTo(withoutCsrf(knownPage));

        // Only the member's address got a link.
        assertThat(graph.count("MATCH (:Member {handle: 'lea'})-[:HAS_SIGN_IN_LINK]->(l:SignInLink) RETURN count(l)", Map.of())).isOne();
        assertThat(graph.count("MATCH (l:SignInLink) RETURN count(l)", Map.of())).isOne();
    }

    @Test
    void theLinkIsMailedInTheMembersLanguageAndOnlyToAMembersAddress() throws Exception {
        members.signUp(TestMembers.newMember("noor").speaking("en"));
        mvc.perform(post("/signin/link").with(csrf()).param("email", "noor@example.org"))
                .andExpect(redirectedUrl("/signin/link?sent"));
        mvc.perform(post("/signin/link").with(csrf()).param("email", "nobody@example.org"))
                .andExpect(redirectedUrl("/signin/link?sent"));

        var received = mail.awaitOne("noor@example.org");
        assertThat(received.subject()).isEqualTo("Your sign-in link for Rampe");
        assertThat(received.text()).contains("Hello @noor,", "This link works once, for 15 minutes.",
                "You get this email because someone asked for a link to sign in to Rampe with this address.");
        assertThat(received.html()).contains("<h1>Your sign-in link</h1>", ">Sign in to Rampe</a>");
        String link = received.link("/signin/link/use");
        assertThat(received.absoluteLink("/signin/link/use")).startsWith(publicUrl() + "/signin/link/use?token=");

        mail.deliverNow();
        assertThat(mail.received("nobody@example.org")).isEmpty();

        String token = link.substring(link.indexOf("token=") + "token=".length());
        var signedIn = use(token);
        assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");
        assertThat(signedIn(signedIn).handle()).isEqualTo("noor");
    }

    @Test
    void anEmptyOrMalformedAddressIsExplainedNextToTheField() throws Exception {
        mvc.perform(post("/signin/link").with(csrf()).param("email", "not an address"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Recevoir un lien de connexion – Rampe</title>"),
                        Matchers.containsString("href=\"#email\""),
                        Matchers.containsString("Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."),
                        Matchers.containsString("aria-invalid=\"true\""),
                        Matchers.containsString("value=\"not an address\""))));
        mvc.perform(post("/signin/link").with(csrf()).param("email", ""))
                .andExpect(content().string(Matchers.containsString("Saisissez l’adresse e-mail de votre compte.")));
        assertThat(graph.count("MATCH (l:SignInLink) RETURN count(l)", Map.of())).isZero();
    }

    @Test
    void linksAreLimitedPerAddressAskedForAndPerConnection() throws Exception {
        members.signUp("lea");
        for (int i = 0; i < SignInLinks.PER_EMAIL.capacity(); i++) {
            mvc.perform(post("/signin/link").with(csrf()).with(from("10.30.1." + i)).param("email", "lea@example.org"))
                    .andExpect(redirectedUrl("/signin/link?sent"));
        }
        mvc.perform(post("/signin/link").with(csrf()).with(from("10.30.2.1")).param("email", "lea@example.org"))
                .andExpect(status().isTooManyRequests())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().exists("Retry-After"));
        assertThat(graph.count("MATCH (l:SignInLink) RETURN count(l)", Map.of())).isEqualTo(SignInLinks.PER_EMAIL.capacity());

        for (int i = 0; i < SignInLinks.PER_ADDRESS.capacity(); i++) {
            mvc.perform(post("/signin/link").with(csrf()).with(from("10.30.3.1")).param("email", "someone" + i + "@example.org"))
                    .andExpect(redirectedUrl("/signin/link?sent"));
        }
        mvc.perform(post("/signin/link").with(csrf()).with(from("10.30.3.1")).param("email", "someone.else@example.org"))
                .andExpect(status().isTooManyRequests());
    }

    private static String withoutCsrf(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "").replaceAll("content=\"[^\"]*\" name=\"csrf-token\"", "");
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
