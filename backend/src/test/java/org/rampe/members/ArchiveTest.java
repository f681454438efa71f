package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.HttpDevice.FIREFOX_ANDROID;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rampe.HttpDevice;
import org.rampe.RampeTest;
import org.rampe.TestArchives;
import org.rampe.TestMembers;
import org.rampe.graph.GraphProperties;
import org.rampe.mail.Mailer;
import org.rampe.site.RateLimits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import tools.jackson.databind.JsonNode;

/**
 * The member's archive from asking to downloading, over HTTP as a browser does: the page, the job
 * in the background, the download for the member only, the 7 days and the purge; and what the
 * archive says of the account: profile, needs with the consent history, the ways in without secrets.
 */
class ArchiveTest extends RampeTest {

    private static final Pattern ARCHIVE_LINK = Pattern.compile("href=\"(/account/data/archives/[0-9a-f-]{36})\"");

    @Autowired
    MemberArchives archives;

    @Autowired
    ArchiveRepository archiveRepository;

    @Autowired
    ArchiveReadme readme;

    @Autowired
    RateLimits limits;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    Members accounts;

    @Autowired
    Mailer mailer;

    @Autowired
    GraphProperties properties;

    private HttpDevice signedUp(String handle) throws Exception {
        TestMembers.signUpOverHttp(baseUrl(), TestMembers.newMember(handle).named("Inès 🦽"));
        return new HttpDevice(baseUrl(), FIREFOX_ANDROID).signIn(handle + "@example.org", TestMembers.PASSWORD);
    }

    private static void saveNeeds(HttpDevice device, String... needs) throws Exception {
        var page = device.get("/account/needs");
        List<String> fields = new ArrayList<>();
        for (String need : needs) {
            fields.add("needs");
            fields.add(need);
        }
        fields.addAll(List.of("note", "Je me fatigue vite", "consent", "yes"));
        var done = device.post("/account/needs", page.body(), fields.toArray(String[]::new));
        assertThat(done.statusCode()).isEqualTo(302);
    }

    /** Asks for the archive on the page; returns the page after the redirect. */
    private static String ask(HttpDevice device) throws Exception {
        var page = device.get("/account/data");
        var done = device.post("/account/data", page.body());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith("/account/data");
        return device.get("/account/data").body();
    }

