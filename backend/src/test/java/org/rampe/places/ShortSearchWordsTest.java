package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 17: a full-text search needs words of at least two characters. "a*" matched nearly every
 * place and member (a whole index's worth of work for one letter, on a public route); a one-letter
 * word among longer ones is left out, and a search of one-letter words only is refused with a hint.
 */
class ShortSearchWordsTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Places places;

    @Test
    void thePlacesApiRefusesASearchOfOneLetterWordsAndIgnoresOneLetterAmongOthers() throws Exception {
        String lou = members.create("lou");
        places.add("Pharmacie Arceaux", "pharmacie", new Address("1 rue A", "34000", "Montpellier"),
                new GeoPoint(43.6085, 3.88), lou, Map.of());
        places.add("Boulangerie", "boulangerie", new Address("2 rue B", "34000", "Montpellier"),
                new GeoPoint(43.6086, 3.88), lou, Map.of());
        for (String q : new String[] {"a", "a b", "é", "p*", "a?"}) {
            var response = mvc.perform(get("/api/places").param("q", q).param("lat", "43.6085").param("lon", "3.88")
                    .header("Accept-Language", "fr")).andReturn().getResponse();
            assertThat(response.getStatus()).as(q).isEqualTo(400);
            assertThat(response.getContentAsString()).as(q).contains("\"parameter\":\"q\"",
                    "Chaque mot cherché doit faire au moins 2 caractères.");
        }
        var found = mvc.perform(get("/api/places").param("q", "a pharmacie").param("lat", "43.6085").param("lon", "3.88"))
                .andReturn().getResponse();
        assertThat(found.getStatus()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        new tools.jackson.databind.ObjectMapper().readTree(found.getContentAsString()).get("features")
                .forEach(f -> names.add(f.get("properties").get("name").asString()));
        assertThat(names).containsExactly("Pharmacie Arceaux");
    }

    @Test
    void thePlacesPageSaysWhyOneLetterIsNotSearched() throws Exception {
        var page = mvc.perform(get("/places").param("q", "a").param("lat", "43.6085").param("lon", "3.88"))
                .andReturn().getResponse();
        assertThat(Jsoup.parse(page.getContentAsString()).text()).contains("Chaque mot cherché doit faire au moins 2 caractères.");
    }

    @Test
    void memberSearchSaysTheSameInBothLanguages() throws Exception {
        members.create("alice");
        members.create("abel");
        var fr = mvc.perform(get("/members").param("q", "a")).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(fr).text()).contains("Chaque mot cherché doit faire au moins 2 caractères.").doesNotContain("@alice");
        var en = mvc.perform(get("/members").param("q", "a").cookie(new jakarta.servlet.http.Cookie("rampe_lang", "en")))
                .andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(en).text()).contains("Each word searched for must be at least 2 characters long.");
        var found = mvc.perform(get("/members").param("q", "a al")).andReturn().getResponse().getContentAsString();
        assertThat(found).contains("@alice").doesNotContain("@abel");
    }
}
