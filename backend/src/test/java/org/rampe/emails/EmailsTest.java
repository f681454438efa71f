package org.rampe.emails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.SocialFixtures;
import org.rampe.graph.Graph;
import org.rampe.messaging.Messaging;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Notification emails, read from the real SMTP server of the tests: the choices and their
 * defaults, mails at once and in the digest, the notifications' rule (no mail from a blocked or muted
 * member), messages while away, the one-click unsubscribe, and the moderators' self-harm alert.
 */
class EmailsTest extends RampeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    DailyDigest digest;

    @Autowired
    Messaging messaging;

    SocialFixtures social;
    MockHttpSession bea;
    String beaId;
    String ana;
    String cal;

    @BeforeEach
    void members() throws Exception {
        social = new SocialFixtures(graph, events);
        bea = signUpVerified(newMember("bea").speaking("en"));
        beaId = members.idOf("bea");
        ana = createVerified("ana");
        cal = createVerified("cal");
    }

    /**
     * A member signed up through the form whose address is verified (only a verified address gets
     * notification mail), with their verification mail already out of the way.
     */
    private MockHttpSession signUpVerified(org.rampe.TestMembers.NewMember member) throws Exception {
        var session = members.signUp(member);
        members.verifyEmail(member.handle());
        mail.settle();
        return session;
    }

    /** A member written with Cypher, their address verified. */
    private String createVerified(String handle) {
        String id = members.create(handle);
        members.verifyEmail(handle);
        return id;
    }

    private Document page(MockHttpSession session, String url) throws Exception {
        return Jsoup.parse(mvc.perform(get(url).session(session).cookie(new jakarta.servlet.http.Cookie("rampe_lang", "en")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    /** A mail's text without the invisible marks that isolate names written in another direction. */
    private static String plain(String text) {
        return text.replace("\u2068", "").replace("\u2069", "");
    }

    private void choose(MockHttpSession session, String kind, String choice) throws Exception {
        mvc.perform(post("/account/emails").with(csrf()).session(session).param(kind, choice))
                .andExpect(redirectedUrl("/account/emails")).andExpect(flash().attribute("notice", "emails.saved"));
    }

    private String stored(String handle, String property) {
        return graph.one("MATCH (m:Member {handle: $h}) RETURN m[$p] AS v", Graph.params("h", handle, "p", property),
                r -> r.get("v").asString(null)).orElse(null);
    }

    /** Bea's comment on her own post, which Ana answers. */
    private String[] anaRepliesToBea() {
        String post = social.post(beaId, "Qui connaît un dentiste attentif à l’autisme à Bordeaux ?");
        String mine = social.comment(beaId, post, null, "Personne ?");
        String reply = social.comment(ana, post, mine, "Le docteur Martin, rue Sainte-Catherine, très patient");
        return new String[] {post, reply};
    }

    private long pendingDigestItems() {
        return graph.count("MATCH (:Member {id: $m})-[:DIGEST_ITEM]->(i:DigestItem) RETURN count(i)", Map.of("m", beaId));
    }

    // ---------------------------------------------------------------- choices

    @Test
    void decisionsComeAtOnceRepliesAndMessagesInTheDigestAndTheRestNeverByDefault() throws Exception {
        Document settings = page(bea, "/account/emails");
        assertThat(settings.select("h1").text()).isEqualTo("Emails");
        assertThat(settings.select("input[name=replies][checked]").attr("value")).isEqualTo("digest");
        assertThat(settings.select("input[name=messages][checked]").attr("value")).isEqualTo("digest");
        assertThat(settings.select("input[name=follows][checked]").attr("value")).isEqualTo("none");
        assertThat(settings.select("input[name=groups][checked]").attr("value")).isEqualTo("none");
        assertThat(settings.select("input[name=decisions][checked]").attr("value")).isEqualTo("immediately");
        // One fieldset per kind, its legend naming it, each radio labelled.
        assertThat(settings.select("fieldset legend").eachText()).containsExactly("Replies and mentions",
                "Messages while you are away", "Follows", "Group invitations and requests", "Moderation decisions about you");
        assertThat(settings.select("fieldset input[type=radio]")).hasSize(15)
                .allSatisfy(radio -> assertThat(settings.select("label[for=" + radio.id() + "]")).hasSize(1));
        assertThat(stored("bea", "mailReplies")).as("nothing stored until chosen").isNull();
    }

    @Test
    void aMemberChangesAChoiceAndAnUnknownValueChangesNothing() throws Exception {
        choose(bea, "follows", "immediately");
        mvc.perform(post("/account/emails").with(csrf()).session(bea).param("replies", "sometimes").param("passwordHash", "x"))
                .andExpect(redirectedUrl("/account/emails"));
        assertThat(stored("bea", "mailFollows")).isEqualTo("immediately");
        assertThat(stored("bea", "mailReplies")).isNull();
        Document settings = page(bea, "/account/emails");
        assertThat(settings.select("input[name=follows][checked]").attr("value")).isEqualTo("immediately");
        assertThat(settings.select("input[name=replies][checked]").attr("value")).isEqualTo("digest");
        assertThat(mvc.perform(get("/account/emails")).andReturn().getResponse().getRedirectedUrl()).contains("/signin");
    }

    // ---------------------------------------------------------------- replies: at once, digest, never

    @Test
    void aReplyIsMailedOnceAtOnceWithALinkAndNothingOfWhatWasWritten() throws Exception {
        choose(bea, "replies", "immediately");
        String[] ids = anaRepliesToBea();

        var received = mail.awaitOne("bea@example.org");
        assertThat(received.subject()).isEqualTo("@ana replied to your comment.");
        assertThat(plain(received.text())).contains("Ana (@ana) replied to your comment.").contains("Read the reply on Rampe")
                .doesNotContain("Martin").doesNotContain("dentiste");
        assertThat(received.html()).contains("<h1").doesNotContain("Martin");
        assertThat(received.absoluteLink("/posts/")).endsWith("/posts/" + ids[0] + "#comment-" + ids[1]);
        assertThat(received.header("List-Unsubscribe")).contains("/emails/unsubscribe/" + beaId + "/replies/");
        assertThat(received.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).as("once").hasSize(1);
        assertThat(digest.send()).as("nothing left for the digest").isZero();
    }

    @Test
    void aReplyWithTheDefaultDigestWaitsForTheNextDigestAndComesOnce() throws Exception {
        String[] ids = anaRepliesToBea();
        social.mention(cal, beaId, ids[0], null);
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).as("not before the digest").isEmpty();
        assertThat(pendingDigestItems()).isEqualTo(2);

        assertThat(digest.send()).isEqualTo(1);
        var received = mail.awaitOne("bea@example.org");
        assertThat(received.subject()).isEqualTo("Rampe: 2 pieces of news for you");
        assertThat(plain(received.text())).contains("Ana (@ana) replied to your comment.").contains("Cal (@cal) mentioned you.")
                .doesNotContain("Martin");
        assertThat(received.absoluteLink("/posts/")).endsWith("/posts/" + ids[0] + "#comment-" + ids[1]);
        assertThat(received.header("List-Unsubscribe")).contains("/emails/unsubscribe/" + beaId + "/digest/");
        assertThat(pendingDigestItems()).as("cleared").isZero();

        assertThat(digest.send()).as("the next day, nothing new").isZero();
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).hasSize(1);
    }

    @Test
    void aReplyWithNoneIsNeverMailed() throws Exception {
        choose(bea, "replies", "none");
        anaRepliesToBea();
        assertThat(digest.send()).isZero();
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).isEmpty();
        assertThat(pendingDigestItems()).isZero();
    }

    @Test
    void nobodyIsMailedAboutWhatTheyDidThemselvesNorByAMemberTheyBlockOrMuteOrWhoBlocksThem() throws Exception {
        choose(bea, "replies", "immediately");
        choose(bea, "follows", "immediately");
        String post = social.post(beaId, "Bonjour");
        social.comment(beaId, post, null, "Je me réponds");
        social.block(beaId, ana);
        social.comment(ana, post, null, "Bloquée");
        social.mute(beaId, cal);
        social.comment(cal, post, null, "En sourdine");
        social.follow(cal, beaId);
        String dan = createVerified("dan");
        social.block(dan, beaId);
        social.mention(dan, beaId, post, null);
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).isEmpty();

        String eve = createVerified("eve");
        social.follow(eve, beaId);
        assertThat(mail.awaitOne("bea@example.org").subject()).isEqualTo("@eve now follows you.");
    }

    @Test
    void aDigestLeavesOutWhatBecameBlockedOrUnreadableSince() throws Exception {
        String post = social.post(beaId, "Bonjour");
        social.comment(ana, post, null, "Un");
        social.comment(cal, post, null, "Deux");
        social.block(beaId, ana);
        assertThat(digest.send()).isEqualTo(1);
        var received = mail.awaitOne("bea@example.org");
        assertThat(received.text()).contains("@cal").doesNotContain("@ana");
        assertThat(received.subject()).isEqualTo("Rampe: one piece of news for you");
        assertThat(pendingDigestItems()).isZero();
    }

    @Test
    void aMemberWithoutAMailRecipientGetsNothingNotEvenLater() throws Exception {
        // Members.mailRecipient is empty for an unknown member or an unverified address; a demo member never gets mail.
        graph.write("MATCH (m:Member {id: $m}) SET m.demo = true", Map.of("m", beaId));
        choose(bea, "replies", "immediately");
        anaRepliesToBea();
        assertThat(digest.send()).isZero();
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).isEmpty();
        assertThat(pendingDigestItems()).isZero();
    }

    @Test
    void aModeratorsDecisionIsMailedAtOnceByDefaultWithALinkToTheDecisionAndNothingElse() throws Exception {
        var admin = signUpVerified(newMember(ADMIN_HANDLE).withEmail("admin@example.org"));
        String post = social.post(ana, "Un texte qui enfreint la règle");
        report(bea, post, "spam");
        String caseId = graph.one("MATCH (c:Case {targetId: $t}) RETURN c.id AS id", Map.of("t", post), r -> r.get("id").asString()).orElseThrow();
        mvc.perform(post("/moderation/cases/" + caseId + "/decision").with(csrf()).session(admin)
                .param("action", "warn").param("rule", "Règle 1 : respect").param("reason", "Raison très particulière"))
                .andExpect(status().is3xxRedirection());
        String decision = graph.one("MATCH (d:Decision)-[:ON]->(:Case {id: $c}) RETURN d.id AS id", Map.of("c", caseId),
                r -> r.get("id").asString()).orElseThrow();

        var received = mail.awaitOne("ana@example.org");
        assertThat(received.subject()).isEqualTo("Rampe : une décision de modération vous concerne");
        assertThat(received.absoluteLink("/decisions/")).endsWith("/decisions/" + decision);
        assertThat(received.text()).doesNotContain("particulière").doesNotContain("Règle 1").doesNotContain("enfreint");
        assertThat(received.header("List-Unsubscribe")).contains("/decisions/");
    }

    @Test
    void groupInvitationsAndRequestsReachTheInvitedAndTheGroupsModeratorsWhoChoseThem() throws Exception {
        choose(bea, "groups", "immediately");
        signUpVerified(newMember("zed").speaking("en"));
        String g = group("Entraide", "zed");
        graph.write("MATCH (m:Member {handle: 'zed'}) SET m.mailGroups = 'immediately'", Map.of());
        events.publishEvent(new org.rampe.groups.GroupEvents.Invited(g, beaId, members.idOf("zed")));
        var invited = mail.awaitOne("bea@example.org");
        assertThat(plain(invited.text())).contains("Zed (@zed) invites you to the group “Entraide”.");
        assertThat(invited.absoluteLink("/groups/")).endsWith("/groups/entraide");

        events.publishEvent(new org.rampe.groups.GroupEvents.JoinRequested(g, cal));
        assertThat(plain(mail.awaitOne("zed@example.org").text())).contains("Cal (@cal) asks to join the group “Entraide”.");
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).as("not a moderator").hasSize(1);
    }

    // ---------------------------------------------------------------- messages while away

    @Test
    void messagesWhileAwayMailOncePerConversationUntilReadThenAgain() throws Exception {
        choose(bea, "messages", "immediately");
        everyoneTakesMessages();
        String conversation = messaging.startDirect(ana, "bea").id();
        messaging.send(ana, conversation, "1", "Coucou, tu viens samedi ?");
        messaging.send(ana, conversation, "2", "C’est au parc accessible");
        var first = mail.awaitOne("bea@example.org");
        assertThat(first.subject()).isEqualTo("@ana sent you a message.");
        assertThat(first.link("/messages/")).endsWith("/messages/" + conversation);
        assertThat(first.text()).doesNotContain("samedi").doesNotContain("parc");
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).as("one per conversation until read").hasSize(1);

        messaging.markRead(beaId, conversation, 2);
        messaging.send(ana, conversation, "3", "Alors ?");
        assertThat(mail.await("bea@example.org", 2)).hasSize(2);
        messaging.send(ana, conversation, "4", "Allô ?");
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).hasSize(2);
        // The sender is never mailed about their own message.
        assertThat(mail.received("ana@example.org")).isEmpty();
    }

    @Test
    void messagesWhileAwayGoToTheDigestOnceAndReadingTakesThemOut() throws Exception {
        everyoneTakesMessages();
        String conversation = messaging.startDirect(ana, "bea").id();
        messaging.send(ana, conversation, "1", "Un");
        messaging.send(ana, conversation, "2", "Deux");
        assertThat(pendingDigestItems()).isEqualTo(1);
        messaging.markRead(beaId, conversation, 2);
        assertThat(pendingDigestItems()).as("read since: nothing to tell").isZero();
        messaging.send(ana, conversation, "3", "Trois");
        assertThat(digest.send()).isEqualTo(1);
        assertThat(plain(mail.awaitOne("bea@example.org").text())).contains("Ana (@ana) sent you a message.").doesNotContain("Trois");
    }

    // ---------------------------------------------------------------- one-click unsubscribe

    @Test
    void oneClickUnsubscribeByPostNeedsNoSessionNorCsrfAndSetsTheKindToNone() throws Exception {
        choose(bea, "follows", "immediately");
        social.follow(ana, beaId);
        var received = mail.awaitOne("bea@example.org");
        String url = received.header("List-Unsubscribe").replaceAll("^<|>$", "");
        assertThat(received.header("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        String path = URI.create(url).getPath();

        // A GET (a mail scanner following the link) only shows the button.
        var shown = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(shown.body()).select("main form[method=post] button").text()).isEqualTo("Ne plus recevoir ces e-mails");
        assertThat(stored("bea", "mailFollows")).isEqualTo("immediately");

        // What a mail program sends (RFC 8058): no cookie, no token.
        var done = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(done.body()).select("main li").text()).isEqualTo("Abonnements");
        assertThat(stored("bea", "mailFollows")).isEqualTo("none");

        social.follow(cal, beaId);
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).hasSize(1);

        // A link for another member, another kind or with a wrong token is not found.
        for (String wrong : new String[] {path.replace(beaId, ana), path.replace("/follows/", "/replies/"),
                path.substring(0, path.length() - 3) + "AAA", "/emails/unsubscribe/" + beaId + "/passwords/x"}) {
            var refused = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + wrong)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(wrong).isEqualTo(404);
        }
    }

    @Test
    void theDigestsOneClickUnsubscribeStopsEveryKindInTheDigestOnly() throws Exception {
        anaRepliesToBea();
        digest.send();
        String url = mail.awaitOne("bea@example.org").header("List-Unsubscribe").replaceAll("^<|>$", "");
        var done = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + URI.create(url).getPath()))
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(stored("bea", "mailReplies")).isEqualTo("none");
        assertThat(stored("bea", "mailMessages")).isEqualTo("none");
        assertThat(stored("bea", "mailDecisions")).as("not in the digest: kept").isNull();
    }

    // ---------------------------------------------------------------- self-harm reports

    private String group(String name, String... moderators) {
        String id = UUID.randomUUID().toString();
        graph.write("CREATE (:Group {id: $id, slug: $slug, name: $name, description: '', rules: '', kind: 'public', createdAt: datetime()})",
                Map.of("id", id, "slug", name.toLowerCase(), "name", name));
        for (String handle : moderators) {
            graph.write("""
                    MATCH (m:Member {handle: $h}), (g:Group {id: $g})
                    MERGE (m)-[:MEMBER_OF {role: 'moderator', since: datetime()}]->(g)""", Map.of("h", handle, "g", id));
        }
        return id;
    }

    private String groupPost(String authorId, String group, String text) {
        String id = UUID.randomUUID().toString();
        graph.write("""
                MATCH (m:Member {id: $a}), (g:Group {id: $g})
                CREATE (m)-[:POSTED]->(p:Post {id: $id, text: $text, contentWarning: '', language: 'fr', visibility: 'group',
                                               createdAt: datetime()})-[:IN_GROUP]->(g)""",
                Map.of("a", authorId, "g", group, "id", id, "text", text));
        return id;
    }

    private void report(MockHttpSession reporter, String post, String reason) throws Exception {
        mvc.perform(post("/report").with(csrf()).session(reporter).param("kind", "post").param("id", post)
                .param("reason", reason).param("text", "")).andExpect(status().is3xxRedirection());
    }

    @Test
    void aSelfHarmReportAlertsTheGroupsModeratorsAtOnceWithoutContentAndOtherReasonsDoNot() throws Exception {
        var moe = signUpVerified(newMember("moe"));
        signUpVerified(newMember("zed").speaking("en"));
        String g = group("Entraide", "moe", "zed");
        String post = groupPost(ana, g, "Je n’en peux plus, je veux disparaître");
        String spam = groupPost(ana, g, "Achetez mes pilules");

        report(bea, spam, "spam");
        report(bea, post, "self_harm");
        var alert = mail.awaitOne("zed@example.org");
        String caseId = graph.one("MATCH (c:Case {targetId: $t}) RETURN c.id AS id", Map.of("t", post), r -> r.get("id").asString()).orElseThrow();
        assertThat(alert.subject()).isEqualTo("Rampe: an urgent report is waiting in a queue you moderate");
        assertThat(alert.text()).contains("“Entraide”").doesNotContain("disparaître").doesNotContain("@bea").doesNotContain("@ana");
        assertThat(alert.html()).doesNotContain("disparaître");
        assertThat(alert.absoluteLink("/moderation/")).endsWith("/moderation/groups/" + g + "#case-" + caseId);
        assertThat(mail.awaitOne("moe@example.org").text()).contains("« Entraide »");
        mail.deliverNow();
        assertThat(mail.received("zed@example.org")).as("the spam report mails nobody").hasSize(1);

        // A moderator who reports is not alerted by their own report; the other one is.
        String other = groupPost(ana, g, "Encore");
        report(moe, other, "self_harm");
        assertThat(mail.await("zed@example.org", 2)).hasSize(2);
        mail.deliverNow();
        assertThat(mail.received("moe@example.org")).hasSize(1);
    }

    @Test
    void aSelfHarmReportInTheSiteQueueAlertsTheAdministrators() throws Exception {
        signUpVerified(newMember(ADMIN_HANDLE).withEmail("admin@example.org"));
        String post = social.post(ana, "Plus rien n’a de sens");
        report(bea, post, "self_harm");
        var alert = mail.awaitOne("admin@example.org");
        assertThat(alert.absoluteLink("/moderation")).contains("/moderation#case-");
        assertThat(alert.text()).doesNotContain("sens");
        mail.deliverNow();
        assertThat(mail.received("bea@example.org")).as("not the reporter").isEmpty();
    }

    @Test
    void aSelfHarmReportAboutAGroupsOwnModeratorAlertsTheAdministratorsAndNotTheGroup() throws Exception {
        // Issue 17: the case goes to the site queue only, and so does its alert.
        signUpVerified(newMember(ADMIN_HANDLE).withEmail("admin@example.org"));
        signUpVerified(newMember("moe"));
        signUpVerified(newMember("zed"));
        String g = group("Entraide", "moe", "zed");
        String post = groupPost(members.idOf("moe"), g, "Je n’en peux plus");
        report(bea, post, "self_harm");
        assertThat(mail.awaitOne("admin@example.org").absoluteLink("/moderation")).contains("/moderation#case-");
        mail.deliverNow();
        assertThat(mail.received("zed@example.org")).as("not the group's other moderator").isEmpty();
    }
}
