package org.rampe.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.rampe.images.TestImages;
import org.rampe.messaging.Messaging;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

/**
 * The image of a reported chat message, for the moderators who judge the case (who are not
 * participants of the conversation): shown in the queue with its alt text, served by the case's
 * route to whoever sees the case and to no one else, and said to be gone once its message is.
 */
class ModerationMessageImageTest extends ModerationTestSupport {

    @Autowired
    Messaging messaging;

    MockHttpServletResponse page(String path, MockHttpSession session) throws Exception {
        var request = get(path);
        if (session != null) {
            request = request.session(session);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    Document queue(String path, MockHttpSession session) throws Exception {
        return queue(path, session, "fr");
    }

    /** A queue page in the language chosen by the language cookie. */
    Document queue(String path, MockHttpSession session, String language) throws Exception {
        var r = mvc.perform(get(path).session(session).cookie(new jakarta.servlet.http.Cookie("rampe_lang", language)))
                .andReturn().getResponse();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return Jsoup.parse(r.getContentAsString());
    }

    /** Sends through the composer without JavaScript (an image when {@code png} is given); the message's id. */
    String send(MockHttpSession session, String conversation, String clientId, String text, byte[] png, String alt) throws Exception {
        var request = multipart("/messages/" + conversation).with(csrf()).session(session)
                .param("clientId", clientId).param("text", text).param("alt", alt);
        if (png != null) {
            request = request.file(new MockMultipartFile("image", "photo.png", "image/png", png));
        }
        assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).isEqualTo(302);
        return string("MATCH (x:Message) WHERE x.clientKey ENDS WITH $k RETURN x.id", "k", ":" + clientId);
    }

    String imageOf(String message) {
        return string("MATCH (:Message {id: $m})-[:HAS_IMAGE]->(i:Image) RETURN i.id", "m", message);
    }

    /** Ana starts a direct conversation with Léo from his profile; its id. */
    String direct(MockHttpSession ana) throws Exception {
        everyoneTakesMessages();
        var r = mvc.perform(post("/members/leo/message").with(csrf()).session(ana)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        return r.getRedirectedUrl().substring("/messages/".length());
    }

    @Test
    void theAdministratorsSeeTheImageOfAReportedDirectMessageAndNoOneElseReachesItThroughTheCase() throws Exception {
        var ana = members.signUp("ana");
        var leo = members.signUp("leo");
        var zoe = members.signUp("zoe");
        var admin = members.signUp(ADMIN_HANDLE);
        String c = direct(ana);
        String m = send(ana, c, "img-1", "Regarde ça", TestImages.png(40, 30), "Un geste obscène");
        assertThat(report(leo, "message", m, "harassment", "L’image est insultante")).isEqualTo("/report/received");
        String caseId = caseAbout(m);
        String route = "/moderation/cases/" + caseId + "/image.jpg";

        var item = queue("/moderation", admin).getElementById("case-" + caseId);
        var img = item.selectFirst("figure.case-image img");
        assertThat(img.attr("alt")).isEqualTo("Un geste obscène");
        assertThat(img.attr("src")).isEqualTo(route);
        assertThat(img.attr("width")).isEqualTo("40");
        assertThat(img.attr("height")).isEqualTo("30");
        assertThat(item.selectFirst("figure.case-image figcaption").text()).isEqualTo("Image jointe au message signalé.");
        assertThat(item.selectFirst("blockquote.quoted").text()).contains("Regarde ça");
        assertThat(item.selectFirst(".case-image-gone")).isNull();

        var served = page(route, admin);
        assertThat(served.getStatus()).isEqualTo(200);
        assertThat(served.getContentType()).isEqualTo("image/jpeg");
        assertThat(served.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.getHeader("Cache-Control")).contains("private");
        var participants = page("/messages/images/" + imageOf(m) + ".jpg", leo);
        assertThat(participants.getStatus()).isEqualTo(200);
        assertThat(served.getContentAsByteArray()).as("the same JPEG as the participants'").isEqualTo(participants.getContentAsByteArray());
        assertThat(page("/messages/images/" + imageOf(m) + ".jpg", admin).getStatus())
                .as("the messages' route stays for participants").isEqualTo(404);

        // A member who does not see the case: neither the image nor the queue, as before.
        assertThat(page(route, zoe).getStatus()).isEqualTo(404);
        assertThat(page("/moderation", zoe).getStatus()).isEqualTo(403);
        // The participants keep their own route, not the moderators'.
        assertThat(page(route, leo).getStatus()).as("the reporter").isEqualTo(404);
        assertThat(page(route, ana).getStatus()).as("the author").isEqualTo(404);
        var anonymous = page(route, null);
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).contains("/signin");
        // A moderator of some group does not judge a direct conversation.
        String g = group("Autre groupe", "public", false, "");
        memberOf("zoe", g, "moderator");
        assertThat(page(route, zoe).getStatus()).isEqualTo(404);
        // Malformed and unknown ids.
        assertThat(page("/moderation/cases/not-an-id/image.jpg", admin).getStatus()).isEqualTo(404);
        assertThat(page("/moderation/cases/00000000-0000-0000-0000-000000000000/image.jpg", admin).getStatus()).isEqualTo(404);

        // Once decided, the case leaves the queue and its route with it.
        assertThat(decide(admin, caseId, "warn", null)).isEqualTo(302);
        assertThat(page(route, admin).getStatus()).isEqualTo(404);
    }

    @Test
    void theGroupsModeratorsSeeTheImageOfAGroupChatMessageAndItsAbsenceOnceDeleted() throws Exception {
        var ana = members.signUp("ana");
        var leo = members.signUp("leo");
        var mia = members.signUp(newMember("mia").speaking("en"));
        var zoe = members.signUp("zoe");
        var admin = members.signUp(ADMIN_HANDLE);
        String g = group("Parents autisme", "public", false, "1. Bienveillance.");
        memberOf("ana", g, "member");
        memberOf("leo", g, "member");
        memberOf("mia", g, "moderator");
        String c = messaging.groupChat(members.idOf("ana"), g).id();
        String m = send(ana, c, "img-g", "", TestImages.png(20, 20), "Une affiche");
        // An alt text emptied since (as older data may have it): the moderators are told in words.
        cypher("MATCH (:Message {id: $m})-[:HAS_IMAGE]->(i:Image) SET i.alt = ''", "m", m);
        assertThat(report(leo, "message", m, "hate", "")).isEqualTo("/report/received");
        String caseId = caseAbout(m);
        String route = "/moderation/cases/" + caseId + "/image.jpg";

        var item = queue("/moderation/groups/" + g, mia, "en").getElementById("case-" + caseId);
        assertThat(item.selectFirst("figure.case-image img").attr("alt")).isEqualTo("Image without a description");
        assertThat(item.selectFirst("figure.case-image figcaption").text())
                .isEqualTo("Image attached to the reported message. Its author did not describe it.");
        assertThat(page(route, mia).getStatus()).isEqualTo(200);
        assertThat(page(route, mia).getContentAsByteArray()).isEqualTo(page("/messages/images/" + imageOf(m) + ".jpg", leo).getContentAsByteArray());
        assertThat(queue("/moderation", admin).getElementById("case-" + caseId).selectFirst("figure.case-image img").attr("alt"))
                .isEqualTo("Image sans description");
        assertThat(page(route, admin).getStatus()).as("the site-wide queue holds every group's cases").isEqualTo(200);

        // A participant of the group chat who does not moderate the group, and a stranger to it.
        assertThat(page(route, leo).getStatus()).isEqualTo(404);
        assertThat(page("/moderation/groups/" + g, leo).getStatus()).isEqualTo(403);
        assertThat(page(route, zoe).getStatus()).isEqualTo(404);
        assertThat(page(route, ana).getStatus()).isEqualTo(404);

        // Its author deletes the message: its image (and file) are gone, the case says so.
        assertThat(mvc.perform(post("/messages/" + c + "/m/" + m + "/delete").with(csrf()).session(ana)).andReturn()
                .getResponse().getStatus()).isEqualTo(302);
        var gone = queue("/moderation/groups/" + g, mia, "en").getElementById("case-" + caseId);
        assertThat(gone.selectFirst("figure.case-image")).isNull();
        assertThat(gone.selectFirst(".case-image-gone").text()).isEqualTo("The reported message contained an image that is no longer available.");
        assertThat(queue("/moderation", admin).getElementById("case-" + caseId).selectFirst(".case-image-gone").text())
                .isEqualTo("Le message signalé contenait une image qui n’est plus disponible.");
        assertThat(page(route, mia).getStatus()).isEqualTo(404);
        assertThat(page(route, admin).getStatus()).isEqualTo(404);
        // But the report kept a copy (issue 17), which the case's moderators still see.
        var kept = gone.selectFirst(".case-then figure.case-snapshot-image img");
        assertThat(kept.attr("alt")).isEqualTo("Image without a description");
        String copy = kept.attr("src");
        assertThat(copy).startsWith("/moderation/cases/" + caseId + "/snapshots/");
        assertThat(page(copy, mia).getStatus()).isEqualTo(200);
        assertThat(page(copy, admin).getStatus()).isEqualTo(200);
        assertThat(page(copy, zoe).getStatus()).isEqualTo(404);
        assertThat(page(copy, leo).getStatus()).isEqualTo(404);
        assertThat(page(copy, ana).getStatus()).isEqualTo(404);
    }

    @Test
    void aCaseAboutATextMessageHasNoImageAndNoImageRoute() throws Exception {
        var ana = members.signUp("ana");
        var leo = members.signUp("leo");
        var admin = members.signUp(ADMIN_HANDLE);
        String c = direct(ana);
        String m = send(ana, c, "t-1", "Un message sans image", null, "");
        assertThat(report(leo, "message", m, "spam", "")).isEqualTo("/report/received");
        String caseId = caseAbout(m);

        var item = queue("/moderation", admin).getElementById("case-" + caseId);
        assertThat(item.selectFirst("blockquote.quoted").text()).contains("Un message sans image");
        assertThat(item.selectFirst("figure.case-image")).isNull();
        assertThat(item.selectFirst(".case-image-gone")).isNull();
        assertThat(page("/moderation/cases/" + caseId + "/image.jpg", admin).getStatus()).isEqualTo(404);
        // Nor has a case about a post.
        String post = writePost("ana", "Une publication", null);
        cypher("MATCH (l:Member {handle: 'leo'}), (a:Member {handle: 'ana'}) MERGE (l)-[:FOLLOWS {since: datetime()}]->(a)");
        assertThat(report(leo, "post", post, "spam", "")).isEqualTo("/report/received");
        assertThat(page("/moderation/cases/" + caseAbout(post) + "/image.jpg", admin).getStatus()).isEqualTo(404);
    }
}
