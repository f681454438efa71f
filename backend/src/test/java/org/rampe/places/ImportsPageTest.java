package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/**
 * The administrators' import page: an upload or a file of the import directory imported in the
 * background, its progress, its report; translated messages on the form for every mistake, what was
 * typed kept; nobody but an administrator gets in.
 */
class ImportsPageTest extends RampeTest {

    private static final Path PHARMACIES = Path.of("src/main/resources/demo/pharmacies.geojson");

    @Autowired
    MockMvc mvc;

    @Autowired
    ImportJobs jobs;

    @Autowired
    ImportLock lock;

    private MockHttpSession admin;
    /** The reports kept from earlier tests (the page keeps the last few in memory). */
    private java.util.List<ImportJobs.Job> earlier;

    @BeforeEach
    void anAdministrator() throws Exception {
        admin = members.signUp(newMember(ADMIN_HANDLE).named("Admin").withEmail("admin@example.org"));
        earlier = jobs.recent();
    }

    private MockMultipartHttpServletRequestBuilder form(MockMultipartFile file, String... fields) {
        var request = multipart(ImportUploads.PATH);
        if (file != null) {
            request.file(file);
        }
        var values = new java.util.LinkedHashMap<>(Map.of("source", "osm", "area", "everywhere", "path", "", "box", "",
                "departement", ""));
        for (int i = 0; i < fields.length; i += 2) {
            values.put(fields[i], fields[i + 1]);
        }
        values.forEach(request::param);
        request.with(csrf()).session(admin).locale(java.util.Locale.FRENCH);
        return request;
    }

    private static MockMultipartFile pharmacies() throws Exception {
        return new MockMultipartFile("file", "pharmacies.geojson", "application/geo+json", Files.readAllBytes(PHARMACIES));
    }

    private String page() throws Exception {
        return spaced(mvc.perform(get("/admin/imports").session(admin).locale(java.util.Locale.FRENCH))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    /** French numbers are grouped with a narrow no-break space: read as a plain one here. */
    private static String spaced(String text) {
        return text.replace('\u202F', ' ').replace('\u00A0', ' ');
    }

    /** Polls the status endpoint as the page's script does, until the import is over (bounded). */
    private void awaitTheEnd() throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            String json = mvc.perform(get("/admin/imports/status.json").session(admin))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            if (json.contains("\"running\":false")) {
                return;
            }
            assertThat(Instant.now()).as("the import is over within two minutes").isBefore(giveUp);
            Thread.sleep(200);
        }
    }

    @Test
    void anAdministratorUploadsAnOsmFileAndReadsItsReport() throws Exception {
        mvc.perform(form(pharmacies()))
                .andExpect(redirectedUrl("/admin/imports"))
                .andExpect(flash().attribute("notice", "imports.started"));
        awaitTheEnd();

        String html = page();
        assertThat(html).contains("pharmacies.geojson (OpenStreetMap), terminé le", "Lancé par site_admin.",
                "76 lignes lues", "69 lieux créés", "0 lieux mis à jour", "7 lignes écartées", "3 valeurs ignorées",
                "Lignes écartées (7 premières sur 7)", "no name</span>", "overflowed");
        assertThat(graph.count("MATCH (p:Place {source: 'osm'}) RETURN count(p)", Map.of())).isEqualTo(69);
        assertThat(lock.current()).as("the lock is released").isEmpty();
        assertThat(Files.list(jobs.uploads()).toList()).as("the upload is deleted once imported").isEmpty();

        var job = jobs.recent().getFirst();
        var text = mvc.perform(get("/admin/imports/" + job.id() + "/report.txt").session(admin))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(text.getHeader("Content-Disposition")).startsWith("attachment;");
        assertThat(text.getContentAsString()).contains("76 rows read: 69 created, 0 updated, 7 skipped, 3 values dropped",
                "Skipped rows (7):", "Values dropped (3):").containsPattern("feature \\d+ \\(byte \\d+, line \\d+\\): no name|line \\d+: no name");
    }

