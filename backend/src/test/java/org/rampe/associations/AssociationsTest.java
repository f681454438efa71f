package org.rampe.associations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.XssCorpus;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

class AssociationsTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Associations associations;

    MockHttpSession ana;

    @BeforeEach
    void aMember() throws Exception {
        ana = members.signUp("ana");
    }

    String create(MockHttpSession session, String name, String description) throws Exception {
        String location = mvc.perform(post("/associations/new").with(csrf()).session(session)
                        .param("name", name).param("description", description)
                        .param("contact", "04 67 00 00 00\n1 rue de la Loge").param("website", "https://example.org"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/associations/");
        return location.substring("/associations/".length());
    }

    private String id(String slug) {
        return associations.bySlug(slug).orElseThrow().id();
    }

    @Test
    void aMemberCreatesAnAssociationAndBecomesItsFirstRepresentative() throws Exception {
        String slug = create(ana, "Club des Sourds de Montpellier", "Rencontres en LSF.\n\nChaque samedi.");
        assertThat(slug).isEqualTo("club-des-sourds-de-montpellier");
        String memberId = members.idOf("ana");
        assertThat(associations.isRepresentative(memberId, id(slug))).isTrue();
        assertThat(associations.isRepresentative("someone-else", id(slug))).isFalse();
        long created = graph.count("MATCH (:Member {handle: 'ana'})-[:CREATED]->(a:Association {slug: $s}) WHERE a.verified = false RETURN count(a) AS n",
                Map.of("s", slug));
        assertThat(created).isEqualTo(1);
        mvc.perform(get("/associations/" + slug))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<h1 dir=\"auto\">Club des Sourds de Montpellier</h1>"),
                        Matchers.containsString("Pas encore vérifiée"),
                        Matchers.containsString("Rencontres en LSF."),
                        Matchers.containsString("href=\"https://example.org\""),
                        Matchers.containsString("(@ana)"),
                        Matchers.containsString("Cette association n’a pas encore de groupe."),
                        Matchers.not(Matchers.containsString("Modifier la page et les représentant·es")))));
        mvc.perform(get("/associations/" + slug).session(ana))
                .andExpect(content().string(Matchers.containsString("Modifier la page et les représentant·es")));
    }

    @Test
    void slugsAreAsciiStableAndNeverTaken() throws Exception {
        assertThat(AssociationRepository.slugOf("Association Française des Hémophiles — AFH")).isEqualTo("association-francaise-des-hemophiles-afh");
        assertThat(AssociationRepository.slugOf("جمعية الصم")).isEqualTo("association");
        assertThat(create(ana, "Les Amis", "Un")).isEqualTo("les-amis");
        assertThat(create(ana, "Les  amis !", "Deux")).isEqualTo("les-amis-2");
        assertThat(create(ana, "New", "Pas une route")).isEqualTo("new-2");
        mvc.perform(post("/associations/les-amis/edit").with(csrf()).session(ana).param("name", "Les Amis de Montpellier")
                .param("description", "Un")).andExpect(redirectedUrl("/associations/les-amis"));
        assertThat(associations.bySlug("les-amis").orElseThrow().name()).isEqualTo("Les Amis de Montpellier");
    }

    @Test
    void aFormWithMistakesSaysWhatIsWrongAndKeepsWhatWasTyped() throws Exception {
        mvc.perform(post("/associations/new").with(csrf()).session(ana).param("name", " ").param("description", "")
                        .param("contact", "x".repeat(501)).param("website", "javascript:alert(1)"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Créer la page d’une association – Rampe</title>"),
                        Matchers.containsString("Saisissez le nom de l’association."),
                        Matchers.containsString("Présentez l’association en quelques mots."),
                        Matchers.containsString("Le contact ne doit pas dépasser 500 caractères."),
                        Matchers.containsString("commençant par https:// ou http://, par exemple"),
                        Matchers.containsString("aria-invalid=\"true\""),
                        Matchers.containsString("value=\"javascript:alert(1)\""))));
        assertThat(associations.list("")).isEmpty();
    }

    @Test
    void theListShowsVerifiedAssociationsFirstAndFindsThemByName() throws Exception {
        create(ana, "Alpha", "a");
        String zeta = create(ana, "Zêta Handicap", "z");
        graph.write("MATCH (a:Association {slug: $s}) SET a.verified = true, a.verifiedAt = datetime()", Map.of("s", zeta));
        String page = mvc.perform(get("/associations")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("2 associations.");
        assertThat(page.indexOf("Zêta Handicap")).isLessThan(page.indexOf("Alpha"));
        assertThat(page.indexOf("Association vérifiée", page.indexOf("Zêta"))).isLessThan(page.indexOf("Alpha"));
        mvc.perform(get("/associations").param("q", "ZÊTA"))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("1 association."),
                        Matchers.not(Matchers.containsString(">Alpha<")))));
    }

    @Test
    void representativesEditThePageAndChangingTheNameOfAVerifiedOneSendsItBackToTheQueue() throws Exception {
        String slug = create(ana, "APF 34", "Délégation de l’Hérault");
        var admin = members.signUp(ADMIN_HANDLE);
        mvc.perform(post("/moderation/associations/" + slug + "/verify").with(csrf()).session(admin))
                .andExpect(redirectedUrl("/moderation/associations"));
        assertThat(associations.bySlug(slug).orElseThrow().verified()).isTrue();

        mvc.perform(post("/associations/" + slug + "/edit").with(csrf()).session(ana).param("name", "APF 34")
                        .param("description", "Nouvelle présentation").param("website", "https://example.org"))
                .andExpect(flash().attribute("notice", "association.saved"));
        assertThat(associations.bySlug(slug).orElseThrow().verified()).isTrue();

        mvc.perform(post("/associations/" + slug + "/edit").with(csrf()).session(ana).param("name", "Autre nom")
                        .param("description", "Nouvelle présentation").param("website", "https://example.org"))
                .andExpect(flash().attribute("notice", "association.saved.unverified"));
        var after = associations.bySlug(slug).orElseThrow();
        assertThat(after.verified()).isFalse();
        assertThat(after.verifiedAt()).isNull();
        mvc.perform(get("/moderation/associations").session(admin)).andExpect(content().string(Matchers.containsString("Autre nom")));
    }

    @Test
    void administratorsVerifyFromTheQueueAndWithdrawTheVerification() throws Exception {
        String slug = create(ana, "Parents solidaires", "Entraide");
        var admin = members.signUp(ADMIN_HANDLE);
        mvc.perform(get("/moderation/associations").session(admin))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Parents solidaires"),
                        Matchers.containsString("Créée par Ana (@ana)"), Matchers.containsString("En attente (1)"))));
        mvc.perform(post("/moderation/associations/" + slug + "/verify").with(csrf()).session(admin))
                .andExpect(flash().attribute("notice", "association.verify.done"));
        // The creator is told, in a sentence that links to the page.
        mvc.perform(get("/notifications").session(ana))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("a vérifié votre association"),
                        Matchers.containsString("href=\"/associations/" + slug + "\""),
                        Matchers.containsString("« Parents solidaires »"))));
        long by = graph.count("MATCH (:Member {handle: $h})-[v:VERIFIED]->(a:Association {slug: $s}) WHERE v.at = a.verifiedAt RETURN count(v) AS n",
                Map.of("h", ADMIN_HANDLE, "s", slug));
        assertThat(by).isEqualTo(1);
        mvc.perform(get("/associations/" + slug))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Association vérifiée"),
                        Matchers.containsString("a vérifié que cette page est tenue par l’association elle-même"),
                        Matchers.containsString("Vérifiée le"))));
        mvc.perform(get("/moderation/associations").session(admin))
                .andExpect(content().string(Matchers.allOf(Matchers.containsString("Aucune association en attente de vérification."),
                        Matchers.containsString("Vérifiées (1)"))));
        mvc.perform(post("/moderation/associations/" + slug + "/withdraw").with(csrf()).session(admin))
                .andExpect(flash().attribute("notice", "association.verify.withdrawn"));
        assertThat(associations.bySlug(slug).orElseThrow().verified()).isFalse();
        long left = graph.count("MATCH ()-[v:VERIFIED]->() RETURN count(v) AS n", Map.of());
        assertThat(left).isZero();
    }

    @Test
    void representativesAddAndRemoveOthersButNeverTheLastOne() throws Exception {
        String slug = create(ana, "Club", "c");
        var bob = members.signUp("bob");
        mvc.perform(post("/associations/" + slug + "/representatives").with(csrf()).session(ana).param("handle", "@nobody"))
                .andExpect(flash().attribute("notice", "association.representative.unknown"));
        // Issue 17: adding is an invitation, which Bob accepts.
        mvc.perform(post("/associations/" + slug + "/representatives").with(csrf()).session(ana).param("handle", " @BOB "))
                .andExpect(flash().attribute("notice", "safety.invitation.sent"))
                .andExpect(redirectedUrl("/associations/" + slug + "/edit#representatives"));
        mvc.perform(post("/associations/" + slug + "/invitation/accept").with(csrf()).session(bob))
                .andExpect(flash().attribute("notice", "safety.invitation.accepted"));
        mvc.perform(post("/associations/" + slug + "/representatives").with(csrf()).session(ana).param("handle", "bob"))
                .andExpect(flash().attribute("notice", "association.representative.already"));
        // Bob may now edit, and remove Ana; then Bob is the last one and cannot leave.
        mvc.perform(get("/associations/" + slug + "/edit").session(bob)).andExpect(status().isOk());
        mvc.perform(post("/associations/" + slug + "/representatives/remove").with(csrf()).session(bob).param("handle", "ana"))
                .andExpect(flash().attribute("notice", "association.representative.removed"));
        mvc.perform(get("/associations/" + slug + "/edit").session(ana)).andExpect(status().isForbidden());
        mvc.perform(post("/associations/" + slug + "/representatives/remove").with(csrf()).session(bob).param("handle", "bob"))
                .andExpect(flash().attribute("notice", "association.representative.last"));
        mvc.perform(post("/associations/" + slug + "/representatives/remove").with(csrf()).session(bob).param("handle", "ana"))
                .andExpect(flash().attribute("notice", "association.representative.notOne"));
        long reps = graph.one("MATCH (m:Member)-[:REPRESENTS]->(:Association) RETURN collect(m.handle) AS h",
                Map.of(), r -> r.get("h").asList().size()).orElseThrow();
        assertThat(reps).isEqualTo(1);
    }

    @Test
    void aLogoNeedsItsDescriptionIsCleanedServedAndRemoved() throws Exception {
        String slug = create(ana, "Club", "c");
        var png = new MockMultipartFile("file", "logo.png", "image/png", TestImages.png(900, 600));
        mvc.perform(multipart("/associations/" + slug + "/logo").file(png).with(csrf()).session(ana).param("alt", " "))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("Décrivez le logo pour les personnes qui ne le voient pas."),
                        Matchers.containsString("Choisissez de nouveau la photo"))));
        mvc.perform(multipart("/associations/" + slug + "/logo").file(new MockMultipartFile("file", "x.webp", "image/webp", TestImages.webpHeader()))
                        .with(csrf()).session(ana).param("alt", "Logo"))
                .andExpect(content().string(Matchers.containsString("Les images WebP ne sont pas encore acceptées.")));
        mvc.perform(multipart("/associations/" + slug + "/logo").file(png).with(csrf()).session(ana).param("alt", "Deux mains qui signent"))
                .andExpect(redirectedUrl("/associations/" + slug));
        var logo = associations.bySlug(slug).orElseThrow().logo();
        assertThat(logo.alt()).isEqualTo("Deux mains qui signent");
        assertThat(Math.max(logo.width(), logo.height())).isEqualTo(Associations.LOGO_SIDE);
        mvc.perform(get("/associations/" + slug))
                .andExpect(content().string(Matchers.containsString("alt=\"Deux mains qui signent\"")));
        byte[] jpeg = mvc.perform(get("/associations/" + slug + "/logo.jpg")).andExpect(status().isOk())
                .andExpect(content().contentType("image/jpeg")).andReturn().getResponse().getContentAsByteArray();
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        mvc.perform(post("/associations/" + slug + "/logo/remove").with(csrf()).session(ana))
                .andExpect(redirectedUrl("/associations/" + slug));
        mvc.perform(get("/associations/" + slug + "/logo.jpg")).andExpect(status().isNotFound());
        long images = graph.count("MATCH (i:Image) RETURN count(i) AS n", Map.of());
        assertThat(images).isZero();
    }

    @Test
    void theAssociationPageListsItsGroupsButNeverAHiddenOne() throws Exception {
        String slug = create(ana, "Club", "c");
        graph.write("""
                MATCH (a:Association {slug: $s})
                CREATE (a)-[:OWNS_GROUP]->(:Group {id: randomUUID(), slug: 'samedis-lsf', name: 'Samedis LSF', kind: 'public'})
                CREATE (a)-[:OWNS_GROUP]->(:Group {id: randomUUID(), slug: 'parents', name: 'Parents', kind: 'private'})
                CREATE (a)-[:OWNS_GROUP]->(:Group {id: randomUUID(), slug: 'secret', name: 'Bureau secret', kind: 'hidden'})
                """, Map.of("s", slug));
        mvc.perform(get("/associations/" + slug))
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("href=\"/groups/samedis-lsf\""), Matchers.containsString("Samedis LSF"),
                        Matchers.containsString("(groupe privé, sur demande)"),
                        Matchers.not(Matchers.containsString("Bureau secret")), Matchers.not(Matchers.containsString("/groups/secret")))));
    }

    @Test
    void hostileNamesAndDescriptionsAreShownAsTextEverywhere() throws Exception {
        var admin = members.signUp(ADMIN_HANDLE);
        List<String> corpus = XssCorpus.strings();
        List<String> slugs = new ArrayList<>();
        for (String hostile : corpus) {
            String name = AssociationForm.line(hostile);
            if (name.isEmpty() || AssociationForm.length(name) > AssociationForm.NAME_MAX || AssociationForm.hasControl(name, false)) {
                name = "Nom " + slugs.size();
            }
            String description = hostile.isBlank() || AssociationForm.hasControl(AssociationForm.lines(hostile), true) ? "texte" : hostile;
            forgetLimits(); // the corpus outgrows a day's new associations (@Limited("associations.new"))
            var result = mvc.perform(post("/associations/new").with(csrf()).session(ana).param("name", name)
                    .param("description", description).param("contact", description)).andReturn();
            String location = result.getResponse().getRedirectedUrl();
            assertThat(location).as("created for %s", hostile).startsWith("/associations/");
            slugs.add(location.substring("/associations/".length()));
            assertThat(XssCorpus.activeContent(result.getResponse().getContentAsString())).isEmpty();
        }
        List<String> pages = new ArrayList<>(List.of("/associations", "/moderation/associations"));
        slugs.forEach(s -> pages.add("/associations/" + s));
        slugs.forEach(s -> pages.add("/associations/" + s + "/edit"));
        for (String path : pages) {
            var session = path.startsWith("/moderation") ? admin : ana;
            String html = mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(XssCorpus.activeContent(html)).as(path).isEmpty();
        }
        // A form refused with a hostile value comes back escaped too.
        for (String hostile : corpus) {
            String html = mvc.perform(post("/associations/new").with(csrf()).session(ana).param("name", hostile)
                    .param("description", "").param("website", hostile)).andReturn().getResponse().getContentAsString();
            assertThat(XssCorpus.activeContent(html)).as(hostile).isEmpty();
        }
    }
}
