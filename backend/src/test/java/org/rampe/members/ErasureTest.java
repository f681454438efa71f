package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deleting one's account over real HTTP: the page, the password (or a mailed link) and the one
 * choice, what is refused and erases nothing, and what an erasure leaves: no account, no session on
 * any device, no sign-in, 410 on the member's pages, the handle reserved for 30 days, then free.
 */
class ErasureTest extends RampeTest {

    @Autowired
    private MemberErasure erasure;

    @Autowired
    private Members accounts;

    /** A member signed up on a client of their own; their verification mail is read. */
    private WebClient member(String handle) throws Exception {
        var client = new WebClient(baseUrl());
        client.signUp(handle + "@example.org", handle, TestMembers.PASSWORD, "fr");
        mail.awaitOne(handle + "@example.org");
        return client;
    }

    private boolean exists(String handle) {
        return graph.exists("MATCH (m:Member {handle: $h}) RETURN count(m) > 0", Map.of("h", handle));
    }

    private boolean canSignIn(String email) throws Exception {
        return WebClient.location(new WebClient(baseUrl()).submit("/signin", "email", email, "password", TestMembers.PASSWORD))
                .equals("/");
    }

    @Test
    void theAccountPageLinksToThePageThatExplainsWhatDeletingDoes() throws Exception {
        var ana = member("ana");
        assertThat(ana.get("/account").body()).contains("href=\"/account/delete\"");
        String page = ana.get("/account/delete").body();
        assertThat(page).contains("<h1>Supprimer mon compte</h1>", "href=\"/account/data\"",
                "votes anonymes", "18 mois", "30 jours", "<legend>Que faire de vos publications et de vos commentaires ?</legend>",
                "value=\"remove\"", "value=\"keep\"", "autocomplete=\"current-password\"", "action=\"/account/delete/link\"");
        // No default: the member chooses.
        assertThat(page).doesNotContain("checked");
    }

    @Test
    void aWrongPasswordOrNoChoiceErasesNothingAndSaysWhy() throws Exception {
        var ana = member("ana");
        var wrong = ana.submit("/account/delete", "choice", "remove", "password", "not my password at all");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("class=\"error-summary\"", "href=\"#password\"", "Le mot de passe n’est pas le bon");
        var noChoice = ana.submit("/account/delete", "password", TestMembers.PASSWORD);
        assertThat(noChoice.statusCode()).isEqualTo(200);
        assertThat(noChoice.body()).contains("href=\"#choice\"", "Choisissez ce que deviennent vos publications et vos commentaires");
        var english = new WebClient(baseUrl());
        english.signUp("bob@example.org", "bob", TestMembers.PASSWORD, "en");
        assertThat(english.submit("/account/delete", "password", "").body())
                .contains("Choose what happens to your posts and comments", "Enter your password");

        assertThat(exists("ana")).isTrue();
        assertThat(ana.signedIn()).isTrue();
        assertThat(canSignIn("ana@example.org")).isTrue();
    }

    @Test
    void wrongPasswordsAreLimitedAsSignInFailuresAre() throws Exception {
        var ana = member("ana");
        for (int i = 0; i < SignInThrottle.FAILURES_PER_ACCOUNT; i++) {
            assertThat(ana.submit("/account/delete", "choice", "keep", "password", "guess number " + i).statusCode()).isEqualTo(200);
        }
        assertThat(ana.submit("/account/delete", "choice", "keep", "password", TestMembers.PASSWORD).statusCode()).isEqualTo(429);
        assertThat(exists("ana")).isTrue();
    }

