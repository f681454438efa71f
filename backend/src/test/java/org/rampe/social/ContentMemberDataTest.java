package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.rampe.SocialFixtures;
import org.rampe.TestArchives;
import org.rampe.images.ImageStore;
import org.rampe.images.TestImages;
import org.rampe.members.Erasure;
import org.rampe.members.MemberData;
import org.rampe.members.MemberId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;

import tools.jackson.databind.JsonNode;

/**
 * Issue 16 for the content features (social, feed, notifications, groups, associations): what a
 * member did comes back in their archive, and their erasure removes it, or keeps their public and
 * group posts and comments under the former member, who draws as such.
 */
class ContentMemberDataTest extends SocialTestSupport {

    static final String EMOJI_TEXT = "Rampe d’accès 👩🏽‍🦽 عربي 日本語, merci @bob";

    @Autowired
    List<MemberData> features;

    @Autowired
    ImageStore store;

    @Autowired
    ApplicationEventPublisher events;

    MemberData feature(String name) {
        return features.stream().filter(f -> f.covers().feature().equals(name)).findFirst().orElseThrow();
    }

    /** The content features' erasure, then the member node as the members module removes it last. */
    void erase(String member, Erasure.Choice choice) {
        var erasure = new Erasure(new MemberId(member), choice, Instant.now());
        for (String name : List.of("social", "groups", "associations", "feed", "notifications")) {
            feature(name).erase(erasure);
        }
        graph.write("MATCH (m:Member {id: $id}) DETACH DELETE m", Map.of("id", member));
    }

    /** What Ana did, written through the forms where there are forms. */
    record Story(MockHttpSession ana, MockHttpSession bob, String anaId, String bobId, String publicPost, String followersPost,
                 String groupPost, String imageId, String avatarId, String bobPost, String bobComment, String anaComment,
                 String anaReply, String bobReplyToAna, String commentOnAnaPost, String groupSlug) {
    }

    Story story() throws Exception {
        var ana = members.signUp("ana", "Ana Étoile");
        var bob = members.signUp("bob", "Bob");
        String anaId = members.idOf("ana");
        String bobId = members.idOf("bob");
        members.create("carl");
        members.create("dana", true);
        members.create("eve");
        members.create("fred");
        members.create("gina");
        var social = new SocialFixtures(graph, events);
        social.follow(bobId, anaId);
        social.follow(anaId, bobId);
        social.follow(members.idOf("carl"), anaId);
        social.requestFollow(anaId, members.idOf("dana"));
        social.requestFollow(members.idOf("eve"), anaId);
        social.block(anaId, members.idOf("fred"));
        social.mute(anaId, members.idOf("gina"));

        String publicPost = location(mvc.perform(multipart("/posts").with(csrf()).session(ana)
                .file(new MockMultipartFile("images[0]", "rampe.png", "image/png", TestImages.png(40, 30)))
                .param("text", EMOJI_TEXT).param("alts[0]", "Une rampe en bois 🪵")).andReturn().getResponse().getRedirectedUrl());
        String imageId = graph.one("MATCH (:Post {id: $p})-[:HAS_IMAGE]->(i:Image) RETURN i.id", Map.of("p", publicPost),
                r -> r.get(0).asString()).orElseThrow();
        String followersPost = write(ana, "Seulement pour mes abonné·es", "visibility", "followers");

        String groupId = UUID.randomUUID().toString();
        cypher("""
                MATCH (a:Member {id: $ana}), (b:Member {id: $bob})
                CREATE (g:Group {id: $id, slug: 'marcheurs', name: 'Marcheurs 🚶', searchName: 'marcheurs', description: '',
                                 rules: '', kind: 'public', publicAuditLog: false, createdAt: datetime()})
                CREATE (b)-[:OWNS_GROUP]->(g), (b)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g),
                       (a)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)""", "ana", anaId, "bob", bobId, "id", groupId);
        String groupPost = location(mvc.perform(post("/groups/marcheurs/posts").with(csrf()).session(ana)
                .param("text", "Sortie samedi, rampe au départ")).andReturn().getResponse().getRedirectedUrl());

        String avatarId = UUID.randomUUID().toString();
        store.put(avatarId, TestImages.jpeg(20, 20));
        cypher("""
                MATCH (m:Member {id: $ana})
                CREATE (m)-[:HAS_AVATAR]->(:Image {id: $img, alt: 'Ana souriante', width: 20, height: 20, createdAt: datetime()})
                SET m.avatarImage = $img""", "ana", anaId, "img", avatarId);

        String bobPost = write(bob, "Le post de Bob");
        String bobComment = comment(bob, bobPost, "Bob commente", null);
        String anaComment = comment(ana, bobPost, "Ana commente 💬 حسنا", null);
        String anaReply = comment(ana, bobPost, "Ana répond à Bob", bobComment);
        String bobReplyToAna = comment(bob, bobPost, "Bob répond à Ana", anaComment);
        String commentOnAnaPost = comment(bob, publicPost, "Bob sous le post d’Ana", null);
        social.react(anaId, "post", bobPost, bobPost, bobId, "support");
        social.react(anaId, "comment", bobComment, bobPost, bobId, "thanks");
        social.react(bobId, "post", publicPost, publicPost, anaId, "support");
        write(bob, "Salut @ana !");
        return new Story(ana, bob, anaId, bobId, publicPost, followersPost, groupPost, imageId, avatarId, bobPost, bobComment,
                anaComment, anaReply, bobReplyToAna, commentOnAnaPost, "marcheurs");
    }

