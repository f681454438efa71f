package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

class AccessNeedsTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    MockHttpSession session;

    @BeforeEach
    void aMember() throws Exception {
        session = members.signUp("ines", "Inès");
    }

    private long needsNodes() {
        return graph.count("MATCH (n:AccessNeeds) RETURN count(n) AS n", Map.of());
    }

    @Test
    void needsAreKeptOnlyWithExplicitConsentAndPrivateByDefault() throws Exception {
        mvc.perform(post("/account/needs").with(csrf()).session(session).param("needs", "wheelchair").param("note", "Fauteuil électrique 🦽"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Erreur : Mes besoins d’accessibilité"),
                        Matchers.containsString("Sans accord, nous ne gardons rien."),
                        Matchers.containsString("Fauteuil électrique 🦽"))));
        assertThat(needsNodes()).isZero();

        mvc.perform(post("/account/needs").with(csrf()).session(session).param("needs", "wheelchair").param("needs", "hearing")
                        .param("consent", "yes"))
                .andExpect(redirectedUrl("/account/needs"));
        var stored = graph.one("MATCH (:Member {handle: 'ines'})-[:HAS_NEEDS]->(n) RETURN n.profiles AS p, n.visibility AS v, n.consentAt IS NOT NULL AS c",
                Map.of(), r -> r).orElseThrow();
        assertThat(stored.get("p").asList(v -> v.asString())).containsExactly("wheelchair", "hearing");
        assertThat(stored.get("v").asString()).isEqualTo("only_me");
        assertThat(stored.get("c").asBoolean()).isTrue();
    }

    @Test
    void withdrawingConsentErasesTheNeeds() throws Exception {
        mvc.perform(post("/account/needs").with(csrf()).session(session).param("needs", "vision").param("consent", "yes"));
        mvc.perform(post("/account/needs/withdraw").with(csrf()).session(session)).andExpect(redirectedUrl("/account/needs"));
        assertThat(needsNodes()).isZero();
    }

    @Test
    void placeSearchUsesTheDeclaredNeedsUntilTheFormSaysOtherwise() throws Exception {
        mvc.perform(post("/account/needs").with(csrf()).session(session).param("needs", "wheelchair").param("consent", "yes"));
        mvc.perform(get("/places").session(session).param("lat", "43.6").param("lon", "3.87"))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("value=\"wheelchair\" checked=\"checked\""),
                        // Declared needs are used, never written into an address of the page.
                        Matchers.not(Matchers.containsString("needs=")), Matchers.not(Matchers.containsString("method=\"get\"")))));
        // The form says "no need at all" (posted: needs never travel in an address); the session remembers it.
        mvc.perform(post("/places").with(csrf()).session(session).param("lat", "43.6").param("lon", "3.87"))
                .andExpect(redirectedUrl("/places?near=&q=&lat=43.6&lon=3.87"));
        mvc.perform(get("/places").session(session).param("lat", "43.6").param("lon", "3.87"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("value=\"wheelchair\" checked=\"checked\""))));
    }

    @Test
    void visitorsHaveNoNeedsPage() throws Exception {
        mvc.perform(get("/account/needs")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/account/needs").with(csrf()).param("consent", "yes")).andExpect(redirectedUrl("/signin"));
        assertThat(needsNodes()).isZero();
    }
}
