package org.rampe.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.TestArchives;
import org.rampe.images.ImageStore;
import org.rampe.images.TestImages;
import org.rampe.members.Erasure;
import org.rampe.members.MemberId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import tools.jackson.databind.JsonNode;

/** A member's messages in their archive (messages.json) and after their erasure (issue 16). */
@RecordApplicationEvents
class MessagingMemberDataTest extends MessagesPagesTestSupport {

    static final String HELLO = "Coucou 👋 — مرحبا بك، 你好";
    static final String SECRET = "Mon code de porte est 4521 🔑";

    @Autowired
    MessagingMemberData data;

    @Autowired
    MessageImages images;

    @Autowired
    ImageStore store;

    @Autowired
    ApplicationEvents published;

    static MockMultipartFile upload() {
        return new MockMultipartFile("image", "photo.png", "image/png", TestImages.png(30, 20));
    }

    @Test
    void theArchiveHoldsTheirConversationsWithTheOthersHandlesOnlyAndTheMessagesTheySentWithTheirImages() throws Exception {
        String ana = members.idOf("ana");
        String c = direct();
        send(this.ana, c, "1", HELLO);
        send(leo, c, "2", "Réponse de Léo, pas dans l’archive d’Ana");
        var withImage = images.send(ana, c, "3", "Regarde 🦽", upload(), "Une rampe en bois, vue de côté").message();
        send(this.ana, c, "4", "Effacé ensuite");
        String deleted = messaging.history(ana, c, null, 10).getLast().id();
        messaging.delete(ana, deleted);
        var adhoc = messaging.startAdhoc(ana, "Sortie au parc 🌳", List.of("leo", "zoe")).id();

        var archive = TestArchives.of(ana, data);
        JsonNode json = archive.json("messages.json");
        assertThat(json.get("format").asInt()).isEqualTo(1);

        List<String> kinds = new ArrayList<>();
        for (JsonNode conversation : json.get("conversations")) {
            kinds.add(conversation.get("kind").asString());
            assertThat(conversation.get("joinedAt").asString()).endsWith("Z");
            if (conversation.get("id").asString().equals(c)) {
                assertThat(conversation.get("otherParticipants").toString()).isEqualTo("[\"leo\"]");
                assertThat(conversation.get("title").isNull()).isTrue();
            } else {
                assertThat(conversation.get("id").asString()).isEqualTo(adhoc);
                assertThat(conversation.get("title").asString()).isEqualTo("Sortie au parc 🌳");
                assertThat(conversation.get("otherParticipants").toString()).contains("\"leo\"").contains("\"zoe\"");
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("direct", "adhoc");

        JsonNode messages = json.get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).get("text").asString()).isEqualTo(HELLO);
        assertThat(messages.get(0).get("conversationId").asString()).isEqualTo(c);
        assertThat(Instant.parse(messages.get(0).get("sentAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(messages.get(0).get("imageIds")).isEmpty();
        assertThat(messages.get(1).get("text").asString()).isEqualTo("Regarde 🦽");
        assertThat(messages.get(1).get("imageIds").get(0).asString()).isEqualTo(withImage.image().id());
        assertThat(messages.get(2).get("id").asString()).isEqualTo(deleted);
        assertThat(messages.get(2).get("text").isNull()).isTrue();
        assertThat(messages.get(2).get("deletedAt").asString()).endsWith("Z");

        String text = archive.text("messages.json");
        assertThat(text).as("others only by handle").doesNotContain(members.idOf("leo")).doesNotContain(members.idOf("zoe"))
                .doesNotContain("Réponse de Léo").doesNotContain("\"Leo\"");
        String imageName = "images/message-" + withImage.image().id();
        assertThat(archive.files().get(imageName + ".jpg")).isEqualTo(store.get(withImage.image().id()).orElseThrow());
        assertThat(archive.text(imageName + ".txt")).isEqualTo("Une rampe en bois, vue de côté");
    }

    @Test
    void afterErasureWithRemoveTheOthersSeeAFormerMembersDeletedMessagesAndNothingOfThemRemains() throws Exception {
        erasureLeavesDeletedMessagesOfTheFormerMember(Erasure.Choice.REMOVE);
    }

    @Test
    void afterErasureWithAnonymiseTheirMessagesAreDeletedAllTheSame() throws Exception {
        erasureLeavesDeletedMessagesOfTheFormerMember(Erasure.Choice.ANONYMISE);
    }

    private void erasureLeavesDeletedMessagesOfTheFormerMember(Erasure.Choice choice) throws Exception {
        String ana = members.idOf("ana");
        var who = graph.one("MATCH (m:Member {id: $id}) RETURN m.handle AS h, m.displayName AS n, m.email AS e",
                Map.of("id", ana), r -> List.of(r.get("h").asString(), r.get("n").asString(), r.get("e").asString())).orElseThrow();
        String c = direct();
        send(this.ana, c, "1", SECRET);
        send(leo, c, "2", "D’accord, merci");
        var withImage = images.send(ana, c, "3", "Une photo", upload(), "La porte d’entrée").message();
        messaging.markRead(ana, c, 3);
        String adhoc = messaging.startAdhoc(ana, "Sortie", List.of("leo", "zoe")).id();
        messaging.send(ana, adhoc, "a1", "Rendez-vous à 14 h " + SECRET);
        // A conversation Zoé left: Ana is the last one in it, it goes whole.
        String lonely = messaging.startDirect(ana, "zoe").id();
        messaging.send(members.idOf("zoe"), lonely, "z1", "Je pars");
        var zoeImage = images.send(members.idOf("zoe"), lonely, "z2", "", upload(), "Au revoir").message();
        assertThat(mvc.perform(post("/messages/" + lonely + "/leave").with(csrf()).session(zoe)).andReturn().getResponse()
                .getStatus()).isEqualTo(302);

        var erasure = new Erasure(new MemberId(ana), choice, Instant.now());
        data.erase(erasure);
        // Open pages redraw each message in its place: the former member's, deleted.
        var redrawn = published.stream(MessageEdited.class).filter(e -> e.message().conversationId().equals(c)).toList();
        assertThat(redrawn).hasSize(2).allSatisfy(e -> {
            assertThat(e.message().deleted()).isTrue();
            assertThat(e.message().authorHandle()).isNull();
            assertThat(e.message().authorId()).isEqualTo(Erasure.FORMER_MEMBER_ID);
            assertThat(e.recipientIds()).containsExactlyInAnyOrder(ana, members.idOf("leo"));
        });
        data.erase(erasure); // a second run (after a crash) finds nothing more to do
        graph.write("MATCH (m:Member {id: $id}) DETACH DELETE m", Map.of("id", ana)); // as the members module does last
        data.erase(erasure);

        // Léo's page: the messages keep their place, from "Ancien membre", deleted; his own stays.
        String page = page("/messages/" + c, leo).getContentAsString(StandardCharsets.UTF_8);
        var doc = org.jsoup.Jsoup.parse(page);
        var first = doc.selectFirst("li#m-1");
        assertThat(first.selectFirst(".message-author").text()).isEqualTo("Ancien membre");
        assertThat(first.selectFirst(".message-author").tagName()).as("no link").isEqualTo("span");
        assertThat(first.selectFirst(".message-deleted").text()).isEqualTo("Message supprimé.");
        assertThat(doc.selectFirst("li#m-3 .message-deleted")).isNotNull();
        assertThat(doc.selectFirst("li#m-2 .message-text").text()).isEqualTo("D’accord, merci");
        assertThat(page).doesNotContain(SECRET).doesNotContain(who.get(0)).doesNotContain(who.get(1));
        String list = page("/messages", leo).getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("Ancien membre").doesNotContain(SECRET).doesNotContain(who.get(1));
        var adhocPage = org.jsoup.Jsoup.parse(page("/messages/" + adhoc, zoe).getContentAsString(StandardCharsets.UTF_8));
        assertThat(adhocPage.selectFirst("li#m-1 .message-author").text()).isEqualTo("Ancien membre");
        assertThat(adhocPage.selectFirst("li#m-1 .message-deleted")).isNotNull();
        assertThat(adhocPage.html()).doesNotContain("Rendez-vous");

        // The former member takes part nowhere; the lonely conversation and its images are gone.
        assertThat(graph.count("MATCH (:Member:Former)-[r:IN_CONVERSATION]->() RETURN count(r)", Map.of())).isZero();
        assertThat(messaging.participantIds(adhoc)).containsExactlyInAnyOrder(members.idOf("leo"), members.idOf("zoe"));
        assertThat(graph.count("MATCH (c:Conversation {id: $c}) RETURN count(c)", Map.of("c", lonely))).isZero();
        assertThat(graph.count("MATCH (x:Message {conversationId: $c}) RETURN count(x)", Map.of("c", lonely))).isZero();
        assertThat(store.get(withImage.image().id())).isEmpty();
        assertThat(store.get(zoeImage.image().id())).isEmpty();
        assertThat(messaging.participantIds(c)).containsExactly(members.idOf("leo"));

        // Nothing in messaging's nodes and relationships holds who they were or what they wrote.
        List<String> traces = new ArrayList<>(who);
        traces.add(ana);
        traces.add(SECRET);
        traces.add("Une photo");
        traces.add("La porte d’entrée");
        for (String trace : traces) {
            assertThat(graph.count("""
                    MATCH (n) WHERE (n:Message OR n:Conversation OR n:Image OR n:Member)
                      AND any(k IN keys(n) WHERE toString(n[k]) CONTAINS $t)
                    RETURN count(n)""", Map.of("t", trace))).as(choice + ": nodes holding " + trace).isZero();
            assertThat(graph.count("""
                    MATCH ()-[r]->() WHERE any(k IN keys(r) WHERE toString(r[k]) CONTAINS $t)
                    RETURN count(r)""", Map.of("t", trace))).as(choice + ": relationships holding " + trace).isZero();
        }
        // Léo can still open his conversation and write in it (nobody else reads it).
        assertThat(send(leo, c, "after", "Tu es parti ?").getStatus()).isEqualTo(302);
        assertThat(graph.count("MATCH (:Member:Former)-[r:IN_CONVERSATION]->() RETURN count(r)", Map.of())).isZero();
    }
}
