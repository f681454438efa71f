package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.rampe.XssCorpus;
import org.rampe.images.TestImages;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

/** Images in messages through the pages, without JavaScript (and the JSON answer with it): the composer, refusals, who sees them. */
class MessageImagesPagesTest extends MessagesPagesTestSupport {

    MockHttpServletResponse sendImage(MockHttpSession session, String path, String clientId, String text, byte[] file, String alt,
                                      String accept) throws Exception {
        var request = multipart(path).with(csrf()).session(session).param("clientId", clientId).param("text", text).param("alt", alt);
        if (file != null) {
            request = request.file(new MockMultipartFile("image", "photo.png", "image/png", file));
        }
        if (accept != null) {
            request = request.header("Accept", accept);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    long imageNodes() {
        return graph.count("MATCH (:Message)-[:HAS_IMAGE]->(i:Image) RETURN count(i)", Map.of());
    }

    @Test
    void theComposerSendsAnImageWithItsAltTextWithoutJavaScript() throws Exception {
        String c = direct();
        String form = page("/messages/" + c, ana).getContentAsString();
        var composer = Jsoup.parse(form).selectFirst("form#composer");
        assertThat(composer.attr("enctype")).isEqualTo("multipart/form-data");
        assertThat(composer.selectFirst("label[for=message-image]").text()).isEqualTo("Image (facultatif)");
        assertThat(composer.selectFirst("input#message-image").attr("type")).isEqualTo("file");
        assertThat(composer.selectFirst("input#message-image").attr("aria-describedby")).isEqualTo("message-image-hint");
        assertThat(composer.selectFirst("label[for=message-alt]").text()).isEqualTo("Description de l’image");
        assertThat(composer.selectFirst("textarea#message-alt").attr("aria-describedby")).isEqualTo("message-alt-hint");

        var sent = sendImage(ana, "/messages/" + c, "img-1", "Regarde", TestImages.png(40, 30), "Une rampe en bois", null);
        assertThat(sent.getStatus()).isEqualTo(302);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/messages/" + c + "#m-1");
        var again = sendImage(ana, "/messages/" + c, "img-1", "Regarde", TestImages.png(40, 30), "Une rampe en bois", null);
        assertThat(again.getRedirectedUrl()).as("a double submit").isEqualTo("/messages/" + c + "#m-1");
        assertThat(messages()).isEqualTo(1);
        assertThat(imageNodes()).isEqualTo(1);
        var imageOnly = sendImage(ana, "/messages/" + c, "img-2", "", TestImages.png(400, 300), "Une porte", null);
        assertThat(imageOnly.getRedirectedUrl()).isEqualTo("/messages/" + c + "#m-2");
        assertThat(Jsoup.parse(page("/messages", leo).getContentAsString()).selectFirst(".conversation-excerpt").text())
                .as("an image alone in the list's excerpt").isEqualTo("Ana : image : Une porte");

        var doc = Jsoup.parse(page("/messages/" + c, leo).getContentAsString());
        var img = doc.selectFirst("#m-1 .message-image a img");
        assertThat(img.attr("alt")).isEqualTo("Une rampe en bois");
        assertThat(img.attr("width")).isEqualTo("40");
        assertThat(img.attr("height")).isEqualTo("30");
        assertThat(img.attr("src")).matches("/messages/images/[0-9a-f-]{36}\\.jpg");
        assertThat(img.parent().attr("href")).isEqualTo(img.attr("src"));
        assertThat(img.parent().text()).isEqualTo("(ouvrir l’image en taille réelle)");
        assertThat(doc.selectFirst("#m-1 .message-text").text()).isEqualTo("Regarde");
        assertThat(doc.selectFirst("#m-2 .message-text")).as("an image alone has no empty text block").isNull();
        assertThat(doc.selectFirst("#m-2 .message-image img").attr("alt")).isEqualTo("Une porte");

        String src = img.attr("src");
        var served = page(src, leo);
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getContentType()).isEqualTo("image/jpeg");
        assertThat(served.getHeader("Cache-Control")).contains("private");
        assertThat(served.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.getContentAsByteArray()[1] & 0xff).isEqualTo(0xd8);
        assertThat(page(src, ana).getStatus()).isEqualTo(200);
        assertThat(page(src, zoe).getStatus()).as("not a participant").isEqualTo(404);
        var anonymous = page(src, null);
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).contains("/signin");
        String imageId = src.substring("/messages/images/".length(), src.length() - ".jpg".length());
        assertThat(page("/images/" + imageId + ".jpg", leo).getStatus()).as("the post images' route").isEqualTo(404);
        assertThat(page("/images/" + imageId + ".jpg", null).getStatus()).isEqualTo(404);
        assertThat(page("/messages/images/not-an-id.jpg", leo).getStatus()).isEqualTo(404);
        assertThat(page("/messages/images/00000000-0000-0000-0000-000000000000.jpg", leo).getStatus()).isEqualTo(404);

        // the edit form changes the text only, and says so
        String m1 = messaging.history(members.idOf("ana"), c, null, 10).getFirst().id();
        assertThat(page("/messages/" + c + "/m/" + m1 + "/edit", ana).getContentAsString())
                .contains("La modification ne change que le texte : l’image reste.");
    }

