package org.rampe.members.passkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The passkeys page over HTTP: what a member sees, renaming and removing with plain forms, nobody
 * touching another member's passkeys, and the limit on the ceremonies. Adding a passkey and signing
 * in with it need an authenticator: {@code PasskeysBrowserTest} does them with Chromium's virtual one.
 */
class PasskeysTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    /** A passkey as a registration stores it (the keys are placeholders: no ceremony reads them here). */
    String addPasskey(String memberId, String name) {
        String id = UUID.randomUUID().toString();
        graph.write("""
                MATCH (m:Member {id: $member})
                SET m.passkeyUserHandle = coalesce(m.passkeyUserHandle, $handle)
                CREATE (m)-[:HAS_PASSKEY]->(:Passkey {id: $id, credentialId: $credentialId, credentialType: 'public-key',
                    publicKey: $key, signatureCount: 0, uvInitialized: true, transports: ['internal'],
                    backupEligible: false, backupState: false, name: $name,
                    createdAt: datetime('2026-12-03T10:00:00Z')})
                """, Map.of("member", memberId, "handle", Bytes.random().toBase64UrlString(), "id", id,
                "credentialId", Bytes.random().toBase64UrlString(), "key", new byte[] {1, 2, 3}, "name", name));
        return id;
    }

    boolean exists(String passkeyId) {
        return graph.exists("MATCH (p:Passkey {id: $id}) RETURN count(p) > 0", Map.of("id", passkeyId));
    }

    @Test
    void aMemberSeesTheirPasskeysWithTheirNamesAndWhenTheyWereAddedButNotAnotherMembersOnes() throws Exception {
        MockHttpSession lea = members.signUp("lea");
        addPasskey(members.idOf("lea"), "Téléphone de Léa 📱");
        members.signUp("karim");
        addPasskey(members.idOf("karim"), "Ordinateur de Karim");

        mvc.perform(get("/account/passkeys").session(lea))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Clés d’accès – Rampe</title>"),
                        Matchers.containsString("<h3 dir=\"auto\">Téléphone de Léa 📱</h3>"),
                        Matchers.containsString("Ajoutée le 3 décembre 2026"),
                        Matchers.containsString("Pas encore utilisée pour se connecter"),
                        Matchers.containsString("Retirer « Téléphone de Léa 📱 »"),
                        // Said to every browser; the script hides it where passkeys work.
                        Matchers.containsString("Ce navigateur ne peut pas créer de clé d’accès"),
                        Matchers.containsString("data-module=\"passkeys\" hidden"),
                        Matchers.not(Matchers.containsString("Ordinateur de Karim")))));
    }

    @Test
    void aMemberWithoutPasskeysIsToldSoAndAVisitorIsSentToSignIn() throws Exception {
        MockHttpSession lea = members.signUp("lea");
        mvc.perform(get("/account/passkeys").session(lea))
                .andExpect(content().string(Matchers.containsString("Vous n’avez pas encore de clé d’accès.")));
        mvc.perform(get("/account/passkeys")).andExpect(redirectedUrl("/signin"));
    }

    @Test
    void aMemberRemovesAPasskeyWithAPlainForm() throws Exception {
        MockHttpSession lea = members.signUp("lea");
        String phone = addPasskey(members.idOf("lea"), "Téléphone");
        String laptop = addPasskey(members.idOf("lea"), "Portable");

        mvc.perform(post("/account/passkeys/{id}/remove", phone).with(csrf()).session(lea))
                .andExpect(redirectedUrl("/account/passkeys"))
                .andExpect(flash().attribute("notice", "passkeys.removed"));

        assertThat(exists(phone)).isFalse();
        assertThat(exists(laptop)).isTrue();
        mvc.perform(get("/account/passkeys").session(lea).flashAttr("notice", "passkeys.removed"))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("La clé d’accès est retirée. Vous pouvez toujours vous connecter avec votre mot de passe"),
                        Matchers.not(Matchers.containsString("<h3 dir=\"auto\">Téléphone</h3>")),
                        Matchers.containsString("<h3 dir=\"auto\">Portable</h3>"))));
    }

    @Test
    void aMemberCannotRemoveNorRenameAnotherMembersPasskeyWhichIsNotFoundForThem() throws Exception {
        MockHttpSession mallory = members.signUp("mallory");
        members.signUp("lea");
        String leasKey = addPasskey(members.idOf("lea"), "Téléphone");

        mvc.perform(post("/account/passkeys/{id}/remove", leasKey).with(csrf()).session(mallory))
                .andExpect(status().isNotFound());
        mvc.perform(post("/account/passkeys/{id}/rename", leasKey).with(csrf()).session(mallory).param("name", "À moi"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/account/passkeys/{id}/rename", leasKey).with(csrf()).session(mallory).param("name", ""))
                .andExpect(status().isNotFound());

        assertThat(exists(leasKey)).isTrue();
        assertThat(graph.one("MATCH (p:Passkey {id: $id}) RETURN p.name AS name", Map.of("id", leasKey),
                r -> r.get("name").asString())).contains("Téléphone");
    }

    @Test
    void removingNeedsTheCsrfTokenAndAMalformedIdIsNotFound() throws Exception {
        MockHttpSession lea = members.signUp("lea");
        String phone = addPasskey(members.idOf("lea"), "Téléphone");

        mvc.perform(post("/account/passkeys/{id}/remove", phone).session(lea)).andExpect(status().isForbidden());
        mvc.perform(post("/account/passkeys/{id}/remove", "not-a-uuid").with(csrf()).session(lea)).andExpect(status().isNotFound());
        assertThat(exists(phone)).isTrue();
    }

    @Test
    void aMemberRenamesAPasskeyAndAnEmptyNameIsExplainedNextToItsField() throws Exception {
        MockHttpSession lea = members.signUp("lea");
        String phone = addPasskey(members.idOf("lea"), "Téléphone");

        mvc.perform(post("/account/passkeys/{id}/rename", phone).with(csrf()).session(lea).param("name", "   "))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Clés d’accès – Rampe</title>"),
                        Matchers.containsString("href=\"#name-" + phone + "\""),
                        Matchers.containsString("Donnez un nom à la clé d’accès."),
                        Matchers.containsString("aria-describedby=\"name-" + phone + "-hint name-" + phone + "-error\""),
                        Matchers.containsString("<details class=\"passkey-rename\" open=\"open\">"))));

        mvc.perform(post("/account/passkeys/{id}/rename", phone).with(csrf()).session(lea).param("name", "  Téléphone   pro "))
                .andExpect(redirectedUrl("/account/passkeys"))
                .andExpect(flash().attribute("notice", "passkeys.renamed"));
        assertThat(graph.one("MATCH (p:Passkey {id: $id}) RETURN p.name AS name", Map.of("id", phone),
                r -> r.get("name").asString())).contains("Téléphone   pro");
    }

    @Test
    void theSignInPageOffersAPasskeyOnlyThroughItsScriptAndASignInLinkToEveryone() throws Exception {
        mvc.perform(get("/signin"))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<h2 id=\"other-ways-heading\">Se connecter sans mot de passe</h2>"),
                        Matchers.containsString("data-module=\"passkey-sign-in\" hidden"),
                        Matchers.containsString("<a href=\"/signin/link\">Recevoir un lien de connexion par e-mail</a>"))));
    }

    @Test
    void signInOptionsAreLimitedPerAddressWithRetryAfter() throws Exception {
        for (int i = 0; i < PasskeyCeremonyLimits.SIGN_IN.capacity(); i++) {
            mvc.perform(post("/webauthn/authenticate/options").with(csrf()).with(from("10.20.0.1")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.containsString("\"challenge\"")));
        }
        mvc.perform(post("/webauthn/authenticate/options").with(csrf()).with(from("10.20.0.1")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", Matchers.matchesPattern("[1-9][0-9]*")));
        // Another address is not held back by that.
        mvc.perform(post("/webauthn/authenticate/options").with(csrf()).with(from("10.20.0.2")))
                .andExpect(status().isOk());
    }

    @Test
    void registrationOptionsAreOnlyForAMemberAndLimitedPerAddress() throws Exception {
        mvc.perform(post("/webauthn/register/options").with(csrf())).andExpect(status().is4xxClientError());
        MockHttpSession lea = members.signUp("lea");
        for (int i = 0; i < PasskeyCeremonyLimits.REGISTRATION.capacity(); i++) {
            mvc.perform(post("/webauthn/register/options").with(csrf()).session(lea).with(from("10.20.0.3")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.allOf(
                            Matchers.containsString("\"name\":\"Rampe\""),
                            Matchers.containsString("\"id\":\"localhost\""),
                            Matchers.containsString("\"name\":\"lea@example.org\""))));
        }
        mvc.perform(post("/webauthn/register/options").with(csrf()).session(lea).with(from("10.20.0.3")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"));
        // Every options request of the member named the same user handle: one per member, kept.
        assertThat(graph.list("MATCH (m:Member {handle: 'lea'}) RETURN m.passkeyUserHandle AS h", r -> r.get("h").asString()))
                .singleElement().satisfies(h -> assertThat(Bytes.fromBase64(h).getBytes()).hasSize(32));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
