package org.rampe.social.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.XssCorpus;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

class ProfilesTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    MockHttpSession ines;

    @BeforeEach
    void aMember() throws Exception {
        ines = members.signUp("ines", "Inès");
    }

    private String page(String path, MockHttpSession session) throws Exception {
        var request = get(path);
        if (session != null) {
            request.session(session);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long images() {
        return graph.count("MATCH (i:Image) RETURN count(i) AS n", Map.of());
    }

    /** The edit form as Inès fills it in, with some fields typed otherwise ({@code name, value, ...}). */
    private MockMultipartHttpServletRequestBuilder edit(MockHttpSession session, String... changed) {
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("displayName", "Inès Martin 🦽");
        fields.put("pronouns", "elle");
        fields.put("bio", "Ligne un\nLigne deux");
        fields.put("city", "Montpellier");
        for (int i = 0; i < changed.length; i += 2) {
            fields.put(changed[i], changed[i + 1]);
        }
        var builder = multipart("/account/profile");
        builder.with(csrf()).session(session);
        fields.forEach(builder::param);
        builder.param("languages", "fr", "lsf");
        return builder;
    }

    private void needs(String visibility) throws Exception {
        mvc.perform(post("/account/needs").with(csrf()).session(ines).param("needs", "hearing").param("note", "Sous-titres, svp")
                .param("visibility", visibility).param("consent", "yes")).andExpect(status().is3xxRedirection());
    }

    @Test
    void aProfileShowsWhatTheMemberWroteToEveryoneAndUnknownHandlesAreNotFound() throws Exception {
        mvc.perform(edit(ines)).andExpect(redirectedUrl("/members/ines"));
        String html = page("/members/ines", null);
        var doc = Jsoup.parse(html);
        assertThat(doc.select("h1").text()).isEqualTo("Inès Martin 🦽");
        assertThat(doc.select("h1").attr("dir")).isEqualTo("auto");
        assertThat(doc.select(".profile-bio").first().wholeText()).isEqualTo("Ligne un\nLigne deux");
        assertThat(doc.select(".profile-bio").attr("dir")).isEqualTo("auto");
        assertThat(html).contains("@ines", "elle", "Français, Langue des signes française (LSF)", "Montpellier",
                "href=\"/members/ines/posts\"", "href=\"/members/ines/followers\"", "Connectez-vous pour suivre");
        assertThat(doc.select("main img")).isEmpty();
        assertThat(doc.select("main form")).isEmpty();
        mvc.perform(get("/members/nobody")).andExpect(status().isNotFound());
        mvc.perform(get("/members/nobody/avatar.jpg")).andExpect(status().isNotFound());
        mvc.perform(get("/members/ines/avatar.jpg")).andExpect(status().isNotFound());
        // The header names the member with their new name and links to their profile.
        assertThat(page("/", ines)).contains("Connecté·e : Inès Martin 🦽", "href=\"/members/ines\"", "href=\"/members\"");
    }

    @Test
    void membersSeeFollowBlockAndMuteButtonsOnOthersProfilesOnlyAndNoEditingOfAnotherProfileExists() throws Exception {
        MockHttpSession sam = members.signUp("sam", "Sam");
        // By default Inès takes messages from people she follows and her groups only: no button for Sam.
        assertThat(Jsoup.parse(page("/members/ines", sam)).select("main form button").eachText())
                .containsExactly("Suivre", "Masquer", "Bloquer");
        everyoneTakesMessages();
        var other = Jsoup.parse(page("/members/ines", sam));
        assertThat(other.select("main form button").eachText()).containsExactly("Envoyer un message", "Suivre", "Masquer", "Bloquer");
        assertThat(other.select("main form input[name=_csrf]")).hasSize(4);
        var own = Jsoup.parse(page("/members/ines", ines));
        assertThat(own.select("main form")).isEmpty();
        assertThat(own.select("a[href=/account/profile]")).hasSize(1);

        // The edit form only ever edits the signed-in member: there is no handle to aim it elsewhere.
        mvc.perform(edit(sam).param("handle", "ines").param("id", members.idOf("ines")))
                .andExpect(redirectedUrl("/members/sam"));
        assertThat(page("/members/ines", null)).doesNotContain("Inès Martin");
        assertThat(page("/members/sam", null)).contains("Inès Martin 🦽");
        mvc.perform(multipart("/account/profile").with(csrf()).param("displayName", "Pirate")).andExpect(redirectedUrl("/signin"));
        mvc.perform(multipart("/account/profile").session(ines).param("displayName", "Pirate")).andExpect(status().isForbidden());
    }

    @Test
    void accessNeedsShowOnlyAsTheOwnerChoseAndNeverAcrossABlockOrToVisitors() throws Exception {
        MockHttpSession friend = members.signUp("friend", "Ami");
        MockHttpSession stranger = members.signUp("stranger", "Inconnu");
        mvc.perform(post("/members/friend/follow").with(csrf()).session(ines));
        String need = "Sourd·e ou malentendant·e";

        // No needs declared: nothing shown, even to the owner.
        assertThat(page("/members/ines", ines)).doesNotContain("Besoins d’accessibilité");

        needs("only_me");
        assertThat(page("/members/ines", ines)).contains(need, "Sous-titres, svp", "Vous seul·e voyez cette partie.");
        assertThat(page("/members/ines", friend)).doesNotContain(need, "Sous-titres");
        assertThat(page("/members/ines", stranger)).doesNotContain(need);
        assertThat(page("/members/ines", null)).doesNotContain(need);

        needs("following");
        assertThat(page("/members/ines", friend)).contains(need, "Sous-titres, svp").doesNotContain("Vous seul·e");
        assertThat(page("/members/ines", stranger)).doesNotContain(need);
        assertThat(page("/members/ines", null)).doesNotContain(need);
        // Following Inès is not enough: it is the people she follows who may see.
        mvc.perform(post("/members/ines/follow").with(csrf()).session(stranger));
        assertThat(page("/members/ines", stranger)).doesNotContain(need);

        needs("members");
        assertThat(page("/members/ines", friend)).contains(need);
        assertThat(page("/members/ines", stranger)).contains(need);
        assertThat(page("/members/ines", null)).doesNotContain(need, "Sous-titres");

        mvc.perform(post("/members/ines/block").with(csrf()).session(stranger));
        assertThat(page("/members/ines", stranger)).doesNotContain(need, "Sous-titres");
        mvc.perform(post("/members/friend/block").with(csrf()).session(ines));
        assertThat(page("/members/ines", friend)).doesNotContain(need, "Sous-titres", "Montpellier");
    }

    @Test
    void limitsAreCheckedOnTheServerWithTranslatedMessagesAndTheTypedValuesKept() throws Exception {
        String tooLongName = "é".repeat(61);
        String html = mvc.perform(edit(ines, "displayName", tooLongName, "bio", "🦽".repeat(501),
                        "pronouns", "x".repeat(41), "city", "y".repeat(81)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var doc = Jsoup.parse(html);
        assertThat(doc.title()).startsWith("Erreur : Modifier mon profil");
        assertThat(doc.select(".error-summary a").eachAttr("href")).containsExactly("#displayName", "#pronouns", "#bio", "#city");
        assertThat(html).contains("Le nom affiché doit faire 60 caractères au plus.", "La présentation doit faire 500 caractères au plus (elle en fait 501).");
        assertThat(doc.getElementById("displayName").val()).isEqualTo(tooLongName);
        assertThat(doc.getElementById("displayName").attr("aria-invalid")).isEqualTo("true");
        assertThat(doc.getElementById("displayName").attr("aria-describedby")).isEqualTo("displayName-hint displayName-error");
        assertThat(doc.getElementById("bio").text()).isEqualTo("🦽".repeat(501));
        assertThat(doc.select("input[name=languages][checked]").eachAttr("value")).containsExactly("fr", "lsf");

        String english = mvc.perform(edit(ines, "displayName", "  ").cookie(new jakarta.servlet.http.Cookie("rampe_lang", "en"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("Error: Edit my profile", "Enter the name to display.");
        assertThat(page("/members/ines", null)).doesNotContain("Montpellier");
    }

    @Test
    void anAvatarIsCleanedServedWithItsDescriptionAndRemovable() throws Exception {
        byte[] photo = TestImages.jpegWithGpsExif(1200, 900);
        mvc.perform(edit(ines).file(new MockMultipartFile("avatar", "me.jpg", "image/jpeg", photo))
                .param("avatarAlt", "Inès souriante devant la mer")).andExpect(redirectedUrl("/members/ines"));
        var doc = Jsoup.parse(page("/members/ines", null));
        var img = doc.select("main img.avatar").first();
        assertThat(img.attr("alt")).isEqualTo("Inès souriante devant la mer");
        String src = img.attr("src");
        assertThat(src).startsWith("/members/ines/avatar.jpg?v=");

        var served = mvc.perform(get(src)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/jpeg"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", Matchers.containsString("max-age=86400")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.GPS_MARKER);
        assertThat(TestImages.jpegSegments(served)).doesNotContain(0xE1, 0xFE);
        var decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served));
        assertThat(Math.max(decoded.getWidth(), decoded.getHeight())).isEqualTo(512);

        // A new avatar replaces the old one, whose file is gone.
        String firstId = src.substring(src.indexOf("v=") + 2);
        mvc.perform(edit(ines).file(new MockMultipartFile("avatar", "me.png", "image/png", TestImages.png(64, 64)))
                .param("avatarAlt", "Un carré bleu")).andExpect(redirectedUrl("/members/ines"));
        List<String> ids = graph.one("MATCH (i:Image) RETURN collect(i.id) AS ids", Map.of(), r -> r.get("ids")
                .asList(org.neo4j.driver.Value::asString)).orElseThrow();
        assertThat(ids).hasSize(1).doesNotContain(firstId);

        mvc.perform(edit(ines).param("removeAvatar", "true")).andExpect(redirectedUrl("/members/ines"));
        assertThat(Jsoup.parse(page("/members/ines", null)).select("main img")).isEmpty();
        mvc.perform(get("/members/ines/avatar.jpg")).andExpect(status().isNotFound());
        assertThat(images()).isZero();
    }

    @Test
    void aRefusedFileOrAMissingDescriptionSaysWhyAndKeepsEveryOtherField() throws Exception {
        for (var refused : List.of(
                Map.entry(new MockMultipartFile("avatar", "me.jpg", "image/jpeg", "not an image at all".getBytes(StandardCharsets.UTF_8)),
                        "Ce fichier n’est pas une image JPEG, PNG ou GIF."),
                Map.entry(new MockMultipartFile("avatar", "big.jpg", "image/jpeg", new byte[10 * 1024 * 1024 + 1]),
                        "Le fichier dépasse 10 Mo."))) {
            String html = mvc.perform(edit(ines).file(refused.getKey()).param("avatarAlt", "Mon portrait"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            var doc = Jsoup.parse(html);
            assertThat(doc.select(".error-summary a").eachAttr("href")).containsExactly("#avatar");
            assertThat(doc.select(".error-summary").text()).contains(refused.getValue());
            assertThat(doc.getElementById("avatar").attr("aria-invalid")).isEqualTo("true");
            assertThat(doc.getElementById("displayName").val()).isEqualTo("Inès Martin 🦽");
            assertThat(doc.getElementById("bio").text()).isEqualTo("Ligne un\nLigne deux");
            assertThat(doc.getElementById("city").val()).isEqualTo("Montpellier");
            assertThat(doc.getElementById("avatarAlt").text()).isEqualTo("Mon portrait");
        }
        String html = mvc.perform(edit(ines).file(new MockMultipartFile("avatar", "me.png", "image/png", TestImages.png(40, 40))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        var doc = Jsoup.parse(html);
        assertThat(doc.select(".error-summary a").eachAttr("href")).containsExactly("#avatarAlt", "#avatar");
        assertThat(doc.select(".error-summary").text()).contains("Décrivez votre photo de profil.", "Choisissez la photo à nouveau");
        assertThat(doc.getElementById("city").val()).isEqualTo("Montpellier");
        assertThat(page("/members/ines", null)).doesNotContain("Montpellier");
        assertThat(images()).isZero();
    }

    @Test
    void hostileTextInBioAndNameNeverBecomesActiveContent() throws Exception {
        MockHttpSession viewer = members.signUp("viewer", "Lecteur");
        mvc.perform(post("/members/ines/follow").with(csrf()).session(viewer));
        for (String hostile : XssCorpus.strings()) {
            String name = hostile.codePointCount(0, hostile.length()) > 60
                    ? hostile.substring(0, hostile.offsetByCodePoints(0, 60)) : hostile;
            // A display name refuses the bidirectional controls (issue 17, ConfusableNamesTest): the
            // name goes without them, the bio keeps them.
            name = name.replaceAll("[\u202A-\u202E\u2066-\u2069]", "");
            if (name.isBlank()) {
                name = "x";
            }
            mvc.perform(multipart("/account/profile").with(csrf()).session(ines).param("displayName", name).param("bio", hostile)
                    .param("pronouns", name.length() > 40 ? name.substring(0, 40) : name).param("city", name))
                    .andExpect(status().is3xxRedirection());
            for (String path : List.of("/members/ines", "/members/viewer/following", "/members?q=ines")) {
                assertThat(XssCorpus.activeContent(page(path, viewer))).as(path + " with " + hostile).isEmpty();
            }
            assertThat(XssCorpus.activeContent(page("/members/ines", null))).isEmpty();
            assertThat(XssCorpus.activeContent(page("/account/profile", ines))).isEmpty();
        }
    }
}
