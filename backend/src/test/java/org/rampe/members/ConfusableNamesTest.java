package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 17: a name cannot pass for another. Handles that look alike (Unicode TR 39 confusables)
 * cannot both exist, nor can one be taken the day its lookalike is erased; display names refuse
 * the characters that reorder or hide text, while every script and emoji sequence still passes.
 */
class ConfusableNamesTest extends RampeTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger();

    @Autowired
    private MockMvc mvc;

    @Autowired
    private HandleSkeletonBackfill backfill;

    @Autowired
    private MemberErasure erasure;

    /** Posts the sign-up form; returns the page when it was refused, null when the account was made. */
    private String signUp(String handle, String displayName) throws Exception {
        int n = ADDRESS.incrementAndGet();
        var result = mvc.perform(post("/signup").with(csrf()).with(r -> {
                    r.setRemoteAddr("10.77." + n / 250 + "." + (n % 250 + 1));
                    return r;
                }).param("email", "person" + n + "@example.org").param("handle", handle).param("displayName", displayName)
                .param("password", TestMembers.PASSWORD).param("language", "fr")).andReturn().getResponse();
        return result.getStatus() == 302 ? null : result.getContentAsString();
    }

    private static String handleError(String page) {
        return Jsoup.parse(page).select("#handle-error").text();
    }

    private static String nameError(String page) {
        return Jsoup.parse(page).select("#displayName-error").text();
    }

    @Test
    void aHandleThatLooksLikeAnotherMembersIsRefusedWithAPlainReason() throws Exception {
        assertThat(signUp("paul", "Paul")).isNull();
        assertThat(signUp("martin", "Martin")).isNull();
        assertThat(signUp("bob", "Bob")).isNull();
        for (String lookalike : new String[] {"pau1", "rnartin", "b0b", "PAU1", "@pau1"}) {
            String page = signUp(lookalike, "Pas Paul");
            assertThat(page).as(lookalike).isNotNull();
            assertThat(handleError(page)).as(lookalike).contains("ressemble trop à celui d’un autre membre");
        }
        // Cyrillic р and а, as in "раul": never a handle (letters without accents only), said as such.
        assertThat(handleError(signUp("\u0440\u0430ul", "Paul"))).contains("lettres sans accent");
        // What differs enough still passes: "paula", "pauline".
        assertThat(signUp("paula", "Paula")).isNull();
        assertThat(graph.count("MATCH (m:Member) RETURN count(m)", Map.of())).isEqualTo(4);
        assertThat(graph.one("MATCH (m:Member {handle: 'martin'}) RETURN m.handleSkeleton AS s", Map.of(),
                r -> r.get("s").asString())).contains("rnartin");
    }

    @Test
    void theGraphRefusesTwoHandlesWithOneLookEvenWhenSignUpsRace() {
        graph.write("CREATE (:Member {id: 'a', handle: 'paul', handleSkeleton: 'paul'})");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(org.neo4j.driver.exceptions.Neo4jException.class,
                () -> graph.write("CREATE (:Member {id: 'b', handle: 'pau1', handleSkeleton: 'paul'})")))
                .satisfies(e -> assertThat(org.rampe.graph.Graph.isConstraintViolation(e)).isTrue());
    }

    @Test
    void membersMadeBeforeTheRuleGetTheirKeyAtStartTheOlderKeepingAClashingLook() throws Exception {
        graph.write("""
                CREATE (:Member {id: 'old', handle: 'paul', createdAt: datetime('2024-01-01T00:00:00Z')}),
                       (:Member {id: 'newer', handle: 'pau1', createdAt: datetime('2025-01-01T00:00:00Z')}),
                       (:Member {id: 'other', handle: 'rnartin', createdAt: datetime('2025-02-01T00:00:00Z')})""");
        backfill.afterSingletonsInstantiated();
        assertThat(graph.list("MATCH (m:Member) RETURN m.id AS id, m.handleSkeleton AS s, m.skeletonClash AS c ORDER BY id",
                Map.of(), r -> r.get("id").asString() + "=" + r.get("s").asString(null) + "/" + r.get("c").asBoolean(false)))
                .containsExactly("newer=null/true", "old=paul/false", "other=rnartin/false");
        assertThat(handleError(signUp("martin", "Martin"))).contains("ressemble trop");
        assertThat(signUp("paui", "Paui")).isNull();
    }

    @Test
    void anErasedMembersLookalikesAreReservedWithTheirHandle() throws Exception {
        assertThat(signUp("paul", "Paul")).isNull();
        erasure.erase(new MemberId(members.idOf("paul")), Erasure.Choice.ANONYMISE);
        assertThat(graph.count("MATCH (m:Member {handle: 'paul'}) RETURN count(m)", Map.of())).isZero();
        assertThat(handleError(signUp("pau1", "Paul"))).isNotEmpty();
        assertThat(handleError(signUp("paul", "Paul"))).isNotEmpty();
        // The lookalike never existed: its page is not "gone", only unknown.
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/members/pau1"))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/members/paul"))
                .andReturn().getResponse().getStatus()).isEqualTo(410);
    }

    @Test
    void aDisplayNameWithCharactersThatReorderOrHideTextIsRefusedAtSignUp() throws Exception {
        String[] hostile = {
                "Paul\u202Egpj.exe",        // right-to-left override
                "\u202AAna\u202C",           // embedding
                "Ana\u2066x\u2069",          // isolate
                "Ana\u200Fb",                // right-to-left mark
                "Pa\u200Bul",                // zero-width space
                "Pa\u2060ul",                // word joiner
                "\uFEFFPaul",                // byte-order mark
                "Pa\u00ADul",                // soft hyphen
                "\u3164",                    // Hangul filler: looks empty
                "Paul \u3164",               // Hangul filler after a name
                "Paul\u200D",                // a joiner that joins nothing
                "\uFE0FPaul",                // a variation selector on nothing
                "Paul\uDB40\uDC41",          // a tag character outside a flag
                "\u2800",                    // the blank Braille cell: nothing to see
                "Z\u0301\u0302\u0303\u0304\u0305\u0306", // stacked marks
        };
        for (String name : hostile) {
            String page = signUp("someone", name);
            assertThat(page).as(name).isNotNull();
            assertThat(nameError(page)).as(name.codePoints().mapToObj(Integer::toHexString).toList().toString())
                    .contains("caractère invisible ou qui change le sens d’écriture");
        }
        assertThat(graph.count("MATCH (m:Member) RETURN count(m)", Map.of())).isZero();
    }

    @Test
    void everyScriptAndEmojiSequenceStillMakesADisplayName() throws Exception {
        String[] fine = {
                "Inès Martin 🦽", "👩🏽‍🦽 Zoé", "🧏‍♀️ Léa", "✌️ Théo", "❤️‍🔥", "1️⃣ Un", "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73"
                + "\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F Iain", "محمد العلي", "שלום", "می‌خواهم", "हिन्दी", "Nguyễn Văn An", "张伟",
        };
        int i = 0;
        for (String name : fine) {
            assertThat(signUp("fine_" + i++, name)).as(name).isNull();
        }
        assertThat(graph.list("MATCH (m:Member) RETURN m.displayName AS n", Map.of(), r -> r.get("n").asString()))
                .containsExactlyInAnyOrder(fine);
    }

    @Test
    void theProfileRefusesTheSameNames() throws Exception {
        MockHttpSession ines = members.signUp("ines", "Inès");
        var page = mvc.perform(multipart("/account/profile").with(csrf()).session(ines).param("displayName", "Paul\u202Egpj.exe"))
                .andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(nameError(page.getContentAsString())).contains("caractère invisible ou qui change le sens d’écriture");
        assertThat(graph.one("MATCH (m:Member {handle: 'ines'}) RETURN m.displayName AS n", Map.of(), r -> r.get("n").asString()))
                .contains("Inès");
    }
}