    @Test
    void theRightPasswordErasesTheAccountSignsOutEveryDeviceAndReservesTheHandleFor30Days() throws Exception {
        var ana = member("ana");
        var phone = new WebClient(baseUrl());
        phone.signIn("ana@example.org", TestMembers.PASSWORD);
        String id = members.idOf("ana");
        // A mail still waiting for her address goes with the account.
        graph.write("""
                CREATE (:OutboxMail {id: 'waiting', from: 'rampe@example.org', to: 'ana@example.org', subject: 's', text: 't',
                        html: 'h', template: 'notify', createdAt: datetime(), nextAttemptAt: datetime() + duration('P1D'), attempts: 0})
                """);
        assertThat(graph.count("MATCH (s:Session) RETURN count(s)", Map.of())).isGreaterThanOrEqualTo(2);
        // Her access needs with their consent history, a passkey, a sign-in link, a pending account link.
        assertThat(WebClient.location(ana.submit("/account/needs", "needs", "hearing", "note", "Sous-titres",
                "visibility", "only_me", "consent", "yes"))).isEqualTo("/account/needs");
        graph.write("""
                MATCH (m:Member {id: $id})-[:HAS_NEEDS]->(n:AccessNeeds)
                CREATE (n)-[:CONSENTED]->(:ConsentEvent {at: datetime(), what: 'needs'})
                SET m.passkeyUserHandle = 'user-handle-of-ana'
                CREATE (m)-[:HAS_PASSKEY]->(:Passkey {id: randomUUID(), credentialId: 'credential-of-ana', name: 'Téléphone'})
                CREATE (m)-[:HAS_SIGN_IN_LINK]->(:SignInLink {hash: 'link-of-ana', createdAt: datetime(),
                                                              expiresAt: datetime() + duration('PT15M')})
                """, Map.of("id", id));
        ana.submit("/account/delete/link");
        assertThat(graph.count("MATCH (:Member {id: $id})-[:HAS_TOKEN]->(t) RETURN count(t)", Map.of("id", id))).isPositive();

        var done = ana.submit("/account/delete", "choice", "remove", "password", TestMembers.PASSWORD);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(done)).isEqualTo("/");
        String home = ana.get("/").body();
        assertThat(WebClient.notice(home)).isEqualTo("Votre compte a été supprimé.");
        assertThat(home).doesNotContain("action=\"/signout\"");
        assertThat(phone.signedIn()).isFalse();
        assertThat(graph.count("MATCH (s:Session {memberId: $id}) RETURN count(s)", Map.of("id", id))).isZero();
        assertThat(canSignIn("ana@example.org")).isFalse();
        assertThat(exists("ana")).isFalse();
        assertThat(graph.count("MATCH (m:OutboxMail {to: 'ana@example.org'}) RETURN count(m)", Map.of())).isZero();
        for (String label : new String[] {"AccessNeeds", "ConsentEvent", "Passkey", "SignInLink", "AccountToken"}) {
            assertThat(graph.count("MATCH (n:" + label + ") RETURN count(n)", Map.of())).as(label).isZero();
        }

        // Her pages are gone, and say so.
        var visitor = new WebClient(baseUrl());
        var profile = visitor.get("/members/ana");
        assertThat(profile.statusCode()).isEqualTo(410);
        assertThat(profile.body()).contains("<h1>Ce compte a été supprimé</h1>");
        assertThat(visitor.get("/members/ANA/followers").statusCode()).isEqualTo(410);
        assertThat(visitor.get("/members/ana/posts").statusCode()).isEqualTo(410);
        assertThat(visitor.get("/members/nobody_ever").statusCode()).isEqualTo(404);

        // The handle is reserved, by its digest only, for 30 days.
        assertThat(graph.count("MATCH (r:ReservedHandle) WHERE r.digest = $d RETURN count(r)",
                Map.of("d", MemberErasure.digest("ana")))).isEqualTo(1);
        var taker = new WebClient(baseUrl());
        var refused = taker.signUp("other@example.org", "ana", TestMembers.PASSWORD, "en");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Ce pseudo appartenait à un compte supprimé il y a moins de 30 jours");