    @Test
    void aFileOfTheImportDirectoryIsImportedByNameAndNothingOutsideIt() throws Exception {
        Files.createDirectories(jobs.directory());
        Files.copy(PHARMACIES, jobs.directory().resolve("pharmacies.geojson"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            for (String outside : new String[] {"../neo4j-password", "/etc/passwd", "../imports/../neo4j-password", "missing.geojson"}) {
                String html = mvc.perform(form(null, "path", outside)).andExpect(status().isOk())
                        .andReturn().getResponse().getContentAsString();
                assertThat(html).as(outside).contains("Aucun fichier lisible de ce nom dans le dossier d’import",
                        "value=\"" + outside + "\"", "aria-invalid=\"true\"");
            }
            assertThat(jobs.recent()).isEqualTo(earlier);

            mvc.perform(form(null, "path", "pharmacies.geojson", "complete", "true")).andExpect(redirectedUrl("/admin/imports"));
            awaitTheEnd();
            assertThat(page()).contains("69 lieux créés");
            assertThat(Files.exists(jobs.directory().resolve("pharmacies.geojson"))).as("a server file is left where it is").isTrue();
        } finally {
            Files.deleteIfExists(jobs.directory().resolve("pharmacies.geojson"));
        }
    }

    @Test
    void everyMistakeComesBackTranslatedOnTheFormWithWhatWasTyped() throws Exception {
        String none = mvc.perform(form(null)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(none).contains("Il y a un problème", "Envoyez un fichier ou indiquez un fichier du dossier d’import.",
                "href=\"#file\"");

        String both = mvc.perform(form(pharmacies(), "path", "shops.geojson")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(both).contains("pas les deux", "value=\"shops.geojson\"",
                "Le fichier envoyé n’a pas été gardé : choisissez-le de nouveau après avoir corrigé.");

        String box = mvc.perform(form(pharmacies(), "area", "box", "box", "3.9,43.5,3.8")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(box).contains("Le rectangle s’écrit ouest,sud,est,nord", "value=\"3.9,43.5,3.8\"", "href=\"#box\"");

        String departement = mvc.perform(form(pharmacies(), "area", "departement", "departement", "99", "complete", "true"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(departement).contains("Indiquez un code de département français", "value=\"99\"", "href=\"#departement\"");
        assertThat(departement).containsPattern("id=\"complete\"[^>]*checked");

        String english = mvc.perform(form(null).locale(java.util.Locale.ENGLISH)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Upload a file or name a file of the import directory.");
        assertThat(jobs.recent()).as("nothing was imported").isEqualTo(earlier);
        assertThat(graph.count("MATCH (p:Place) RETURN count(p)", Map.of())).isZero();
    }

    @Test
    void whileAnotherImportRunsThePageShowsItsProgressAndRefusesASecond() throws Exception {
        var commandLine = lock.claim(ImportCommand.COMMAND_LINE, PlaceSource.ACCESLIBRE, "acceslibre.csv");
        try (var holding = commandLine.holding()) {
            holding.beat(12_000, 40, true);

            String html = page();
            assertThat(html).contains("command line importe acceslibre.csv (acceslibre) depuis le",
                    "<progress id=\"import-progress\" max=\"100\" value=\"40\"", "12 000 lignes lues, 40 %",
                    "aria-live=\"polite\"", "href=\"/admin/imports\" data-import-refresh", "Actualiser la page");
            String json = mvc.perform(get("/admin/imports/status.json").session(admin).locale(java.util.Locale.FRENCH))
                    .andReturn().getResponse().getContentAsString();
            assertThat(json).contains("\"running\":true", "\"rows\":12000", "\"percent\":40");

            String refused = spaced(mvc.perform(form(pharmacies(), "box", "kept")).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString());
            assertThat(refused).contains("Un import est déjà en cours : command line importe acceslibre.csv (acceslibre) depuis le",
                    "12 000 lignes lues. Attendez qu’il se termine", "value=\"kept\"");
            assertThat(Files.list(jobs.uploads()).toList()).as("the refused upload is not kept").isEmpty();
        }
        assertThat(jobs.recent()).isEqualTo(earlier);
    }

    @Test
    void onlyAdministratorsGetIn() throws Exception {
        var member = members.signUp("lou");
        mvc.perform(get("/admin/imports").session(member)).andExpect(status().isForbidden());
        mvc.perform(get("/admin/imports/status.json").session(member)).andExpect(status().isForbidden());
        mvc.perform(form(pharmacies()).session(member)).andExpect(status().isForbidden());
        mvc.perform(form(pharmacies()).session(new MockHttpSession())).andExpect(status().isForbidden());
        mvc.perform(get("/admin/imports")).andExpect(status().is3xxRedirection());
        assertThat(jobs.recent()).isEqualTo(earlier);
        assertThat(graph.count("MATCH (p:Place) RETURN count(p)", Map.of())).isZero();
    }
}
