package org.rampe.places.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.graph.GraphProperties;
import org.rampe.images.Images;
import org.rampe.images.TestImages;
import org.rampe.places.PlaceId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

class PlacePhotosTest extends RampeTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PlacePhotos photos;

    @Autowired
    GraphProperties properties;

    String placeId;

    @BeforeEach
    void aPlace() {
        placeId = UUID.randomUUID().toString();
        graph.write("CREATE (:Place {id: $id, name: 'Café des Arts'})", Map.of("id", placeId));
    }

    MockMultipartHttpServletRequestBuilder upload(String place, String fileName, String declaredType, byte[] bytes) {
        var builder = multipart("/places/{id}/photos", place);
        builder.file(new MockMultipartFile("file", fileName, declaredType, bytes));
        builder.with(csrf());
        builder.param("alt", "Entrée avec une rampe fixe").param("group", "entrance").param("licence", "cc_by_sa_4")
                .param("caption", "Rampe côté rue");
        return builder;
    }

    String uploaded(MockHttpSession session, byte[] image) throws Exception {
        mvc.perform(upload(placeId, "photo.png", "image/png", image).session(session))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", Matchers.startsWith("/places/" + placeId + "#photo-")))
                .andExpect(flash().attribute("notice", "photo.added"));
        return graph.one("MATCH (ph:Photo) RETURN ph.id AS id", Map.of(), r -> r.get("id").asString()).orElseThrow();
    }

    Path storedFile(String photoId) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("photos").resolve(photoId + ".jpg");
    }

    long storedFileCount() throws java.io.IOException {
        try (var files = Files.list(storedFile(UUID.randomUUID().toString()).getParent())) {
            return files.count();
        }
    }

    /** Whether the radio button NAME=VALUE is checked, whatever the attribute layout. */
    static boolean checked(String html, String name, String value) {
        return java.util.regex.Pattern.compile("<input type=\"radio\" name=\"" + name + "\" id=\"[^\"]*\" value=\"" + value
                + "\"[^>]*checked=\"checked\"").matcher(html).find();
    }

    long photoCount() {
        return graph.count("MATCH (ph:Photo) RETURN count(ph) AS n", Map.of());
    }

    @Test
    void aValidPngIsReencodedToAJpegNoLargerThan2048PixelsStoredAndServedPublicly() throws Exception {
        var session = members.signUp("ana_b", "Name ana_b");
        String photoId = uploaded(session, TestImages.png(3000, 1500));

        var stored = graph.one("""
                MATCH (m:Member {handle: 'ana_b'})-[:TOOK]->(ph:Photo {id: $id})-[:SHOWS]->(p:Place {id: $placeId})
                RETURN ph.alt AS alt, ph.caption AS caption, ph.group AS group, ph.licence AS licence,
                       ph.width AS width, ph.height AS height, ph.hidden AS hidden, ph.createdAt IS NOT NULL AS dated""",
                               Map.of("id", photoId, "placeId", placeId), r -> r).orElseThrow();
        assertThat(stored.get("alt").asString()).isEqualTo("Entrée avec une rampe fixe");
        assertThat(stored.get("caption").asString()).isEqualTo("Rampe côté rue");
        assertThat(stored.get("group").asString()).isEqualTo("ENTRANCE");
        assertThat(stored.get("licence").asString()).isEqualTo("CC_BY_SA_4");
        assertThat(stored.get("width").asInt()).isEqualTo(2048);
        assertThat(stored.get("height").asInt()).isEqualTo(1024);
        assertThat(stored.get("hidden").asBoolean()).isFalse();
        assertThat(stored.get("dated").asBoolean()).isTrue();

        Path file = storedFile(photoId);
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");

        // Served to a visitor, with no session at all.
        byte[] served = mvc.perform(get("/places/{p}/photos/{ph}.jpg", placeId, photoId))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/jpeg"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Cache-Control", Matchers.containsString("max-age=86400")))
                .andExpect(header().string("Cache-Control", Matchers.containsString("public")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(served).isEqualTo(Files.readAllBytes(file));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(image.getWidth()).isEqualTo(2048);
        assertThat(image.getHeight()).isEqualTo(1024);
        // The transparent half was flattened onto white, not black.
        int rgb = image.getRGB(100, 500);
        assertThat((rgb >> 16) & 0xFF).isGreaterThan(240);
        assertThat(rgb & 0xFF).isGreaterThan(240);

        var listed = photos.of(new PlaceId(placeId));
        assertThat(listed).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo(photoId);
            assertThat(p.authorHandle()).isEqualTo("ana_b");
            assertThat(p.licence()).isEqualTo(Licence.CC_BY_SA_4);
            assertThat(p.groupKey()).isEqualTo("entrance");
        });
    }

    @Test
    void exifWithAGpsPositionAndCommentsAreGoneFromTheStoredFile() throws Exception {
        byte[] original = TestImages.jpegWithGpsExif(640, 480);
        // The test image really carries what must disappear, and ImageIO still reads it.
        assertThat(TestImages.jpegSegments(original)).contains(0xE1, 0xFE);
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).contains("Exif", TestImages.GPS_MARKER);
        assertThat(ImageIO.read(new ByteArrayInputStream(original))).isNotNull();

        String photoId = uploaded(members.signUp("ana_b", "Name ana_b"), original);

        byte[] stored = Files.readAllBytes(storedFile(photoId));
        assertThat(TestImages.jpegSegments(stored)).doesNotContain(0xE1, 0xE2, 0xED, 0xFE).contains(0xDA);
        String text = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exif").doesNotContain(TestImages.GPS_MARKER).doesNotContain("http://ns.adobe.com");
    }

    @Test
    void aTextFileNamedLikeAJpegIsRefusedWithAClearMessage() throws Exception {
        var session = members.signUp("ana_b", "Name ana_b");
        long filesBefore = storedFileCount();
        mvc.perform(upload(placeId, "photo.jpg", "image/jpeg", "Bonjour, je ne suis pas une image.".getBytes(StandardCharsets.UTF_8))
                        .session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Ajouter une photo – Rampe</title>"),
                        Matchers.containsString("Ce fichier n’est pas une image JPEG, PNG ou GIF"),
                        Matchers.containsString("href=\"#file\""),
                        Matchers.containsString("aria-describedby=\"file-hint file-error\""))));
        assertThat(photoCount()).isZero();
        assertThat(storedFileCount()).isEqualTo(filesBefore);
    }

    @Test
    void webpIsRefusedWithItsOwnExplanation() throws Exception {
        mvc.perform(upload(placeId, "photo.webp", "image/webp", TestImages.webpHeader()).session(members.signUp("ana_b", "Name ana_b")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Les images WebP ne sont pas encore acceptées")));
        assertThat(photoCount()).isZero();
    }

    @Test
    void withoutAltTextTheFormComesBackWithEverythingTypedAndAskForTheFileAgain() throws Exception {
        var request = multipart("/places/{id}/photos", placeId);
        request.file(new MockMultipartFile("file", "photo.png", "image/png", TestImages.png(40, 30)));
        request.with(csrf()).session(members.signUp("ana_b", "Name ana_b"))
                .param("alt", "   ").param("group", "toilets").param("licence", "cc0").param("caption", "Barre d’appui à gauche");
        String html = mvc.perform(request)
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Erreur : Ajouter une photo – Rampe</title>"),
                        Matchers.containsString("Décrivez ce que montre la photo."),
                        Matchers.containsString("href=\"#alt\""),
                        Matchers.containsString("Choisissez de nouveau la photo"),
                        Matchers.containsString("aria-invalid=\"true\""),
                        Matchers.containsString("value=\"Barre d’appui à gauche\""))))
                .andReturn().getResponse().getContentAsString();
        assertThat(checked(html, "group", "toilets")).isTrue();
        assertThat(checked(html, "licence", "cc0")).isTrue();
        assertThat(checked(html, "licence", "cc_by_sa_4")).isFalse();
        assertThat(photoCount()).isZero();
    }

    @Test
    void theFormStatesTheDefaultLicenceAndOffersTheOthers() throws Exception {
        String html = mvc.perform(get("/places/{id}/photos/new", placeId).session(members.signUp("ana_b", "Name ana_b")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.allOf(
                        Matchers.containsString("<title>Ajouter une photo – Rampe</title>"),
                        Matchers.containsString("enctype=\"multipart/form-data\""),
                        Matchers.containsString("value=\"cc_by_4\""),
                        Matchers.containsString("value=\"cc0\""),
                        Matchers.containsString("Par défaut, vous la publiez sous licence CC BY-SA 4.0"),
                        Matchers.containsString("https://creativecommons.org/licenses/by-sa/4.0/"))))
                .andReturn().getResponse().getContentAsString();
        assertThat(checked(html, "licence", "cc_by_sa_4")).isTrue();
        assertThat(checked(html, "licence", "cc0")).isFalse();
    }

    @Test
    void aHeaderAnnouncing41MegapixelsIsRefusedBeforeAnyPixelIsDecoded() throws Exception {
        byte[] bomb = TestImages.pngHeaderOnly(8200, 5000);
        // Decoding would fail on the missing pixel data: "too many pixels" proves only the header was read.
        var refused = catchThrowableOfType(Images.Refused.class, () -> Images.clean(bomb));
        assertThat(refused.code()).isEqualTo("photo.file.tooManyPixels");
        // Just under the limit, the same truncated file gets as far as decoding, and fails there.
        var truncated = catchThrowableOfType(Images.Refused.class, () -> Images.clean(TestImages.pngHeaderOnly(200, 100)));
        assertThat(truncated.code()).isEqualTo("photo.file.notImage");

        mvc.perform(upload(placeId, "huge.png", "image/png", bomb).session(members.signUp("ana_b", "Name ana_b")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("L’image dépasse 40 mégapixels")));
        assertThat(photoCount()).isZero();
    }

    @Test
    void aVisitorCannotUploadAndIsSentToSignIn() throws Exception {
        mvc.perform(upload(placeId, "photo.png", "image/png", TestImages.png(40, 30)))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/signin"));
        mvc.perform(get("/places/{id}/photos/new", placeId))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/signin"));
        assertThat(photoCount()).isZero();
    }

    @Test
    void anUnknownOrMalformedPlaceIsNotFound() throws Exception {
        var session = members.signUp("ana_b", "Name ana_b");
        mvc.perform(get("/places/{id}/photos/new", UUID.randomUUID().toString()).session(session))
                .andExpect(status().isNotFound());
        mvc.perform(get("/places/not-a-place/photos/new").session(session))
                .andExpect(status().isNotFound());
        mvc.perform(upload(UUID.randomUUID().toString(), "photo.png", "image/png", TestImages.png(40, 30)).session(session))
                .andExpect(status().isNotFound());
        mvc.perform(get("/places/{p}/photos/{ph}.jpg", placeId, UUID.randomUUID().toString()))
                .andExpect(status().isNotFound());
        assertThat(photoCount()).isZero();
    }

    @Test
    void aHiddenPhotoIsNeitherServedNorListed() throws Exception {
        String photoId = uploaded(members.signUp("ana_b", "Name ana_b"), TestImages.png(40, 30));
        graph.write("MATCH (ph:Photo {id: $id}) SET ph.hidden = true", Map.of("id", photoId));

        mvc.perform(get("/places/{p}/photos/{ph}.jpg", placeId, photoId)).andExpect(status().isNotFound());
        assertThat(photos.of(new PlaceId(placeId))).isEmpty();
    }

    @Test
    void reportingTwiceKeepsOneReportPerMember() throws Exception {
        String photoId = uploaded(members.signUp("ana_b", "Name ana_b"), TestImages.png(40, 30));
        var reporter = members.signUp("bo_c", "Name bo_c");
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/places/{p}/photos/{ph}/report", placeId, photoId).with(csrf()).session(reporter)
                            .param("reason", "personal_data").param("text", "Une plaque lisible").param("returnTo", "/places/" + placeId))
                    .andExpect(status().isFound())
                    .andExpect(redirectedUrl("/places/" + placeId + "#photo-" + photoId))
                    .andExpect(flash().attribute("notice", "photo.report.thanks"));
        }
        var report = graph.one("""
                MATCH (:Member {handle: 'bo_c'})-[:REPORTED]->(r:PhotoReport)-[:ABOUT]->(:Photo {id: $id})
                RETURN count(r) AS n, collect(r)[0] AS r""", Map.of("id", photoId), r -> r).orElseThrow();
        assertThat(report.get("n").asLong()).isEqualTo(1);
        var r = report.get("r").asNode();
        assertThat(r.get("reason").asString()).isEqualTo("PERSONAL_DATA");
        assertThat(r.get("text").asString()).isEqualTo("Une plaque lisible");
        assertThat(r.get("status").asString()).isEqualTo("open");
        assertThat(r.get("id").asString()).isNotBlank();

        // Another member's report is a second one; "other" without a word is refused.
        mvc.perform(post("/places/{p}/photos/{ph}/report", placeId, photoId).with(csrf())
                        .session(members.signUp("cy_d", "Name cy_d")).param("reason", "offensive"))
                .andExpect(flash().attribute("notice", "photo.report.thanks"));
        mvc.perform(post("/places/{p}/photos/{ph}/report", placeId, photoId).with(csrf())
                        .session(members.signUp("di_e", "Name di_e")).param("reason", "other"))
                .andExpect(flash().attribute("notice", "photo.report.invalid"));
        long reports = graph.count("MATCH (r:PhotoReport) RETURN count(r) AS n", Map.of());
        assertThat(reports).isEqualTo(2);
        // A visitor must sign in first.
        mvc.perform(post("/places/{p}/photos/{ph}/report", placeId, photoId).with(csrf()).param("reason", "offensive"))
                .andExpect(redirectedUrl("/signin"));
    }

    @Test
    void theGalleryGroupsPhotosUnderHeadingsWithAltTextCreditAndLicence() throws Exception {
        var session = members.signUp("ana_b", "Name ana_b");
        uploaded(session, TestImages.png(40, 30));
        String html = mvc.perform(get("/test/photos/{p}", placeId).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html)
                .contains("<h2 id=\"photos-heading\">Photos</h2>")
                .contains("<h3 id=\"photos-entrance\">Entrée</h3>")
                .doesNotContain("photos-toilets")
                .contains("alt=\"Entrée avec une rampe fixe\"")
                .contains("Photo : @ana_b,")
                .contains("href=\"https://creativecommons.org/licenses/by-sa/4.0/\"")
                .contains("Signaler cette photo")
                .contains("/places/" + placeId + "/photos/new");
    }
}
