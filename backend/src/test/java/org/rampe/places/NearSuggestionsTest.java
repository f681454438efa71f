package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rampe.RampeTest;
import org.rampe.places.addresses.BanFiles;
import org.rampe.places.addresses.BanImport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** The "near" field's suggestions endpoint, and the search form as it works without any script. */
class NearSuggestionsTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    BanImport ban;

    @Autowired
    Places places;

    @TempDir
    Path dir;

    private void loadMontpellier() {
        assertThat(ban.importFile(BanFiles.write(dir, "adresses-34.csv", BanFiles.montpellierRows()), ImportOptions.ALL,
                ImportProgress.NONE).failed()).isFalse();
    }

    @Test
    void suggestionsAreJsonLabelsWithTheirKindTheCommuneFirst() throws Exception {
        loadMontpellier();
        mvc.perform(get("/places/near-suggestions").param("q", "montpellier"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.suggestions[0].label").value("34000 Montpellier"))
                .andExpect(jsonPath("$.suggestions[0].kind").value("commune"))
                .andExpect(jsonPath("$.suggestions[1].kind").value("street"))
                .andExpect(jsonPath("$.suggestions.length()").value(NearSuggestionsController.LIMIT));
        mvc.perform(get("/places/near-suggestions").param("q", "3 rue de la loge"))
                .andExpect(jsonPath("$.suggestions[0].label").value("3 Rue de la Loge, 34000 Montpellier"))
                .andExpect(jsonPath("$.suggestions[0].kind").value("address"));
        // Too short to search, nothing, or nothing found: an empty list, never an error.
        for (String q : new String[] {"mo", "", "   ", "zzzzqqq", "\"*?~:(AND OR)\\", "x".repeat(5000)}) {
            mvc.perform(get("/places/near-suggestions").param("q", q))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.suggestions.length()").value(0));
        }
        mvc.perform(get("/places/near-suggestions")).andExpect(status().isOk()).andExpect(jsonPath("$.suggestions").isEmpty());
    }

    @Test
    void withoutScriptTheFormIsPlainTextAndSearchesNearAnyLoadedAddress() throws Exception {
        loadMontpellier();
        String author = graph.writeOne("CREATE (m:Member {id: randomUUID()}) RETURN m.id AS id", Map.of(), r -> r.get("id").asString())
                .orElseThrow();
        places.add("Boulangerie de la Loge", "boulangerie", new Address("5 rue de la Loge", "34000", "Montpellier"),
                new GeoPoint(43.6100, 3.8770), author, Map.of());
        places.add("Pharmacie de Pérols", "pharmacie", new Address("1 rue de l’Église", "34470", "Pérols"),
                new GeoPoint(43.5654, 3.9553), author, Map.of());

        var page = Jsoup.parse(mvc.perform(get("/places")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        var near = page.getElementById("near");
        assertThat(near).isNotNull();
        assertThat(near.attr("type")).isEqualTo("text");
        assertThat(near.attr("name")).isEqualTo("near");
        // The combobox roles and the position button are the script's: none in the page itself.
        assertThat(near.hasAttr("role")).isFalse();
        assertThat(page.select("#near-suggestions, .near-position")).isEmpty();
        assertThat(page.select("[data-module=near-field]").attr("data-suggestions-url")).isEqualTo("/places/near-suggestions");
        // The script puts the count in place of {0} itself: the page gives the text unformatted.
        assertThat(page.select("[data-module=near-field]").attr("data-count-many"))
                .isEqualTo("{0} suggestions. Flèches haut et bas pour choisir, Entrée pour en prendre une.");
        assertThat(near.closest("form").attr("method")).isEqualTo("post");

        var session = new MockHttpSession();
        String location = mvc.perform(post("/places").with(csrf()).session(session).param("near", "3 rue de la loge, montpellier")
                        .param("radius", "500"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String results = mvc.perform(get(java.net.URI.create(location)).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(results).contains("Boulangerie de la Loge").doesNotContain("Pharmacie de Pérols");

        // A commune typed without its accent.
        String perols = mvc.perform(get("/places").param("near", "perols").param("radius", "500")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(perols).contains("Pharmacie de Pérols").doesNotContain("Boulangerie de la Loge");
        // Coordinates typed (what "use my position" fills in) search there.
        String here = mvc.perform(get("/places").param("near", "43.60995, 3.87705").param("radius", "500")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(here).contains("Boulangerie de la Loge");
    }
}
