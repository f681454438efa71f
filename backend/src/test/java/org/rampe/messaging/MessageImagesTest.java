package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.graph.GraphProperties;
import org.rampe.images.ImageStore;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;

/** Images in messages, on the real embedded Neo4j and image store: cleaned, described, kept once, deleted, seen by readers only. */
class MessageImagesTest extends MessagingTestSupport {

    @Autowired
    MessageImages images;

    @Autowired
    ImageStore store;

    @Autowired
    GraphProperties graphProperties;

    static MockMultipartFile upload(byte[] bytes) {
        return new MockMultipartFile("image", "photo.png", "image/png", bytes);
    }

    long imageFiles() {
        try (var files = Files.list(graphProperties.dataDir().toAbsolutePath().normalize().resolve("photos"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jpg")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long imageNodes() {
        return count("MATCH (:Message)-[:HAS_IMAGE]->(i:Image) RETURN count(i)");
    }

    @Test
    void aMessageCarriesOneImageCleanedAsPostImagesWithItsAltText() {
        String c = direct();
        long files = imageFiles();
        Sent sent = images.send(ana, c, "img-1", "Regarde la rampe",
                upload(TestImages.jpegWithGpsExif(64, 48)), "  Une rampe\n en bois ");
        MessageImage image = sent.message().image();
        assertThat(image).isNotNull();
        assertThat(image.alt()).as("normalised on one line").isEqualTo("Une rampe en bois");
        assertThat(image.width()).isEqualTo(64);
        assertThat(image.height()).isEqualTo(48);
        byte[] jpeg = store.get(image.id()).orElseThrow();
        assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
        assertThat(jpeg[1] & 0xff).as("re-encoded as JPEG").isEqualTo(0xd8);
        assertThat(new String(jpeg, StandardCharsets.ISO_8859_1)).as("metadata stripped").doesNotContain(TestImages.GPS_MARKER);
        assertThat(imageFiles()).isEqualTo(files + 1);
        assertThat(count("MATCH (:Message {id: $id})-[:HAS_IMAGE]->(i:Image {alt: 'Une rampe en bois', width: 64, height: 48}) RETURN count(i)",
                "id", sent.message().id())).isEqualTo(1);
        assertThat(messaging.history(leo, c, null, 10).getFirst().image()).isEqualTo(image);
        assertThat(messaging.after(leo, c, 0, 10).getFirst().image()).isEqualTo(image);
        assertThat(((MessageSent) published.getFirst()).message().image()).as("the live push carries it").isEqualTo(image);
        assertThat(images.image(leo, image.id())).hasValueSatisfying(b -> assertThat(b).isEqualTo(jpeg));
        assertThat(images.image(zoe, image.id())).as("not a participant").isEmpty();
        assertThat(images.image(null, image.id())).isEmpty();
        // the text changes, the image stays
        assertThat(messaging.edit(ana, sent.message().id(), "Regarde la rampe, côté gare").image()).isEqualTo(image);
    }

    @Test
    void aMessageMayBeAnImageAloneButNeverNothing() {
        String c = direct();
        var m = images.send(ana, c, "only", " \n ", upload(TestImages.png(20, 10)), "Un chat").message();
        assertThat(m.text()).isEmpty();
        assertThat(m.html()).isEmpty();
        assertThat(m.image().alt()).isEqualTo("Un chat");
        assertRefused(() -> images.send(ana, c, "nothing", " ", null, ""), MessagingRefusal.EMPTY);
        assertRefused(() -> images.send(ana, c, "long", "é".repeat(5_001), upload(TestImages.png(8, 8)), "Trop"),
                MessagingRefusal.TOO_LONG);
        // its text can be emptied again (the image is the message); a text-only message cannot
        messaging.edit(ana, m.id(), "Légende");
        assertThat(messaging.edit(ana, m.id(), "  ").image()).isEqualTo(m.image());
        var text = messaging.send(ana, c, "text", "Du texte").message();
        assertRefused(() -> messaging.edit(ana, text.id(), " "), MessagingRefusal.EMPTY);
        assertThat(messages()).isEqualTo(2);
    }

    @Test
    void theAltTextIsRequiredAndLimitedAndABadFileIsRefusedWithNothingKept() {
        String c = direct();
        long files = imageFiles();
        assertRefused(() -> images.send(ana, c, "a", "Bonjour", upload(TestImages.png(8, 8)), " \n "), MessageImages.ALT_REQUIRED);
        assertRefused(() -> images.send(ana, c, "b", "Bonjour", upload(TestImages.png(8, 8)), "x".repeat(MessageImages.MAX_ALT + 1)),
                MessageImages.ALT_TOO_LONG);
        assertRefused(() -> images.send(ana, c, "c", "Bonjour", upload("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)), "Un dessin"),
                "messaging.image.notImage");
        assertRefused(() -> images.send(ana, c, "d", "Bonjour", upload(new byte[(int) MessageImages.MAX_BYTES + 1]), "Lourd"),
                MessageImages.TOO_LARGE);
        assertRefused(() -> images.send(ana, c, "e", "Bonjour", null, "Une description sans image"), MessageImages.ALT_WITHOUT_IMAGE);
        // refused after the file was kept (not a participant): the file goes again
        assertRefused(() -> images.send(zoe, c, "f", "Intrusion", upload(TestImages.png(8, 8)), "Une image"),
                MessagingRefusal.NOT_PARTICIPANT);
        assertThat(messages()).isZero();
        assertThat(imageNodes()).isZero();
        assertThat(imageFiles()).isEqualTo(files);
        assertThat(images.send(ana, c, "g", "", upload(TestImages.png(8, 8)), "x".repeat(MessageImages.MAX_ALT)).duplicate()).isFalse();
    }

    @Test
    void aResendOfTheSameClientIdKeepsOneImage() {
        String c = direct();
        long files = imageFiles();
        Sent first = images.send(ana, c, "dup", "Photo", upload(TestImages.png(30, 20)), "Une terrasse");
        Sent again = images.send(ana, c, "dup", "Photo", upload(TestImages.png(30, 20)), "Une terrasse");
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message().id()).isEqualTo(first.message().id());
        assertThat(messages()).isEqualTo(1);
        assertThat(imageNodes()).isEqualTo(1);
        assertThat(imageFiles()).as("the resend's file is removed").isEqualTo(files + 1);
        assertThat(store.get(first.message().image().id())).isPresent();
        assertThat(published).hasSize(1);
    }

    @Test
    void deletingAMessageRemovesItsImageNodeAndFile() {
        String c = direct();
        long files = imageFiles();
        var m = images.send(ana, c, "del", "Avant", upload(TestImages.png(30, 20)), "Une porte").message();
        messaging.delete(ana, m.id());
        assertThat(imageNodes()).isZero();
        assertThat(count("MATCH (i:Image {id: $id}) RETURN count(i)", "id", m.image().id())).isZero();
        assertThat(store.get(m.image().id())).isEmpty();
        assertThat(imageFiles()).isEqualTo(files);
        var after = messaging.history(leo, c, null, 10).getFirst();
        assertThat(after.deleted()).isTrue();
        assertThat(after.image()).isNull();
        assertThat(images.image(ana, m.image().id())).isEmpty();
    }

    @Test
    void anImageIsSeenOnlyByWhoMayReadItsMessageNow() {
        String c = messaging.startAdhoc(ana, "Sortie", List.of("leo", "zoe")).id();
        var fromZoe = images.send(zoe, c, "z", "", upload(TestImages.png(8, 8)), "La vue").message();
        String image = fromZoe.image().id();
        assertThat(images.image(ana, image)).isPresent();
        assertThat(images.image(leo, image)).isPresent();
        social.block(leo, zoe);
        assertThat(images.image(leo, image)).as("a member who blocks its author").isEmpty();
        assertThat(messaging.history(leo, c, null, 10)).isEmpty();
        assertThat(images.image(zoe, image)).isPresent();
        // hidden by moderators: its author only; removed: nobody
        graph.write("MATCH (x:Message {id: $id}) SET x.moderation = 'hidden'", Map.of("id", fromZoe.id()));
        assertThat(images.image(ana, image)).isEmpty();
        assertThat(messaging.history(ana, c, null, 10).getFirst().image()).isNull();
        assertThat(images.image(zoe, image)).isPresent();
        graph.write("MATCH (x:Message {id: $id}) SET x.moderation = 'removed'", Map.of("id", fromZoe.id()));
        assertThat(images.image(zoe, image)).isEmpty();
        graph.write("MATCH (x:Message {id: $id}) REMOVE x.moderation", Map.of("id", fromZoe.id()));
        assertThat(images.image(ana, image)).isPresent();
        messaging.leave(ana, c);
        assertThat(images.image(ana, image)).as("a member who left").isEmpty();
        // a post's image route never finds it: it only matches images of posts
        assertThat(count("MATCH (:Post)-[:HAS_IMAGE]->(i:Image {id: $id}) RETURN count(i)", "id", image)).isZero();
    }
}