    /** Polls the status the page's script reads until no archive is in preparation (bounded: a minute). */
    private static String awaitFinished(HttpDevice device) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(giveUp)) {
            var response = json(device, "/account/data/status.json");
            assertThat(response.statusCode()).isEqualTo(200);
            String status = response.body();
            if (!status.contains("\"preparing\"")) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The archive was still being prepared after a minute");
    }

    /** A GET as the page's script makes it (asking for JSON), with the device's session. */
    private static HttpResponse<String> json(HttpDevice device, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(device.base() + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Cookie", "RAMPE_SESSION=" + device.cookie("RAMPE_SESSION"));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String linkOn(String page) {
        var m = ARCHIVE_LINK.matcher(page);
        assertThat(m.find()).as("a download link on the page").isTrue();
        return m.group(1);
    }

    private static HttpResponse<byte[]> download(HttpDevice device, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(device.base() + path)).timeout(Duration.ofSeconds(30));
        String cookie = device.cookie("RAMPE_SESSION");
        if (cookie != null) {
            request.header("Cookie", "RAMPE_SESSION=" + cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aMemberAsksForTheirArchiveAndDownloadsWhatTheyDid() throws Exception {
        var ines = signedUp("ines");
        String id = members.idOf("ines");
        saveNeeds(ines, "wheelchair", "hearing");
        saveNeeds(ines, "wheelchair", "hearing");
        saveNeeds(ines, "vision");
        var withdrawPage = ines.get("/account/needs");
        assertThat(ines.post("/account/needs/withdraw", withdrawPage.body()).statusCode()).isEqualTo(302);
        saveNeeds(ines, "walking");
        graph.write("""
                MATCH (m:Member {id: $id}) SET m.passkeyUserHandle = 'handle-secret'
                CREATE (m)-[:HAS_PASSKEY]->(:Passkey {id: randomUUID(), credentialId: 'credential-secret', publicKey: [1, 2, 3],
                        name: 'Clé du téléphone', createdAt: datetime('2026-12-01T10:00:00Z'), transports: ['internal']})
                CREATE (m)-[:HAS_SIGN_IN_LINK]->(:SignInLink {hash: 'link-hash-secret', createdAt: datetime(),
                        expiresAt: datetime() + duration('PT15M')})""", Map.of("id", id));

        String page = ask(ines);
        assertThat(page).contains("Nous préparons votre archive.");
        awaitFinished(ines);
        page = ines.get("/account/data").body();
        assertThat(page).contains("Votre archive est prête.").contains("Disponible jusqu’au");

        var response = download(ines, linkOn(page));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/zip");
        String today = java.time.LocalDate.now(ZoneId.of("Europe/Paris")).toString();
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("rampe-archive-" + today + ".zip");
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

        var archive = TestArchives.read(response.body());
        assertThat(archive.files().keySet()).first().isEqualTo("README.txt");
        assertThat(archive.files().keySet()).contains("profile.json", "needs.json", "account-security.json");
        String text = archive.text("README.txt");
        assertThat(text.indexOf("RAMPE — VOS DONNÉES")).isGreaterThanOrEqualTo(0).isLessThan(text.indexOf("RAMPE — YOUR DATA"));
        for (String file : archive.files().keySet()) {
            if (file.endsWith(".json")) {
                assertThat(text).as("README section for " + file).contains("\n" + file + "\n");
            }
        }

        JsonNode profile = archive.json("profile.json").get("profile");
        assertThat(profile.get("id").asString()).isEqualTo(id);
        assertThat(profile.get("handle").asString()).isEqualTo("ines");
        assertThat(profile.get("displayName").asString()).isEqualTo("Inès 🦽");
        assertThat(profile.get("email").asString()).isEqualTo("ines@example.org");
        assertThat(profile.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(profile.has("passwordHash")).isFalse();
        assertThat(profile.has("passkeyUserHandle")).isFalse();

        JsonNode needs = archive.json("needs.json");
        assertThat(needs.get("needs").get("profiles").get(0).asString()).isEqualTo("walking");
        assertThat(needs.get("needs").get("note").asString()).isEqualTo("Je me fatigue vite");
        JsonNode history = needs.get("consentHistory");
        // Saved twice with the same needs: one consent; then other needs, a withdrawal, and a new consent.
        assertThat(history.size()).isEqualTo(4);
        List<Boolean> given = new ArrayList<>();
        history.forEach(c -> given.add(c.get("given").asBoolean()));
        assertThat(given).containsExactly(true, true, false, true);
        history.forEach(c -> assertThat(c.get("purpose").asString()).isEqualTo("access_needs"));
        // The needs before the withdrawal are erased from the history too; the consent after it covers walking.
        assertThat(history.get(0).get("needs").size()).isZero();
        assertThat(history.get(1).get("needs").size()).isZero();
        assertThat(history.get(3).get("needs").get(0).asString()).isEqualTo("walking");
        for (int i = 1; i < history.size(); i++) {
            assertThat(Instant.parse(history.get(i).get("at").asString())).isAfterOrEqualTo(Instant.parse(history.get(i - 1).get("at").asString()));
        }

        JsonNode security = archive.json("account-security.json");
        assertThat(security.get("passkeys").get(0).get("name").asString()).isEqualTo("Clé du téléphone");
        assertThat(security.get("passkeys").get(0).get("createdAt").asString()).isEqualTo("2026-12-01T10:00:00Z");
        List<String> browsers = new ArrayList<>();
        security.get("sessions").forEach(s -> browsers.add(s.get("browser").asString(null) + " " + s.get("system").asString(null)));
        assertThat(browsers).contains("Firefox Android");
        assertThat(security.get("signInLinks").size()).isEqualTo(1);
        assertThat(security.get("accountLinks").get(0).get("purpose").asString()).isEqualTo("verify-email");
        String raw = archive.text("account-security.json") + archive.text("profile.json");
        String tokenHash = graph.one("MATCH (:Member {id: $id})-[:HAS_TOKEN]->(t) RETURN t.hash AS h", Map.of("id", id),
                r -> r.get("h").asString()).orElseThrow();
        String passwordHash = graph.one("MATCH (m:Member {id: $id}) RETURN m.passwordHash AS h", Map.of("id", id),
                r -> r.get("h").asString()).orElseThrow();
        assertThat(raw).doesNotContain("credential-secret", "handle-secret", "link-hash-secret", tokenHash, passwordHash,
                ines.cookie("RAMPE_SESSION"), "publicKey");

        // The notification links to the page; an unverified address gets no mail.
        assertThat(ines.get("/notifications").body()).contains("Votre archive est prête").contains("href=\"/account/data\"");
        mail.deliverNow();
        assertThat(mail.received("ines@example.org")).noneMatch(m -> m.subject().contains("archive"));
    }

    @Test
    void onlyTheMemberWhoAskedCanDownloadTheArchive() throws Exception {
        var ines = signedUp("ines");
        ask(ines);
        awaitFinished(ines);
        String link = linkOn(ines.get("/account/data").body());

        var leo = signedUp("leo");
        assertThat(download(leo, link).statusCode()).isEqualTo(404);
        assertThat(download(ines, "/account/data/archives/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(download(ines, "/account/data/archives/not-an-id").statusCode()).isEqualTo(404);
        // A visitor is sent to sign in, never given the file.
        assertThat(download(new HttpDevice(baseUrl(), FIREFOX_ANDROID), link).statusCode()).isEqualTo(302);
        assertThat(download(ines, link).statusCode()).isEqualTo(200);
    }

    @Test
    void aVerifiedMemberIsToldByMailThatTheArchiveIsReady() throws Exception {
        var ines = signedUp("ines");
        members.verifyEmail("ines");
        ask(ines);
        awaitFinished(ines);
        // The first mail is the sign-up's (confirm the address); the second says the archive is ready.
        var ready = mail.await("ines@example.org", 2).stream().filter(m -> m.subject().equals("Votre archive Rampe est prête"))
                .findFirst().orElseThrow();
        assertThat(ready.text()).contains("/account/data").contains("7 jours");
    }

    @Test
    void afterSevenDaysTheArchiveIsGoneFileAndAll() throws Exception {
        var ines = signedUp("ines");
        ask(ines);
        awaitFinished(ines);
        String link = linkOn(ines.get("/account/data").body());
        String archiveId = link.substring(link.lastIndexOf('/') + 1);
        var file = archives.file(archiveId);
        assertThat(Files.exists(file)).isTrue();

        // Seven days later, as the clock would have it.
        graph.write("MATCH (a:Archive {id: $id}) SET a.expiresAt = datetime() - duration('PT1S'), a.readyAt = datetime() - duration('P7D')",
                Map.of("id", archiveId));
        assertThat(download(ines, link).statusCode()).isEqualTo(404);
        archives.purge();

        assertThat(graph.count("MATCH (a:Archive) RETURN count(a) AS n", Map.of())).isZero();
        assertThat(Files.exists(file)).isFalse();
        assertThat(ines.get("/account/data").body()).contains("Vous n’avez pas encore demandé d’archive.");
    }

    @Test
    void deletingAMembersArchivesForTheirErasureLeavesNeitherFileNorNode() throws Exception {
        var ines = signedUp("ines");
        ask(ines);
        awaitFinished(ines);
        String link = linkOn(ines.get("/account/data").body());
        var file = archives.file(link.substring(link.lastIndexOf('/') + 1));
        assertThat(Files.exists(file)).isTrue();

        archives.deleteAll(new MemberId(members.idOf("ines")));

        assertThat(Files.exists(file)).isFalse();
        assertThat(graph.count("MATCH (a:Archive) RETURN count(a) AS n", Map.of())).isZero();
    }

    @Test
    void aSecondRequestWhileOneIsBeingPreparedIsRefusedWithAClearMessage() throws Exception {
        var ines = signedUp("ines");
        String id = members.idOf("ines");
        graph.write("""
                MATCH (m:Member {id: $id})
                CREATE (m)-[:ASKED_FOR]->(:Archive {id: randomUUID(), status: 'preparing', requestedAt: datetime(), partsDone: 5, partsTotal: 14})""",
                Map.of("id", id));
        var page = ines.get("/account/data").body();
        assertThat(page).contains("parties sur 14 prêtes").contains("5 parties").contains("Actualiser la page")
                .doesNotContain("http-equiv=\"refresh\"");

        // The button is gone; a form posted anyway (an old tab) is refused in words.
        var csrf = HttpDevice.csrfOf(ines.get("/account/needs").body());
        var refused = ines.postWithToken("/account/data", csrf);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(ines.get("/account/data").body()).contains("Une archive est déjà en préparation");
        assertThat(graph.count("MATCH (a:Archive) RETURN count(a) AS n", Map.of())).isEqualTo(1);
    }

    @Test
    void aFourthArchiveTheSameDayIsRefusedWithTooManyRequests() throws Exception {
        var ines = signedUp("ines");
        for (int i = 0; i < MemberArchives.DAILY.capacity(); i++) {
            ask(ines);
            awaitFinished(ines);
        }
        var page = ines.get("/account/data");
        assertThat(ines.post("/account/data", page.body()).statusCode()).isEqualTo(429);
    }

    @Test
    void aPartThatFailsFailsTheArchiveAndLeavesNoFile() throws Exception {
        String id = members.create("ines");
        MemberData broken = new MemberData() {
            @Override
            public Coverage covers() {
                return new Coverage("broken", Set.of(), Set.of());
            }

            @Override
            public void export(MemberArchive archive) {
                archive.json("broken.json", json -> {
                    json.field("format", 1);
                    throw new IllegalStateException("a part that fails");
                });
            }

            @Override
            public void erase(Erasure erasure) {
            }
        };
        var withABrokenPart = new MemberArchives(archiveRepository, List.of(broken), readme, limits, events, accounts, mailer, properties);
        try {
            var asked = withABrokenPart.ask(new MemberId(id));
            String archiveId = ((MemberArchives.Asked.Started) asked).archive().id();
            Instant giveUp = Instant.now().plus(Duration.ofMinutes(1));
            while (archiveRepository.find(new MemberId(id), archiveId).orElseThrow().preparing() && Instant.now().isBefore(giveUp)) {
                Thread.sleep(50);
            }
            assertThat(archiveRepository.find(new MemberId(id), archiveId).orElseThrow().status()).isEqualTo("failed");
            assertThat(Files.exists(archives.file(archiveId))).isFalse();
            try (var left = Files.list(archives.file(archiveId).getParent())) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(archiveId));
            }
        } finally {
            withABrokenPart.stop();
        }
    }

    @Test
    void archivesLeftInPreparationByAStoppedInstanceAreMarkedFailed() throws Exception {
        var ines = signedUp("ines");
        graph.write("""
                MATCH (m:Member {handle: 'ines'})
                CREATE (m)-[:ASKED_FOR]->(:Archive {id: randomUUID(), status: 'preparing', requestedAt: datetime(), partsDone: 2, partsTotal: 14})""",
                Map.of());
        archives.failInterrupted();
        assertThat(graph.one("MATCH (a:Archive) RETURN a.status AS s", Map.of(), r -> r.get("s").asString())).contains("failed");
        var page = ines.get("/account/data").body();
        assertThat(page).contains("La préparation de cette archive a échoué").contains("Préparer mon archive");
    }

    @Test
    void theNeedsPageShowsTheConsentHistoryAndLinksToThePrivacyPage() throws Exception {
        var ines = signedUp("ines");
        saveNeeds(ines, "wheelchair");
        var withdrawPage = ines.get("/account/needs");
        ines.post("/account/needs/withdraw", withdrawPage.body());
        String page = ines.get("/account/needs").body();
        assertThat(page).contains("Historique de votre accord").contains("href=\"/privacy\"");
        assertThat(page).contains("<td>Donné</td>").contains("<td>Retiré</td>");
        assertThat(page.indexOf("<td>Donné</td>")).isLessThan(page.indexOf("<td>Retiré</td>"));
        // Withdrawn: the needs are nowhere, the history included.
        assertThat(graph.count("MATCH (c:ConsentEvent) WHERE size(c.needs) > 0 RETURN count(c) AS n", Map.of())).isZero();
        assertThat(ines.get("/account/data").body()).contains("href=\"/account/needs\"").contains("href=\"/privacy\"");
    }
}
