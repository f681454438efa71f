package org.rampe.social.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.QueryPlans;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

class MemberSearchTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    MockHttpSession helene;

    @BeforeEach
    void someMembers() throws Exception {
        helene = members.signUp("helene_d", "Hélène Dupont");
        members.signUp("jp_martin", "Jean-Pierre Martin");
        members.signUp("zoe", "Zoé 🌿 Œuvre");
    }

    private List<String> found(String q, MockHttpSession session) throws Exception {
        var request = get("/members").param("q", q);
        if (session != null) {
            request.session(session);
        }
        String html = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return Jsoup.parse(html).select("#results .profile-handle").eachText();
    }

    private String page(String q) throws Exception {
        return mvc.perform(get("/members").param("q", q)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void partialWordsOfNamesAndHandlesFindMembersWhateverTheAccents() throws Exception {
        assertThat(found("hél", null)).containsExactly("@helene_d");
        assertThat(found("helene", null)).containsExactly("@helene_d");
        assertThat(found("HELENE dup", null)).containsExactly("@helene_d");
        assertThat(found("jean-pi", null)).containsExactly("@jp_martin");
        assertThat(found("@jp_mar", null)).containsExactly("@jp_martin");
        assertThat(found("oeuvre", null)).containsExactly("@zoe");
        assertThat(found("Zoé", null)).containsExactly("@zoe");
        assertThat(found("mart", null)).containsExactly("@jp_martin");
        assertThat(found("personne", null)).isEmpty();
        assertThat(page("personne")).contains("Aucun membre trouvé");
        assertThat(page("hél")).contains("1 membre trouvé");
    }

    @Test
    void luceneSyntaxIsNeverTakenAsSuchAndBadQueriesGetAClearMessage() throws Exception {
        for (String q : List.of("*", "?", "hél*", "(hél", "\"hél", "hél~", "title:hél", "hél AND", "OR", "\\", "/hél/", "h\u0000él",
                "[a TO z]", "{!", "+-&&||!(){}[]^\"~*?:\\/", "<script>alert(1)</script>")) {
            mvc.perform(get("/members").param("q", q)).andExpect(status().isOk());
        }
        assertThat(found("(hél", null)).containsExactly("@helene_d");
        assertThat(found("title:hél", null)).isEmpty();
        assertThat(page("")).contains("Erreur : Trouver des membres", "Saisissez un nom ou un identifiant à chercher.", "href=\"#q\"");
        assertThat(page("***")).contains("Saisissez au moins une lettre ou un chiffre.");
        assertThat(page("a".repeat(101))).contains("La recherche doit faire 100 caractères au plus.");
        // Without a query the page is only the form: no message.
        String blank = mvc.perform(get("/members")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(blank).doesNotContain("error-summary", "Résultats");
    }

    @Test
    void membersWhoBlockTheViewerAreNotListed() throws Exception {
        MockHttpSession reader = members.signUp("reader", "Lecteur");
        mvc.perform(post("/members/reader/block").with(csrf()).session(helene));
        assertThat(found("hél", reader)).isEmpty();
        assertThat(found("hél", null)).containsExactly("@helene_d");
        // Whom the viewer blocks stays findable, to unblock from the profile.
        assertThat(found("lect", helene)).containsExactly("@reader");
    }

    @Test
    void resultsAreCappedAndThePageSaysSo() throws Exception {
        graph.write("""
                UNWIND range(1, 40) AS i
                CREATE (:Member {id: randomUUID(), handle: 'camille_' + i, displayName: 'Camille ' + i})
                """);
        assertThat(found("camille", null)).hasSize(MemberSearch.LIMIT);
        assertThat(page("camille")).contains("Les 30 premiers membres trouvés.");
    }

    @Test
    void theQueryIsFoldedAndEveryWordIsARequiredPrefix() {
        assertThat(MemberSearch.query("Hélène  DUP")).contains("helene* AND dup*");
        assertThat(MemberSearch.query("\"ab\" OR bc:cd")).contains("ab* AND or* AND bc* AND cd*");
        // A word of one letter would match nearly everyone: it is left out (issue 17).
        assertThat(MemberSearch.query("\"a\" OR b:c")).contains("or*");
        assertThat(MemberSearch.query("*?~")).isEmpty();
    }

    @Test
    void profilesAreReadThroughTheHandleIndexAndSearchThroughTheFullTextIndex() {
        Map<String, Object> params = Map.of("id", "x", "viewer", "v", "after", "", "limit", 51, "key", "x", "q", "x*");
        var profile = QueryPlans.explain(graph, "MATCH (m:Member {handle: $key})" + ProfileRepository.PROFILE, params);
        assertThat(profile).anyMatch(op -> op.name().startsWith("NodeUniqueIndexSeek") && op.details().contains("Member(handle)"))
                .noneMatch(QueryPlans.Operator::scansALabel);
        var search = QueryPlans.explain(graph, ProfileRepository.SEARCH, params);
        assertThat(search).anyMatch(op -> op.name().startsWith("ProcedureCall") && op.details().contains("db.index.fulltext.queryNodes"))
                .noneMatch(QueryPlans.Operator::scansALabel);
        String index = graph.one(
                "SHOW FULLTEXT INDEXES YIELD name, options WHERE name = 'member_text' RETURN options.indexConfig.`fulltext.analyzer` AS a",
                Map.of(), r -> r.get("a").asString()).orElseThrow();
        assertThat(index).isEqualTo("standard-folding");
    }
}