        // 30 days later the reservation is purged: the handle is an unknown one, then anyone's.
        graph.write("MATCH (r:ReservedHandle) SET r.until = datetime() - duration('PT1M')");
        erasure.purgeReservations();
        assertThat(graph.count("MATCH (r:ReservedHandle) RETURN count(r)", Map.of())).isZero();
        assertThat(visitor.get("/members/ana").statusCode()).isEqualTo(404);
        assertThat(taker.signUp("other@example.org", "ana", TestMembers.PASSWORD, "en").statusCode()).isEqualTo(302);
    }

    @Test
    void eachChoiceErasesTheAccount() throws Exception {
        var ana = member("ana");
        var bob = member("bob");
        assertThat(WebClient.location(ana.submit("/account/delete", "choice", "remove", "password", TestMembers.PASSWORD))).isEqualTo("/");
        assertThat(WebClient.location(bob.submit("/account/delete", "choice", "keep", "password", TestMembers.PASSWORD))).isEqualTo("/");
        assertThat(exists("ana")).isFalse();
        assertThat(exists("bob")).isFalse();
        // Each handle is reserved by itself and by its look (issue 17: HandleSkeletons), two each.
        assertThat(graph.count("MATCH (r:ReservedHandle) RETURN count(r)", Map.of())).isEqualTo(4);
    }

    @Test
    void aMemberWithoutAPasswordConfirmsByAMailedLinkWithTheSameChoice() throws Exception {
        var ana = member("ana");
        var sent = ana.submit("/account/delete/link");
        assertThat(WebClient.location(sent)).isEqualTo("/account/delete");
        assertThat(WebClient.notice(ana.get("/account/delete").body())).contains("Nous vous avons envoyé un lien");
        String link = mail.awaitOne("ana@example.org").link("/account/delete/confirm");

        // Opened anywhere (here signed out): the same words and choice, nothing happens before the button.
        var elsewhere = new WebClient(baseUrl());
        var page = elsewhere.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Supprimer mon compte</h1>", "value=\"remove\"", "value=\"keep\"");
        String token = link.substring(link.indexOf("token=") + 6);
        var noChoice = elsewhere.post("/account/delete/confirm", "token", token);
        assertThat(noChoice.statusCode()).isEqualTo(200);
        assertThat(noChoice.body()).contains("href=\"#choice\"");
        assertThat(exists("ana")).isTrue();

        var done = elsewhere.post("/account/delete/confirm", "token", token, "choice", "keep");
        assertThat(WebClient.location(done)).isEqualTo("/");
        assertThat(exists("ana")).isFalse();
        assertThat(ana.signedIn()).isFalse();
        // Used once.
        assertThat(new WebClient(baseUrl()).get(link).statusCode()).isEqualTo(404);
    }

    @Test
    void anInterruptedErasureIsFinishedByTheResume() throws Exception {
        members.signUp("ana");
        var bob = member("bob");
        String ana = members.idOf("ana");
        Instant at = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        // As a crash would leave it: marked, part done, the node still there.
        graph.write("MATCH (m:Member {id: $id}) SET m.erasingSince = $at, m.erasureChoice = 'ANONYMISE'",
                Map.of("id", ana, "at", at.atOffset(ZoneOffset.UTC)));

        // Marked: already gone for everyone, and nobody signs in as her.
        assertThat(accounts.byHandle("ana")).isEmpty();
        assertThat(accounts.credentials("ana@example.org")).isEmpty();
        assertThat(new WebClient(baseUrl()).get("/members/ana").statusCode()).isEqualTo(410);
        assertThat(new WebClient(baseUrl()).signUp("x@example.org", "ana", TestMembers.PASSWORD, "fr").statusCode()).isEqualTo(200);

        assertThat(erasure.resumeInterrupted()).isEqualTo(1);
        assertThat(exists("ana")).isFalse();
        assertThat(exists("bob")).isTrue();
        assertThat(bob.signedIn()).isTrue();
        // The reservation counts from when she confirmed.
        var until = graph.one("MATCH (r:ReservedHandle {digest: $d}) RETURN r.until AS until", Map.of("d", MemberErasure.digest("ana")),
                r -> r.get("until").asZonedDateTime().toInstant()).orElseThrow();
        assertThat(until).isEqualTo(at.plus(MemberErasure.HANDLE_RESERVED));
        // Nothing left to resume; running it again changes nothing.
        assertThat(erasure.resumeInterrupted()).isZero();
    }

    @Test
    void theFormerMemberIsNeverListedFoundOrSignedInto() throws Exception {
        members.signUp("ana");
        graph.write("MERGE (:Member:Former {id: $id})", Map.of("id", Erasure.FORMER_MEMBER_ID));
        var former = Erasure.formerMember();
        assertThat(accounts.byId(former)).isEmpty();
        assertThat(accounts.maySignIn(former)).isFalse();
        assertThat(accounts.byHandle("")).isEmpty();
        String listing = new WebClient(baseUrl()).get("/members?q=a").body();
        assertThat(listing).doesNotContain(Erasure.FORMER_MEMBER_ID);
        // Nobody can erase it (or take it away with an erased member).
        assertThat(erasure.erase(former, Erasure.Choice.REMOVE)).isFalse();
        var ana = members.idOf("ana");
        erasure.erase(new MemberId(ana), Erasure.Choice.ANONYMISE);
        assertThat(graph.count("MATCH (f:Member:Former) RETURN count(f)", Map.of())).isEqualTo(1);
    }
}