    static String location(String redirect) {
        assertThat(redirect).startsWith("/posts/");
        return redirect.substring("/posts/".length());
    }

    @Test
    void theArchiveHoldsTheMembersPostsCommentsReactionsRelationsAndImagesWithTheirAltText() throws Exception {
        Story s = story();

        var archive = TestArchives.of(s.anaId(), feature("social"));

        JsonNode posts = archive.json("posts.json");
        assertThat(posts.get("format").asInt()).isEqualTo(1);
        assertThat(posts.get("posts")).hasSize(3);
        JsonNode first = find(posts.get("posts"), s.publicPost());
        assertThat(first.get("text").asString()).isEqualTo(EMOJI_TEXT);
        assertThat(first.get("visibility").asString()).isEqualTo("public");
        assertThat(Instant.parse(first.get("createdAt").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(first.get("editedAt").isNull()).isTrue();
        assertThat(first.get("group").isNull()).isTrue();
        assertThat(first.get("images").get(0).get("id").asString()).isEqualTo(s.imageId());
        assertThat(first.get("images").get(0).get("alt").asString()).isEqualTo("Une rampe en bois 🪵");
        assertThat(first.get("images").get(0).get("file").asString()).isEqualTo("images/post-" + s.imageId() + ".jpg");
        assertThat(find(posts.get("posts"), s.followersPost()).get("visibility").asString()).isEqualTo("followers");
        JsonNode inGroup = find(posts.get("posts"), s.groupPost());
        assertThat(inGroup.get("visibility").asString()).isEqualTo("group");
        assertThat(inGroup.get("group").get("name").asString()).isEqualTo("Marcheurs 🚶");

        JsonNode comments = archive.json("comments.json").get("comments");
        assertThat(comments).hasSize(2);
        JsonNode comment = find(comments, s.anaComment());
        assertThat(comment.get("postId").asString()).isEqualTo(s.bobPost());
        assertThat(comment.get("text").asString()).isEqualTo("Ana commente 💬 حسنا");
        assertThat(comment.get("replyTo").isNull()).isTrue();
        assertThat(find(comments, s.anaReply()).get("replyTo").asString()).isEqualTo(s.bobComment());

        JsonNode reactions = archive.json("reactions.json").get("reactions");
        assertThat(reactions).hasSize(2);
        assertThat(find(reactions, "targetId", s.bobPost()).get("reaction").asString()).isEqualTo("support");
        JsonNode onComment = find(reactions, "targetId", s.bobComment());
        assertThat(onComment.get("targetKind").asString()).isEqualTo("comment");
        assertThat(onComment.get("postId").asString()).isEqualTo(s.bobPost());
        assertThat(onComment.get("reaction").asString()).isEqualTo("thanks");
        assertThat(onComment.get("at").asString()).endsWith("Z");

        JsonNode follows = archive.json("follows.json");
        assertThat(handles(follows.get("following"))).containsExactly("bob");
        assertThat(handles(follows.get("followers"))).containsExactlyInAnyOrder("bob", "carl");
        assertThat(handles(follows.get("followRequestsSent"))).containsExactly("dana");
        assertThat(handles(follows.get("followRequestsReceived"))).containsExactly("eve");
        assertThat(follows.get("following").get(0).get("since").asString()).endsWith("Z");
        JsonNode blocks = archive.json("blocks-and-mutes.json");
        assertThat(handles(blocks.get("blocked"))).containsExactly("fred");
        assertThat(handles(blocks.get("muted"))).containsExactly("gina");

        assertThat(archive.files().get("images/post-" + s.imageId() + ".jpg")).isEqualTo(store.get(s.imageId()).orElseThrow());
        assertThat(archive.text("images/post-" + s.imageId() + ".txt")).isEqualTo("Une rampe en bois 🪵");
        assertThat(archive.files().get("images/avatar.jpg")).isEqualTo(store.get(s.avatarId()).orElseThrow());
        assertThat(archive.text("images/avatar.txt")).isEqualTo("Ana souriante");
    }

    @Test
    void theArchiveListsTheMembersNotificationsWithWhoAndWhat() throws Exception {
        Story s = story();

        var notifications = TestArchives.of(s.anaId(), feature("notifications")).json("notifications.json");

        assertThat(notifications.get("format").asInt()).isEqualTo(1);
        List<String> kinds = new ArrayList<>();
        notifications.get("notifications").forEach(n -> kinds.add(n.get("kind").asString()));
        assertThat(kinds).contains("follow", "follow_request", "reply", "reaction", "comment", "mention");
        JsonNode reply = find(notifications.get("notifications"), "kind", "reply");
        assertThat(reply.get("by").get(0).asString()).isEqualTo("bob");
        assertThat(reply.get("postId").asString()).isEqualTo(s.bobPost());
        assertThat(reply.get("commentId").asString()).isEqualTo(s.bobReplyToAna());
        assertThat(reply.get("read").asBoolean()).isFalse();
        assertThat(reply.get("at").asString()).endsWith("Z");
    }

    @Test
    void removingLeavesNoneOfTheirTextsIdsOrImageFiles() throws Exception {
        Story s = story();

        erase(s.anaId(), Erasure.Choice.REMOVE);

        assertNothingOf(s, List.of(EMOJI_TEXT, "Seulement pour mes abonné·es", "Sortie samedi", "Ana commente", "Ana répond",
                "Une rampe en bois", "Ana souriante", "Ana Étoile"));
        assertThat(store.get(s.imageId())).isEmpty();
        assertThat(store.get(s.avatarId())).isEmpty();
        assertThat(count("MATCH (p:Post) WHERE p.id IN $ids RETURN count(p)", "ids",
                List.of(s.publicPost(), s.followersPost(), s.groupPost()))).isZero();
        assertThat(count("MATCH (c:Comment {id: $id}) RETURN count(c)", "id", s.commentOnAnaPost()))
                .as("others' comments go with the removed post, as when a post is deleted").isZero();
        assertThat(count("MATCH (c:Comment {id: $id}) WHERE c.text = '' AND c.deletedAt IS NOT NULL RETURN count(c)", "id", s.anaComment()))
                .as("a comment with replies keeps its place, emptied").isOne();
        assertThat(count("MATCH (:Member {handle: 'bob'})-[:WROTE]->(c:Comment {id: $id}) RETURN count(c)", "id", s.bobReplyToAna())).isOne();
        assertThat(count("MATCH (f:Former) RETURN count(f)")).isZero();
        assertThat(count("MATCH (:Member {handle: 'bob'})-[:UNREAD|SEEN]->(n:Notification) WHERE NOT EXISTS { (n)-[:BY]->() } RETURN count(n)"))
                .as("what Ana caused for Bob went with her").isZero();
        var page = page("/posts/" + s.bobPost(), s.bob());
        assertThat(page.select(".comment-text").text()).contains("Bob commente", "Bob répond à Ana").doesNotContain("Ana commente");
    }

    @Test
    void anonymisingKeepsPublicAndGroupPostsAndCommentsUnderTheFormerMemberAndRemovesFollowersOnlyPosts() throws Exception {
        Story s = story();

        erase(s.anaId(), Erasure.Choice.ANONYMISE);

        assertNothingOf(s, List.of("Seulement pour mes abonné·es", "Une rampe en bois", "Ana souriante", "Ana Étoile"));
        assertThat(count("MATCH (:Member:Former {id: $f})-[:POSTED]->(p:Post) WHERE p.id IN $ids RETURN count(p)",
                "f", Erasure.FORMER_MEMBER_ID, "ids", List.of(s.publicPost(), s.groupPost()))).isEqualTo(2);
        assertThat(count("MATCH (p:Post {id: $id}) RETURN count(p)", "id", s.followersPost())).isZero();
        assertThat(count("MATCH (:Former)-[:WROTE]->(c:Comment) WHERE c.id IN $ids RETURN count(c)",
                "ids", List.of(s.anaComment(), s.anaReply()))).isEqualTo(2);
        assertThat(count("MATCH (:Post {id: $id})-[:HAS_IMAGE]->() RETURN count(*)", "id", s.publicPost())).isZero();
        assertThat(store.get(s.imageId())).as("a kept post loses its photos").isEmpty();
        assertThat(store.get(s.avatarId())).isEmpty();
        assertThat(count("MATCH (f:Former) RETURN count(f)")).isOne();

        Document post = Jsoup.parse(mvc.perform(get("/posts/" + s.publicPost())).andReturn().getResponse().getContentAsString());
        assertThat(post.selectFirst("h1").text()).isEqualTo("Publication de Ancien membre");
        assertThat(post.selectFirst(".post-author").text()).isEqualTo("Ancien membre");
        assertThat(post.select(".post-author a")).isEmpty();
        assertThat(post.select(".post-text").text()).contains("Rampe d’accès 👩🏽‍🦽 عربي");
        assertThat(post.select("a[href^=/members/]").eachAttr("href")).doesNotContain("/members/null", "/members/");

        Document thread = page("/posts/" + s.bobPost(), s.bob());
        var anaComment = thread.getElementById("comment-" + s.anaComment());
        assertThat(anaComment.selectFirst(".comment-title").text()).contains("Ancien membre");
        assertThat(anaComment.selectFirst(".comment-meta").select("a[href^=/members/]")).isEmpty();
        assertThat(anaComment.selectFirst(".comment-text").text()).isEqualTo("Ana commente 💬 حسنا");

        Document feed = page("/feed", s.bob());
        var groupCard = feed.getElementById("post-" + s.groupPost());
        assertThat(groupCard).as("the group post stays in the group members' feed").isNotNull();
        assertThat(groupCard.selectFirst(".post-author").text()).isEqualTo("Ancien membre");
        assertThat(feed.getElementById("post-" + s.publicPost())).as("nobody follows the former member").isNull();
        Document group = page("/groups/" + s.groupSlug(), s.bob());
        assertThat(group.getElementById("post-" + s.groupPost()).selectFirst(".post-author").text()).isEqualTo("Ancien membre");
        comment(s.bob(), s.publicPost(), "Bob répond à l’ancien membre", null);
        assertThat(count("MATCH (:Former)-[:UNREAD|SEEN]->(n) RETURN count(n)")).as("the former member is told nothing").isZero();
    }

    @Test
    void aPrivateAccountsPostsOutsideGroupsGoEvenWhenKeptWhileItsGroupPostsStay() {
        String zoe = members.create("zoe", true);
        var social = new SocialFixtures(graph, events);
        String shown = social.post(zoe, "Public, mais compte privé", "public", Instant.now());
        String groupId = UUID.randomUUID().toString();
        cypher("""
                MATCH (z:Member {id: $zoe})
                CREATE (g:Group {id: $id, slug: 'g', name: 'G', searchName: 'g', description: '', rules: '', kind: 'private',
                                 publicAuditLog: false, createdAt: datetime()})
                CREATE (z)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                CREATE (z)-[:POSTED]->(:Post {id: 'kept-' + $id, text: 'Dans le groupe', contentWarning: '', language: 'fr',
                                              visibility: 'group', createdAt: datetime()})-[:IN_GROUP]->(g)""", "zoe", zoe, "id", groupId);

        assertThat(feature("social").foresee(new MemberId(zoe), Locale.ENGLISH)).containsExactly("Your followers-only posts (1) will "
                + "be removed even if you choose to keep your posts: without you, nobody could read them any more.");
        erase(zoe, Erasure.Choice.ANONYMISE);

        assertThat(count("MATCH (p:Post {id: $id}) RETURN count(p)", "id", shown)).isZero();
        assertThat(count("MATCH (:Former)-[:POSTED]->(p:Post {id: $id}) RETURN count(p)", "id", "kept-" + groupId)).isOne();
    }

    @Test
    void erasingTwiceIsHarmless() throws Exception {
        Story s = story();
        var erasure = new Erasure(new MemberId(s.anaId()), Erasure.Choice.ANONYMISE, Instant.now());
        for (String name : List.of("social", "groups", "associations", "feed", "notifications")) {
            feature(name).erase(erasure);
        }
        long postsBefore = count("MATCH (p:Post) RETURN count(p)");

        erase(s.anaId(), Erasure.Choice.ANONYMISE);
        erase(s.anaId(), Erasure.Choice.REMOVE);

        assertThat(count("MATCH (p:Post) RETURN count(p)")).isEqualTo(postsBefore);
        assertThat(count("MATCH (f:Former) RETURN count(f)")).isOne();
        assertNothingOf(s, List.of("Seulement pour mes abonné·es"));
    }

    @Test
    void theDeleteAccountPageIsToldThatFollowersOnlyPostsGoEvenWhenKept() throws Exception {
        Story s = story();

        assertThat(feature("social").foresee(new MemberId(s.anaId()), Locale.FRENCH))
                .containsExactly("Vos publications réservées à vos abonné·es (1) seront supprimées même si vous choisissez de garder "
                        + "vos publications : sans vous, elles n’auraient plus de lecteurs.");
        assertThat(feature("social").foresee(new MemberId(s.bobId()), Locale.ENGLISH)).isEmpty();
    }

    /** No node or relationship of the content features holds the member's id, handle or these texts. */
    void assertNothingOf(Story s, List<String> texts) {
        List<String> forbidden = new ArrayList<>(texts);
        forbidden.add(s.anaId());
        var leaks = graph.list("""
                CALL () {
                  MATCH (n) WHERE n:Post OR n:Comment OR n:Image OR n:Notification OR n:Group OR n:Association OR n:Member
                  UNWIND keys(n) AS k
                  RETURN labels(n) AS where, k, toString(n[k]) AS v
                  UNION ALL
                  MATCH ()-[r]->() UNWIND keys(r) AS k
                  RETURN [type(r)] AS where, k, toString(r[k]) AS v
                }
                WITH where, k, v WHERE any(t IN $forbidden WHERE v CONTAINS t)
                   OR (k = 'handle' AND v = 'ana')
                RETURN where, k, v""", Map.of("forbidden", forbidden), r -> r.get("where") + "." + r.get("k").asString() + "=" + r.get("v").asString());
        assertThat(leaks).isEmpty();
        assertThat(count("MATCH (m:Member {id: $id}) RETURN count(m)", "id", s.anaId())).isZero();
    }

    Document page(String path, MockHttpSession session) throws Exception {
        return Jsoup.parse(mvc.perform(get(path).session(session)).andReturn().getResponse().getContentAsString());
    }

    static JsonNode find(JsonNode array, String id) {
        return find(array, "id", id);
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.get(field).asString().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + array);
    }

    static List<String> handles(JsonNode array) {
        List<String> handles = new ArrayList<>();
        array.forEach(n -> handles.add(n.get("handle").asString()));
        return handles;
    }
}
