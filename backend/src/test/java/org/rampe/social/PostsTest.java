package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.rampe.XssCorpus;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@RecordApplicationEvents
class PostsTest extends SocialTestSupport {

    @Autowired
    ApplicationEvents events;

    private Document page(String path, MockHttpSession session) throws Exception {
        var request = get(path);
        if (session != null) {
            request.session(session);
        }
        return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private int statusOf(String path, MockHttpSession session) throws Exception {
        var request = get(path);
        if (session != null) {
            request.session(session);
        }
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    @Test
    void aPostWithAContentWarningIsCollapsedAndMarkedWithItsLanguage() throws Exception {
        var ana = members.signUp("ana", "Ana");
        String id = write(ana, "Qui connaît un dentiste\nattentif à l’autisme ? https://exemple.fr/liste",
                "contentWarning", "santé", "language", "fr", "visibility", "public");
        var doc = page("/posts/" + id, null);
        assertThat(doc.select("h1").text()).isEqualTo("Publication de Ana");
        var details = doc.selectFirst("article.post-card details.content-warning");
        assertThat(details).isNotNull();
        assertThat(details.hasAttr("open")).isFalse();
        assertThat(details.selectFirst("summary").text()).isEqualTo("Avertissement de contenu : santé. Afficher la publication");
        var text = details.selectFirst(".post-text");
        assertThat(text.attr("dir")).isEqualTo("auto");
        assertThat(text.attr("lang")).isEqualTo("fr");
        assertThat(text.select("a").attr("rel")).isEqualTo("nofollow ugc noopener");
        assertThat(text.select("br")).hasSize(1);
        assertThat(doc.select("article.post-card time").attr("datetime")).isNotBlank();
        assertThat(doc.select("a[href=/posts/" + id + "/edit]")).as("only the author is offered to edit").isEmpty();
        assertThat(page("/posts/" + id, ana).select("a[href=/posts/" + id + "/edit]")).hasSize(1);
        assertThat(events.stream(SocialEvents.PostPublished.class)).containsExactly(
                new SocialEvents.PostPublished(id, members.idOf("ana")));
    }

    @Test
    void aRefusedPostKeepsEverythingTypedAndSaysWhichFileToChooseAgain() throws Exception {
        var ana = members.signUp("ana", "Ana");
        String html = mvc.perform(multipart("/posts")
                        .file(new MockMultipartFile("images[0]", "rampe.png", "image/png", TestImages.png(40, 30)))
                        .file(new MockMultipartFile("images[1]", "notes.png", "image/png", "not an image".getBytes()))
                        .with(csrf()).session(ana)
                        .param("text", "x".repeat(5001)).param("contentWarning", "fatigue")
                        .param("alts[0]", "Une rampe en bois devant la porte").param("alts[1]", "Mes notes")
                        .param("alts[2]", "Une description sans image"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var doc = Jsoup.parse(html);
        assertThat(doc.title()).startsWith("Erreur : Écrire une publication");
        assertThat(doc.select(".error-summary li a")).extracting(e -> e.attr("href"))
                .containsExactly("#text", "#image-1", "#image-2");
        assertThat(doc.select(".error-summary").text().replaceAll("[\u00a0\u202f]", " "))
                .contains("dépasse 5 000 caractères", "Image 2 : ce fichier n’est pas une image", "Image 3 : choisissez le fichier", "choisissez de nouveau vos images");
        assertThat(doc.selectFirst("#text").text()).isEqualTo("x".repeat(5001));
        assertThat(doc.selectFirst("#contentWarning").val()).isEqualTo("fatigue");
        assertThat(doc.selectFirst("#alt-0").text()).isEqualTo("Une rampe en bois devant la porte");
        assertThat(doc.selectFirst("#alt-1").text()).isEqualTo("Mes notes");
        assertThat(doc.selectFirst("#image-1").attr("aria-invalid")).isEqualTo("true");
        assertThat(doc.selectFirst("#image-1").attr("aria-describedby")).isEqualTo("image-1-hint image-1-error");
        assertThat(count("MATCH (p:Post) RETURN count(p)")).isZero();

        // An image needs its description.
        doc = Jsoup.parse(mvc.perform(multipart("/posts")
                        .file(new MockMultipartFile("images[0]", "rampe.png", "image/png", TestImages.png(40, 30)))
                        .with(csrf()).session(ana).param("text", "Ma rampe"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(doc.select(".error-summary li a")).extracting(e -> e.attr("href")).containsExactly("#alt-0");
        assertThat(doc.select(".error-summary").text()).contains("Image 1 : écrivez sa description");
        mvc.perform(multipart("/posts").with(csrf()).session(ana).param("text", " ")).andExpect(status().isOk());
        assertThat(count("MATCH (p:Post) RETURN count(p)")).isZero();
    }

    @Test
    void imagesAreCleanedKeptInOrderWithTheirDescriptionAndServedOnlyToReadersOfThePost() throws Exception {
        var ana = members.signUp("ana", "Ana");
        var bob = members.signUp("bob", "Bob");
        var eve = members.signUp("eve", "Eve");
        follows("bob", "ana");
        String location = mvc.perform(multipart("/posts")
                        .file(new MockMultipartFile("images[0]", "a.png", "image/png", TestImages.png(40, 30)))
                        .file(new MockMultipartFile("images[1]", "b.jpg", "image/jpeg", TestImages.jpegWithGpsExif(20, 20)))
                        .with(csrf()).session(ana).param("text", "Deux photos").param("visibility", "followers")
                        .param("alts[0]", "La rampe").param("alts[1]", "La porte"))
                .andReturn().getResponse().getRedirectedUrl();
        String id = location.substring("/posts/".length());
        var imgs = page("/posts/" + id, bob).select(".post-images img");
        assertThat(imgs).extracting(e -> e.attr("alt")).containsExactly("La rampe", "La porte");
        String first = imgs.getFirst().attr("src");
        String second = imgs.get(1).attr("src");
        var jpeg = mvc.perform(get(second).session(bob)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(jpeg, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.GPS_MARKER);
        assertThat(statusOf(first, ana)).isEqualTo(200);
        assertThat(statusOf(first, null)).as("visitor, followers-only post").isEqualTo(404);
        assertThat(statusOf(first, eve)).as("member who does not follow").isEqualTo(404);
        blocks("ana", "bob");
        assertThat(statusOf(first, bob)).as("blocked follower").isEqualTo(404);
        assertThat(statusOf("/images/not-a-uuid.jpg", ana)).isEqualTo(404);
    }

    @Test
    void theReadingRuleHoldsForPostPagesAndTimelines() throws Exception {
        var ana = members.signUp("ana", "Ana");
        var fan = members.signUp("fan", "Fan");
        var other = members.signUp("other", "Other");
        var blocked = members.signUp("blocked", "Blocked");
        var blocker = members.signUp("blocker", "Blocker");
        follows("fan", "ana");
        follows("blocked", "ana");
        follows("blocker", "ana");
        blocks("ana", "blocked");
        blocks("blocker", "ana");
        String open = write(ana, "Public", "visibility", "public");
        String close = write(ana, "Abonnés", "visibility", "followers");

        record Case(String who, MockHttpSession session, boolean open, boolean close) {
        }
        List<String> wrong = new ArrayList<>();
        for (boolean privateAccount : new boolean[] {false, true}) {
            if (privateAccount) {
                privateAccount("ana");
            }
            for (Case c : List.of(new Case("author", ana, true, true), new Case("follower", fan, true, true),
                    new Case("visitor", null, !privateAccount, false), new Case("member", other, !privateAccount, false),
                    new Case("blocked by author", blocked, false, false), new Case("blocking the author", blocker, false, false))) {
                for (var post : List.of(new String[] {open, String.valueOf(c.open())}, new String[] {close, String.valueOf(c.close())})) {
                    boolean expected = Boolean.parseBoolean(post[1]);
                    int got = statusOf("/posts/" + post[0], c.session());
                    if (got != (expected ? 200 : 404)) {
                        wrong.add((privateAccount ? "private " : "") + c.who() + " reading " + post[0] + ": " + got);
                    }
                    var timeline = page("/members/ana/posts", c.session()).select("article.post-card").eachAttr("id");
                    if (timeline.contains("post-" + post[0]) != expected) {
                        wrong.add((privateAccount ? "private " : "") + c.who() + " timeline " + post[0]);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(statusOf("/members/nobody/posts", null)).isEqualTo(404);
        assertThat(statusOf("/posts/42", null)).isEqualTo(404);
    }

    @Test
    void nobodyEditsOrDeletesAnotherMembersPostById() throws Exception {
        var ana = members.signUp("ana", "Ana");
        var bob = members.signUp("bob", "Bob");
        var eve = members.signUp("eve", "Eve");
        String open = write(ana, "Public");
        String close = write(ana, "Abonnés", "visibility", "followers");
        for (String path : List.of("/posts/" + open + "/edit", "/posts/" + open + "/delete")) {
            assertThat(statusOf(path, bob)).as(path).isEqualTo(403);
            mvc.perform(post(path).with(csrf()).session(bob).param("text", "volé")).andExpect(status().isForbidden());
            mvc.perform(post(path).with(csrf()).param("text", "volé")).andExpect(redirectedUrl("/signin"));
        }
        for (String path : List.of("/posts/" + close + "/edit", "/posts/" + close + "/delete")) {
            assertThat(statusOf(path, eve)).as(path).isEqualTo(404);
            mvc.perform(post(path).with(csrf()).session(eve).param("text", "volé")).andExpect(status().isNotFound());
        }
        assertThat(count("MATCH (p:Post) WHERE p.text = 'volé' OR p.editedAt IS NOT NULL RETURN count(p)")).isZero();
        assertThat(count("MATCH (p:Post) RETURN count(p)")).isEqualTo(2);
        assertThat(statusOf("/posts/new", null)).isEqualTo(302);
    }

    @Test
    void editingShowsAnEditedMarkAndAVisibilityChangeIsPublished() throws Exception {
        var ana = members.signUp("ana", "Ana");
        String id = write(ana, "Premier jet");
        var form = page("/posts/" + id + "/edit", ana);
        assertThat(form.selectFirst("#text").text()).isEqualTo("Premier jet");
        mvc.perform(post("/posts/" + id + "/edit").with(csrf()).session(ana).param("text", "Version revue")
                        .param("contentWarning", "").param("language", "en").param("visibility", "followers"))
                .andExpect(redirectedUrl("/posts/" + id));
        var doc = page("/posts/" + id, ana);
        assertThat(doc.select(".post-text").text()).isEqualTo("Version revue");
        assertThat(doc.select(".post-text").attr("lang")).isEqualTo("en");
        assertThat(doc.select(".post-edited").text()).startsWith("modifiée le");
        assertThat(doc.select(".post-edited time").attr("datetime")).isNotBlank();
        assertThat(events.stream(SocialEvents.PostPublished.class)).hasSize(2);
        // A refused edit keeps what was typed.
        var refused = Jsoup.parse(mvc.perform(post("/posts/" + id + "/edit").with(csrf()).session(ana).param("text", "")
                .param("contentWarning", "avertissement gardé").param("visibility", "public"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(refused.selectFirst("#contentWarning").val()).isEqualTo("avertissement gardé");
        assertThat(refused.select(".error-summary a").attr("href")).isEqualTo("#text");
    }

    @Test
    void deletingAsksForConfirmationThenRemovesThePostItsCommentsAndImages() throws Exception {
        var ana = members.signUp("ana", "Ana");
        var bob = members.signUp("bob", "Bob");
        String location = mvc.perform(multipart("/posts")
                        .file(new MockMultipartFile("images[0]", "a.png", "image/png", TestImages.png(40, 30)))
                        .with(csrf()).session(ana).param("text", "À effacer").param("alts[0]", "Une image"))
                .andReturn().getResponse().getRedirectedUrl();
        String id = location.substring("/posts/".length());
        String image = page("/posts/" + id, ana).selectFirst(".post-images img").attr("src");
        comment(bob, id, "Un commentaire", null);
        var confirm = page("/posts/" + id + "/delete", ana);
        assertThat(confirm.select("h1").text()).isEqualTo("Supprimer cette publication ?");
        assertThat(confirm.select("form[action=/posts/" + id + "/delete] button").text()).isEqualTo("Oui, supprimer la publication");
        assertThat(count("MATCH (p:Post) RETURN count(p)")).isEqualTo(1);
        mvc.perform(post("/posts/" + id + "/delete").with(csrf()).session(ana)).andExpect(redirectedUrl("/members/ana/posts"));
        assertThat(count("MATCH (n) WHERE n:Post OR n:Comment OR n:Image RETURN count(n)")).isZero();
        assertThat(statusOf(image, ana)).isEqualTo(404);
        assertThat(statusOf("/posts/" + id, ana)).isEqualTo(404);
        assertThat(events.stream(SocialEvents.PostDeleted.class)).hasSize(1);
    }

    @Test
    void theTimelineShowsTwentyPostsNewestFirstWithAnOlderPostsLink() throws Exception {
        var ana = members.signUp("ana", "Ana");
        // 25 posts a minute apart, two of them at the same instant: the id breaks the tie.
        cypher("""
                MATCH (m:Member {handle: 'ana'})
                UNWIND range(1, 25) AS n
                CREATE (m)-[:POSTED]->(:Post {id: randomUUID(), text: 'Post ' + n, contentWarning: '', language: '',
                        visibility: 'public', createdAt: datetime('2026-01-01T00:00:00Z') + duration({minutes: CASE WHEN n = 6 THEN 5 ELSE n END})})""");
        var first = page("/members/ana/posts", null);
        assertThat(first.select("h1").text()).isEqualTo("Publications de Ana");
        var texts = first.select("article.post-card .post-text").eachText();
        assertThat(texts).hasSize(20);
        assertThat(texts.getFirst()).isEqualTo("Post 25");
        String older = first.selectFirst("a[rel=next]").attr("href");
        var second = page(older, ana);
        var rest = second.select("article.post-card .post-text").eachText();
        assertThat(rest).hasSize(5);
        assertThat(second.select("a[rel=next]")).isEmpty();
        var all = new ArrayList<>(texts);
        all.addAll(rest);
        assertThat(all).doesNotHaveDuplicates().hasSize(25).endsWith("Post 1");
    }

    @Test
    void postingIsLimitedPerHourWithAClearMessage() throws Exception {
        var ana = members.signUp("ana", "Ana");
        for (int i = 0; i < PostingThrottle.POSTS_PER_HOUR; i++) {
            write(ana, "Post " + i);
        }
        var doc = Jsoup.parse(mvc.perform(multipart("/posts").with(csrf()).session(ana).param("text", "Un de trop"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(doc.select(".error-summary").text()).contains("Vous avez déjà publié 30 fois dans l’heure");
        assertThat(doc.selectFirst("#text").text()).isEqualTo("Un de trop");
    }

    @Test
    void hostileTextNeverBecomesActiveContentOnThePostPageOrTheTimeline() throws Exception {
        var ana = members.signUp("ana", "Ana");
        var bob = members.signUp("bob", "Bob");
        List<String> problems = new ArrayList<>();
        for (String hostile : XssCorpus.strings()) {
            forgetLimits(); // the corpus may outgrow an hour's allowance
            String location = mvc.perform(multipart("/posts")
                            .file(new MockMultipartFile("images[0]", "a.png", "image/png", TestImages.png(8, 8)))
                            .with(csrf()).session(ana).param("text", hostile).param("contentWarning", cut(hostile, 200))
                            .param("alts[0]", cut(hostile, 1000)))
                    .andReturn().getResponse().getRedirectedUrl();
            if (location == null || !location.startsWith("/posts/")) {
                assertThat(PostText.normalise(hostile)).as("only blank text is refused").isEmpty();
                continue;
            }
            String id = location.substring("/posts/".length());
            comment(bob, id, hostile, null);
            String html = mvc.perform(get("/posts/" + id).session(bob)).andReturn().getResponse().getContentAsString();
            XssCorpus.activeContent(html).forEach(p -> problems.add("post page: " + p));
            for (var a : Jsoup.parse(html).select(".post-text a, .comment-text a")) {
                if (!a.hasClass("mention") && !a.attr("rel").equals("nofollow ugc noopener")) {
                    problems.add("link without rel: " + a.outerHtml());
                }
            }
        }
        for (String path : List.of("/members/ana/posts", "/members/bob/posts")) {
            String html = mvc.perform(get(path)).andReturn().getResponse().getContentAsString();
            XssCorpus.activeContent(html).forEach(p -> problems.add(path + ": " + p));
        }
        assertThat(problems).isEmpty();
        assertThat(count("MATCH (p:Post) RETURN count(p)")).isGreaterThan(5);
    }

    private static String cut(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }

    @Autowired
    Posts posts;

    @Test
    void theFeedGetsCardsInTheOrderAskedLeavingOutWhatTheViewerMayNotRead() throws Exception {
        var ana = members.signUp("ana", "Ana");
        members.signUp("eve", "Eve");
        String a = write(ana, "Un");
        String b = write(ana, "Deux", "visibility", "followers");
        String c = write(ana, "Trois");
        String unknown = java.util.UUID.randomUUID().toString();
        assertThat(posts.cards(List.of(c, unknown, b, a), members.idOf("ana"))).extracting(PostCard::id).containsExactly(c, b, a);
        assertThat(posts.cards(List.of(c, unknown, b, a), members.idOf("eve"))).extracting(PostCard::id).containsExactly(c, a);
        assertThat(posts.cards(List.of(a, c), null)).extracting(PostCard::text).containsExactly("Un", "Trois");
        assertThat(posts.cards(List.of(), null)).isEmpty();
    }
}