    @Test
    void aRefusedImageSaysWhyKeepsTheTextAndAsksForTheFileAgain() throws Exception {
        String c = direct();
        var notImage = sendImage(ana, "/messages/" + c, "bad-1", "Mon texte gardé", "GIF89a? pas vraiment".getBytes(StandardCharsets.UTF_8),
                "Un plan", null);
        assertThat(notImage.getStatus()).isEqualTo(200);
        var doc = Jsoup.parse(notImage.getContentAsString());
        assertThat(doc.title()).startsWith("Erreur :");
        assertThat(doc.selectFirst(".error-summary a").attr("href")).isEqualTo("#message-image");
        assertThat(doc.selectFirst(".error-summary a").text()).isEqualTo("Ce fichier n’est pas une image JPEG, PNG ou GIF. Choisissez une image dans l’un de ces formats.");
        assertThat(doc.selectFirst(".error-summary").text()).contains("choisissez de nouveau l’image");
        assertThat(doc.selectFirst("textarea#message-text").text()).isEqualTo("Mon texte gardé");
        assertThat(doc.selectFirst("textarea#message-text").hasAttr("aria-invalid")).as("the text is not what is wrong").isFalse();
        assertThat(doc.selectFirst("textarea#message-alt").text()).isEqualTo("Un plan");
        var file = doc.selectFirst("input#message-image");
        assertThat(file.attr("aria-invalid")).isEqualTo("true");
        assertThat(file.attr("aria-describedby")).isEqualTo("message-image-hint message-image-error message-image-again");
        assertThat(doc.selectFirst("#message-image-error").text()).startsWith("Erreur :");

        var noAlt = Jsoup.parse(sendImage(ana, "/messages/" + c, "bad-2", "Sans description", TestImages.png(20, 20), "  ", null)
                .getContentAsString());
        assertThat(noAlt.selectFirst(".error-summary a").attr("href")).isEqualTo("#message-alt");
        assertThat(noAlt.selectFirst("#message-alt-error").text()).contains("Écrivez la description de l’image.");
        assertThat(noAlt.selectFirst("textarea#message-alt").attr("aria-invalid")).isEqualTo("true");
        assertThat(noAlt.selectFirst("textarea#message-alt").attr("aria-describedby")).isEqualTo("message-alt-hint message-alt-error");
        assertThat(noAlt.selectFirst("textarea#message-text").text()).isEqualTo("Sans description");
        assertThat(messages()).isZero();
        assertThat(imageNodes()).isZero();

        // with JavaScript: the same refusal in JSON, in the member's language, naming the field
        String adhoc = messaging.startAdhoc(members.idOf("zoe"), "", java.util.List.of("ana")).id();
        var json = mvc.perform(multipart("/messages/" + adhoc + "/send").file(new MockMultipartFile("image", "a.png", "image/png",
                        TestImages.png(20, 20))).with(csrf()).session(zoe).cookie(new jakarta.servlet.http.Cookie("rampe_lang", "en"))
                .param("clientId", "js-1").param("text", "Hello").param("alt", " ").header("Accept", "application/json"))
                .andReturn().getResponse();
        assertThat(json.getStatus()).isEqualTo(422);
        assertThat(json.getContentType()).startsWith("application/json");
        assertThat(json.getContentAsString()).contains("\"field\":\"alt\"")
                .contains("Write the description of the image.").contains("\"clientId\":\"js-1\"");
        var ok = sendImage(zoe, "/messages/" + adhoc + "/send", "js-1", "Hello", TestImages.png(20, 20), "A lift", "application/json");
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(ok.getContentAsString()).contains("\"seq\":1").contains("\"duplicate\":false").contains("\"clientId\":\"js-1\"");
        var resent = sendImage(zoe, "/messages/" + adhoc + "/send", "js-1", "Hello", TestImages.png(20, 20), "A lift", "application/json");
        assertThat(resent.getContentAsString()).contains("\"seq\":1").contains("\"duplicate\":true");
        assertThat(imageNodes()).isEqualTo(1);
        assertThat(sendImage(leo, "/messages/" + adhoc + "/send", "js-2", "Intrus", TestImages.png(20, 20), "x", "application/json")
                .getStatus()).isEqualTo(404);
        assertThat(mvc.perform(multipart("/messages/" + adhoc + "/send").session(zoe).param("clientId", "js-3").param("text", "sans jeton"))
                .andReturn().getResponse().getStatus()).as("CSRF required").isEqualTo(403);
    }

