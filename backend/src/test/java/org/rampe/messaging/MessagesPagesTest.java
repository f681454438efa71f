package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.rampe.XssCorpus;

/** The messaging pages without JavaScript, through MockMvc: who may see what, the forms, PRG, errors. */
class MessagesPagesTest extends MessagesPagesTestSupport {

    @Test
    void everyRouteAnswersEachKindOfVisitorAsItShould() throws Exception {
        String c = direct();
        send(ana, c, "1", "Bonjour Léo");
        String message = messaging.history(members.idOf("ana"), c, null, 1).getFirst().id();

        // anonymous: sent to sign in (GET), refused without a session's CSRF token (POST)
        for (String path : new String[] {"/messages", "/messages/new", "/messages/settings", "/messages/" + c,
                "/messages/" + c + "/m/" + message + "/edit", "/groups/club/chat"}) {
            var r = page(path, null);
            assertThat(r.getStatus()).as(path).isEqualTo(302);
            assertThat(r.getRedirectedUrl()).as(path).contains("/signin");
        }
        assertThat(mvc.perform(post("/messages/" + c).param("clientId", "x").param("text", "anonyme")).andReturn()
                .getResponse().getStatus()).isIn(302, 403);

        // participants: the page; another member: not found, whatever they try
        assertThat(page("/messages/" + c, ana).getStatus()).isEqualTo(200);
        assertThat(page("/messages/" + c, leo).getStatus()).isEqualTo(200);
        assertThat(page("/messages/" + c, zoe).getStatus()).isEqualTo(404);
        assertThat(page("/messages/" + c + "?before=5", zoe).getStatus()).isEqualTo(404);
        assertThat(send(zoe, c, "z", "Intrusion").getStatus()).isEqualTo(404);
        assertThat(page("/messages/" + c + "/m/" + message + "/edit", zoe).getStatus()).isEqualTo(404);
        // The other participant sees the message but may not change it: 403 (architecture.md), not 404.
        assertThat(page("/messages/" + c + "/m/" + message + "/edit", leo).getStatus()).as("not his message").isEqualTo(403);
        assertThat(mvc.perform(post("/messages/" + c + "/m/" + message + "/delete").with(csrf()).session(leo)).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/messages/" + c + "/m/" + message + "/delete").with(csrf()).session(zoe)).andReturn()
                .getResponse().getStatus()).as("not a participant").isEqualTo(404);
        assertThat(mvc.perform(post("/messages/" + c + "/leave").with(csrf()).session(zoe)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/messages/" + c + "/mute").with(csrf()).session(zoe)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(page("/messages/not-an-id", ana).getStatus()).isEqualTo(404);
        assertThat(page("/messages/00000000-0000-0000-0000-000000000000", ana).getStatus()).isEqualTo(404);
        assertThat(page("/messages", zoe).getContentAsString()).doesNotContain("Bonjour Léo");
        assertThat(page("/report?kind=message&id=" + message, zoe).getStatus()).as("only a participant reports").isEqualTo(404);
        assertThat(page("/report?kind=message&id=" + message, ana).getStatus()).as("not one's own").isEqualTo(404);
        assertThat(page("/report?kind=message&id=" + message, leo).getStatus()).isEqualTo(200);
        assertThat(messages()).isEqualTo(1);

        // a blocked member: no new conversation (404, as an unknown handle: issue 17), the old one readable but closed to new messages
        social.block(members.idOf("leo"), members.idOf("ana"));
        assertThat(mvc.perform(post("/members/leo/message").with(csrf()).session(ana)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/members/ana/message").with(csrf()).session(leo)).andReturn().getResponse().getStatus()).isEqualTo(404);
        var closed = page("/messages/" + c, ana);
        assertThat(closed.getStatus()).isEqualTo(200);
        assertThat(closed.getContentAsString()).doesNotContain("id=\"composer\"").contains("l’un de vous a bloqué l’autre");
        var refused = send(ana, c, "2", "Et maintenant ?");
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString()).contains("Il y a un problème");
        assertThat(messages()).isEqualTo(1);
        assertThat(page("/members/leo", ana).getContentAsString()).doesNotContain("/members/leo/message");
        assertThat(page("/members/ana", ana).getContentAsString()).as("not to oneself").doesNotContain("/members/ana/message");
        assertThat(page("/members/zoe", ana).getContentAsString()).contains("/members/zoe/message");
    }

    @Test
    void theConversationPageFollowsTheMarkupContractAndMarksItRead() throws Exception {
        String c = direct();
        send(ana, c, "1", "Premier");
        send(ana, c, "2", "Second");
        assertThat(page("/messages", leo).getContentAsString()).contains("2 messages non lus");
        assertThat(page("/feed", leo).getContentAsString()).contains("id=\"nav-messages-unread\">, 2 non lus</span>")
                .as("no unread notification yet").doesNotContain("<span aria-hidden=\"true\">(");
        // Both header counts come from one statement (HeaderCounts): each keeps its own figure.
        social.follow(members.idOf("ana"), members.idOf("leo"));
        social.follow(members.idOf("zoe"), members.idOf("leo"));
        var header = org.jsoup.Jsoup.parse(page("/feed", leo).getContentAsString());
        assertThat(header.select("#nav-notifications-unread [aria-hidden=true]").text()).isEqualTo("(2)");
        assertThat(header.select("#nav-messages-unread").text()).isEqualTo(", 2 non lus");
        String html = page("/messages/" + c, leo).getContentAsString();
        assertThat(html).contains("data-module=\"chat\"").contains("data-conversation=\"" + c + "\"").contains("data-last-seq=\"2\"")
                .contains("<ol class=\"messages\" id=\"messages\">")
                .containsPattern("<li class=\"message\" id=\"m-1\" data-seq=\"1\" data-message-id=\"[0-9a-f-]{36}\">")
                .contains("<div id=\"chat-live\" class=\"visually-hidden\" aria-live=\"polite\"></div>")
                .contains("<p id=\"chat-status\" role=\"status\"></p>")
                .contains("<form id=\"composer\"").contains("action=\"/messages/" + c + "\"")
                .contains("name=\"text\"").contains("id=\"message-text\"").contains("<label for=\"message-text\"")
                .containsPattern("name=\"clientId\" value=\"[0-9a-f-]{36}\"")
                .contains("<time datetime=\"")
                .contains("href=\"/members/ana\"")
                .contains("/report?kind=message&amp;id=");
        assertThat(html.indexOf("Premier")).isLessThan(html.indexOf("Second"));
        assertThat(messaging.unreadTotal(members.idOf("leo"))).as("opening marks read").isZero();
        var read = org.jsoup.Jsoup.parse(page("/messages", leo).getContentAsString());
        assertThat(read.select("#nav-messages-unread").text()).isEmpty();
        assertThat(read.select("main").text()).doesNotContain("non lu");
        assertThat(page("/messages/" + c, ana).getContentAsString()).contains("Vu par Leo");
    }

    @Test
    void sendingIsPostRedirectGetAndADoubleSubmitStoresOnce() throws Exception {
        String c = direct();
        var first = send(ana, c, "form-1", "Une seule fois");
        assertThat(first.getStatus()).isEqualTo(302);
        assertThat(first.getRedirectedUrl()).isEqualTo("/messages/" + c + "#m-1");
        var again = send(ana, c, "form-1", "Une seule fois");
        assertThat(again.getRedirectedUrl()).isEqualTo("/messages/" + c + "#m-1");
        assertThat(messages()).isEqualTo(1);
        var flash = mvc.perform(post("/messages/" + c).with(csrf()).session(ana).param("clientId", "form-2").param("text", "Avec message"))
                .andReturn().getFlashMap();
        assertThat(flash.get("notice")).isEqualTo("messaging.notice.sent");
        assertThat(page("/messages/" + c, leo).getContentAsString()).contains("Une seule fois").contains("Avec message");
        assertThat(mvc.perform(post("/messages/" + c).with(csrf()).session(ana).param("text", "sans id")).andReturn()
                .getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void aRefusedMessageKeepsItsTextAndSaysWhy() throws Exception {
        String c = direct();
        String tooLong = "x".repeat(5_001);
        var r = send(ana, c, "long", tooLong);
        assertThat(r.getStatus()).isEqualTo(200);
        String html = r.getContentAsString();
        assertThat(html).contains("<title>Erreur :").contains("Votre message est trop long : 5")
                .contains(">" + tooLong + "</textarea>").contains("aria-invalid=\"true\"").contains("href=\"#message-text\"");
        assertThat(send(ana, c, "empty", "   ").getContentAsString()).contains("Votre message est vide");
        // The allowance refills one message every few seconds, so on a slow machine a few more may
        // pass: send until the refusal (bounded), then check it kept the text and stored nothing.
        long before = messages();
        int accepted = 0;
        boolean refused = false;
        for (int i = 0; i < SendThrottle.PER_MINUTE + 10 && !refused; i++) {
            String page = send(ana, c, "fast-" + i, "Un de trop " + i).getContentAsString();
            refused = page.contains("Attendez une minute");
            if (refused) {
                assertThat(page).contains(">Un de trop " + i + "</textarea>");
            } else {
                accepted++;
            }
        }
        assertThat(refused).as("refused once the allowance is used").isTrue();
        assertThat(accepted).isGreaterThanOrEqualTo(SendThrottle.PER_MINUTE);
        assertThat(messages()).as("the refused message is not stored").isEqualTo(before + accepted);
    }

    @Test
    void aNewConversationNamesEachProblemHandle() throws Exception {
        social.block(members.idOf("zoe"), members.idOf("ana"));
        var unknown = mvc.perform(post("/messages/new").with(csrf()).session(ana).param("title", "Sortie")
                .param("handles", "leo, nobody_1 nobody_2")).andReturn().getResponse();
        assertThat(unknown.getStatus()).isEqualTo(200);
        assertThat(unknown.getContentAsString()).contains("Aucun membre n’a ce pseudo : nobody_1, nobody_2.")
                .contains("value=\"leo, nobody_1 nobody_2\"").contains("value=\"Sortie\"");
        var blocked = mvc.perform(post("/messages/new").with(csrf()).session(ana).param("handles", "@leo @zoe")).andReturn().getResponse();
        assertThat(blocked.getContentAsString()).as("issue 17: naming nobody, confirming no block")
                .contains("Vous ne pouvez pas écrire à l’un de ces membres").doesNotContain("bloqué");
        var ok = mvc.perform(post("/messages/new").with(csrf()).session(ana).param("title", "Sortie").param("handles", "@leo"))
                .andReturn().getResponse();
        assertThat(ok.getRedirectedUrl()).startsWith("/messages/");
        String c = ok.getRedirectedUrl().substring("/messages/".length());
        assertThat(page("/messages/" + c, leo).getContentAsString()).contains("<h1 dir=\"auto\">Sortie</h1>");
        assertThat(page("/messages", leo).getContentAsString()).contains("Sortie");
        assertThat(page("/messages/new", ana).getStatus()).isEqualTo(200);
    }

    @Test
    void membersEditDeleteLeaveAndMuteWithForms() throws Exception {
        String c = direct();
        send(ana, c, "1", "Brouillon");
        String m = messaging.history(members.idOf("ana"), c, null, 1).getFirst().id();
        assertThat(page("/messages/" + c + "/m/" + m + "/edit", ana).getContentAsString()).contains(">Brouillon</textarea>");
        var empty = mvc.perform(post("/messages/" + c + "/m/" + m + "/edit").with(csrf()).session(ana).param("text", " ")).andReturn().getResponse();
        assertThat(empty.getStatus()).isEqualTo(200);
        assertThat(empty.getContentAsString()).contains("Votre message est vide");
        var edited = mvc.perform(post("/messages/" + c + "/m/" + m + "/edit").with(csrf()).session(ana).param("text", "Propre")).andReturn().getResponse();
        assertThat(edited.getRedirectedUrl()).isEqualTo("/messages/" + c + "#m-1");
        assertThat(page("/messages/" + c, leo).getContentAsString()).contains("Propre").contains("(modifié)");
        assertThat(page("/messages/" + c + "/m/" + m + "/delete", ana).getStatus()).isEqualTo(200);
        mvc.perform(post("/messages/" + c + "/m/" + m + "/delete").with(csrf()).session(ana));
        assertThat(page("/messages/" + c, leo).getContentAsString()).doesNotContain("Propre").contains("Message supprimé.");

        mvc.perform(post("/messages/" + c + "/mute").with(csrf()).session(leo).param("muted", "true"));
        send(ana, c, "2", "Tu dors ?");
        assertThat(messaging.unreadTotal(members.idOf("leo"))).isZero();
        assertThat(page("/messages", leo).getContentAsString()).contains("en sourdine").contains("1 message non lu");

        var left = mvc.perform(post("/messages/" + c + "/leave").with(csrf()).session(leo)).andReturn().getResponse();
        assertThat(left.getRedirectedUrl()).isEqualTo("/messages");
        assertThat(page("/messages/" + c, leo).getStatus()).isEqualTo(404);
    }

    @Test
    void theSettingsPageSwitchesReceiptsAndPresence() throws Exception {
        assertThat(page("/messages/settings", ana).getContentAsString()).contains("id=\"readReceipts\"").contains("checked");
        mvc.perform(post("/messages/settings").with(csrf()).session(ana).param("presenceVisible", "true"));
        assertThat(messaging.settings(members.idOf("ana"))).isEqualTo(new MessagingSettings(false, true));
        String c = direct();
        send(leo, c, "1", "Coucou");
        page("/messages/" + c, ana);
        assertThat(page("/messages/" + c, leo).getContentAsString()).doesNotContain("Vu par");
    }

    @Test
    void aGroupsMembersReachItsChat() throws Exception {
        String groupId = java.util.UUID.randomUUID().toString();
        graph.write("""
                MATCH (a:Member {handle: 'ana'}), (l:Member {handle: 'leo'})
                CREATE (g:Group {id: $id, slug: 'club', name: 'Le club', searchName: 'le club', description: 'd', rules: 'r',
                                 kind: 'public', publicAuditLog: false, createdAt: datetime()})
                CREATE (a)-[:OWNS_GROUP]->(g), (a)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g),
                       (l)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)""", Map.of("id", groupId));
        assertThat(page("/groups/club", ana).getContentAsString()).contains("/groups/club/chat");
        assertThat(page("/groups/club", zoe).getContentAsString()).doesNotContain("/groups/club/chat");
        var r = page("/groups/club/chat", ana);
        assertThat(r.getRedirectedUrl()).startsWith("/messages/");
        assertThat(page("/groups/club/chat", leo).getRedirectedUrl()).isEqualTo(r.getRedirectedUrl());
        assertThat(page("/groups/club/chat", zoe).getStatus()).isEqualTo(404);
        assertThat(page("/groups/nothing/chat", ana).getStatus()).isEqualTo(404);
        String c = r.getRedirectedUrl().substring("/messages/".length());
        send(leo, c, "1", "Salut le club");
        assertThat(page(r.getRedirectedUrl(), ana).getContentAsString()).contains("Salut le club").contains("Le club");
        assertThat(page(r.getRedirectedUrl(), zoe).getStatus()).isEqualTo(404);
    }

    @Test
    void hostileTextsAndTitlesAreInert() throws Exception {
        int n = 0;
        for (String hostile : XssCorpus.strings()) {
            forgetLimits();
            String title = hostile.codePoints().limit(90).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            var created = mvc.perform(post("/messages/new").with(csrf()).session(ana).param("title", title).param("handles", "leo"))
                    .andReturn().getResponse();
            assertThat(created.getRedirectedUrl()).as(hostile).startsWith("/messages/");
            String c = created.getRedirectedUrl().substring("/messages/".length());
            assertThat(send(ana, c, "x" + n++, hostile).getStatus()).as(hostile).isEqualTo(302);
            String m = messaging.history(members.idOf("ana"), c, null, 1).getFirst().id();
            for (String path : new String[] {"/messages/" + c, "/messages", "/messages/" + c + "/m/" + m + "/edit",
                    "/messages/" + c + "/m/" + m + "/delete", "/report?kind=message&id=" + m}) {
                var session = path.startsWith("/report") ? leo : ana;
                var response = page(path, session);
                assertThat(response.getStatus()).as(path).isEqualTo(200);
                assertThat(XssCorpus.activeContent(response.getContentAsString())).as(path + " with " + hostile).isEmpty();
            }
            // refused (too long) and re-rendered with the hostile text kept
            var refused = send(ana, c, "y" + n, hostile + "x".repeat(5_001));
            assertThat(XssCorpus.activeContent(refused.getContentAsString())).as("refused " + hostile).isEmpty();
        }
    }
}