    @Test
    void anImageIsServedOnlyToCurrentParticipantsWhoSeeItsAuthor() throws Exception {
        var mia = members.signUp("mia");
        everyoneTakesMessages();
        String c = messaging.startAdhoc(members.idOf("ana"), "Sortie", java.util.List.of("leo", "zoe", "mia")).id();
        assertThat(sendImage(zoe, "/messages/" + c, "z1", "", TestImages.png(20, 20), "La vue", null).getStatus()).isEqualTo(302);
        String src = Jsoup.parse(page("/messages/" + c, ana).getContentAsString()).selectFirst(".message-image img").attr("src");
        for (var member : java.util.List.of(ana, leo, zoe, mia)) {
            assertThat(page(src, member).getStatus()).isEqualTo(200);
        }
        social.block(members.idOf("leo"), members.idOf("zoe"));
        assertThat(page(src, leo).getStatus()).as("blocks its author").isEqualTo(404);
        assertThat(page("/messages/" + c, leo).getContentAsString()).doesNotContain(src);
        social.block(members.idOf("zoe"), members.idOf("mia"));
        assertThat(page(src, mia).getStatus()).as("blocked by its author").isEqualTo(404);
        assertThat(mvc.perform(post("/messages/" + c + "/leave").with(csrf()).session(ana)).andReturn().getResponse().getStatus()).isEqualTo(302);
        assertThat(page(src, ana).getStatus()).as("left the conversation").isEqualTo(404);
        assertThat(page(src, zoe).getStatus()).isEqualTo(200);
        // deleted with its message
        String m = messaging.history(members.idOf("zoe"), c, null, 1).getFirst().id();
        assertThat(mvc.perform(post("/messages/" + c + "/m/" + m + "/delete").with(csrf()).session(zoe)).andReturn().getResponse()
                .getStatus()).isEqualTo(302);
        assertThat(page(src, zoe).getStatus()).isEqualTo(404);
        assertThat(imageNodes()).isZero();
    }

    @Test
    void hostileAltTextsAreInert() throws Exception {
        String c = direct();
        int n = 0;
        for (String hostile : XssCorpus.strings()) {
            forgetLimits();
            String alt = hostile.codePoints().limit(MessageImages.MAX_ALT).collect(StringBuilder::new, StringBuilder::appendCodePoint,
                    StringBuilder::append).toString();
            if (MessageImages.alt(alt).isEmpty()) {
                continue;
            }
            assertThat(sendImage(ana, "/messages/" + c, "h" + n++, "", TestImages.png(8, 8), alt, null).getStatus()).as(hostile).isEqualTo(302);
            String m = messaging.history(members.idOf("ana"), c, null, 1).getFirst().id();
            for (String path : new String[] {"/messages/" + c, "/messages/" + c + "/m/" + m + "/edit", "/messages"}) {
                var response = page(path, ana);
                assertThat(response.getStatus()).as(path).isEqualTo(200);
                assertThat(XssCorpus.activeContent(response.getContentAsString())).as(path + " with " + hostile).isEmpty();
            }
            // refused (not an image) and drawn again with the hostile description kept
            var refused = sendImage(ana, "/messages/" + c, "r" + n, hostile, "nope".getBytes(StandardCharsets.UTF_8), alt, null);
            assertThat(refused.getStatus()).isEqualTo(200);
            assertThat(XssCorpus.activeContent(refused.getContentAsString())).as("refused " + hostile).isEmpty();
        }
        assertThat(n).isPositive();
    }
}
