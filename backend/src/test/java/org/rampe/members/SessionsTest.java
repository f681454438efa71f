package org.rampe.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.HttpDevice.CHROME_WINDOWS;
import static org.rampe.HttpDevice.FIREFOX_ANDROID;
import static org.rampe.HttpDevice.SAFARI_MAC;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rampe.HttpDevice;
import org.rampe.RampeTest;
import org.rampe.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Sessions through the real server: who gets one (nobody who only reads), the list of a member's
 * signed-in devices, ending one and ending all the others, and the limit on doing so.
 */
class SessionsTest extends RampeTest {

    private static final Pattern END_FORM = Pattern.compile("action=\"(/account/sessions/[A-Za-z0-9_-]{22}/end)\"");

    @Autowired
    MockMvc mvc;

    private HttpDevice device(String userAgent) {
        return new HttpDevice(baseUrl(), userAgent);
    }

    private HttpDevice signedIn(String handle, String userAgent) throws Exception {
        return device(userAgent).signIn(handle + "@example.org", TestMembers.PASSWORD);
    }

    @Test
    void visitorsWhoOnlyReadGetNoSessionCookieAndNoSession() throws Exception {
        var ana = members.signUp("ana");
        String place = mvc.perform(post("/places/new").with(csrf()).session(ana)
                        .param("name", "Pharmacie de la Comédie").param("category", "pharmacie").param("city", "Montpellier")
                        .param("lat", "43.6086").param("lon", "3.8797"))
                .andReturn().getResponse().getRedirectedUrl();
        String group = mvc.perform(post("/groups").with(csrf()).session(ana).param("name", "Fauteuils à Montpellier")
                        .param("kind", "public").param("description", "Entraide").param("rules", "Bienveillance."))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(place).startsWith("/places/");
        assertThat(group).startsWith("/groups/");
        long sessionsBefore = graph.count("MATCH (s:Session) RETURN count(s)", Map.of());

        var visitor = device(FIREFOX_ANDROID);
        List<String> pages = List.of("/", "/places?near=43.61,3.88", "/places", place, "/members/ana", "/members", group,
                "/groups", "/associations", "/accessibility", "/signin", "/signup", "/preferences");
        List<String> problems = new ArrayList<>();
        for (String path : pages) {
            var response = visitor.get(path);
            if (response.statusCode() != 200) {
                problems.add(path + " answered " + response.statusCode());
            }
            if (HttpDevice.cookiesSetBy(response).contains("RAMPE_SESSION")) {
                problems.add(path + " set a session cookie");
            }
        }
        // A members-only page sends the visitor to sign in, and keeps nothing for them on the way.
        var feed = visitor.get("/feed");
        assertThat(feed.statusCode()).isEqualTo(302);
        assertThat(HttpDevice.cookiesSetBy(feed)).doesNotContain("RAMPE_SESSION");

        assertThat(problems).isEmpty();
        assertThat(visitor.cookie("RAMPE_SESSION")).isNull();
        // The forms the pages carry still work: their token is in a cookie.
        assertThat(visitor.cookie(CsrfTokens.COOKIE)).isNotNull();
        assertThat(graph.count("MATCH (s:Session) RETURN count(s)", Map.of())).isEqualTo(sessionsBefore);
    }

    @Test
    void aVisitorsFormsWorkWithTheTokenFromTheCookie() throws Exception {
        var visitor = device(FIREFOX_ANDROID);
        var home = visitor.get("/");
        var language = visitor.post("/language", home.body(), "lang", "en", "returnTo", "/");
        assertThat(language.statusCode()).isEqualTo(302);
        assertThat(visitor.get("/").body()).contains("lang=\"en\"");
        // Without the token, refused as before.
        var forged = new HttpDevice(baseUrl(), FIREFOX_ANDROID).post("/language", home.body(), "lang", "en");
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void aMemberSeesEachSignedInDeviceInPlainWordsWithThisOneMarked() throws Exception {
        members.signUp("bea");
        var phone = signedIn("bea", FIREFOX_ANDROID);
        signedIn("bea", SAFARI_MAC);

        String page = phone.get("/account/sessions").body();
        assertThat(page).contains("<h1>Appareils connectés</h1>", "Firefox sur Android", "Safari sur macOS",
                "cet appareil", "Déconnecter tous les autres appareils", "Connexion :", "Dernière activité :");
        // This device is listed first, marked, and has no button to end it (signing out does that).
        assertThat(page.indexOf("Firefox sur Android")).isLessThan(page.indexOf("Safari sur macOS"));
        assertThat(END_FORM.matcher(page).results().count()).isEqualTo(1);
        // The session ids, which are secrets, never appear on the page.
        assertThat(page).doesNotContain(phone.cookie("RAMPE_SESSION"));

        phone.post("/language", page, "lang", "en", "returnTo", "/account/sessions");
        assertThat(phone.get("/account/sessions").body()).contains("<h1>Signed-in devices</h1>", "Firefox on Android",
                "Safari on macOS", "this device", "Sign out everywhere else");
    }

    @Test
    void endingADeviceSignsItOutOnItsNextRequestAndLeavesTheOthers() throws Exception {
        members.signUp("cleo");
        var phone = signedIn("cleo", FIREFOX_ANDROID);
        var laptop = signedIn("cleo", SAFARI_MAC);
        assertThat(laptop.signedIn()).isTrue();

        String page = phone.get("/account/sessions").body();
        var end = END_FORM.matcher(page);
        assertThat(end.find()).isTrue();
        var ended = phone.post(end.group(1), page);
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/account/sessions"));
        String after = phone.get("/account/sessions").body();
        assertThat(after).contains("L’appareil a été déconnecté.", "Votre compte n’est connecté sur aucun autre appareil.")
                .doesNotContain("Safari sur macOS");

        assertThat(laptop.signedIn()).isFalse();
        assertThat(laptop.get("/account/sessions").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/signin"));
        assertThat(phone.signedIn()).isTrue();
    }

    @Test
    void signingOutEverywhereElseKeepsOnlyThisDevice() throws Exception {
        members.signUp("dan");
        var phone = signedIn("dan", FIREFOX_ANDROID);
        var laptop = signedIn("dan", SAFARI_MAC);
        var office = signedIn("dan", CHROME_WINDOWS);
        members.signUp("eve");
        var someoneElse = signedIn("eve", CHROME_WINDOWS);

        String page = office.get("/account/sessions").body();
        assertThat(page).contains("Chrome sur Windows", "Firefox sur Android", "Safari sur macOS");
        var done = office.post("/account/sessions/others/end", page);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(office.get("/account/sessions").body())
                .contains("Tous vos autres appareils ont été déconnectés.", "Votre compte n’est connecté sur aucun autre appareil.");

        assertThat(phone.signedIn()).isFalse();
        assertThat(laptop.signedIn()).isFalse();
        assertThat(office.signedIn()).isTrue();
        assertThat(someoneElse.signedIn()).as("another member's session").isTrue();
    }

    @Test
    void aMemberCannotEndAnotherMembersSession() throws Exception {
        members.signUp("fay");
        members.signUp("gus");
        var fay = signedIn("fay", FIREFOX_ANDROID);
        var fayElsewhere = signedIn("fay", SAFARI_MAC);
        var gus = signedIn("gus", CHROME_WINDOWS);

        var handle = END_FORM.matcher(fay.get("/account/sessions").body());
        assertThat(handle.find()).isTrue();
        String gusPage = gus.get("/account/sessions").body();
        var refused = gus.post(handle.group(1), gusPage);
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(gus.get("/account/sessions").body()).contains("Cet appareil était déjà déconnecté.");
        assertThat(fayElsewhere.signedIn()).isTrue();
    }

    @Test
    void endingSessionsIsLimitedAndTheLimitAnswers429WithRetryAfterAndAPageInFrench() throws Exception {
        members.signUp("hal");
        var hal = signedIn("hal", FIREFOX_ANDROID);
        String page = hal.get("/account/sessions").body();
        for (int i = 0; i < SessionsController.CHANGES.capacity(); i++) {
            assertThat(hal.post("/account/sessions/others/end", page).statusCode()).as("request " + (i + 1)).isEqualTo(302);
        }
        var refused = hal.post("/account/sessions/others/end", page);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, SessionsController.CHANGES.window().toSeconds()));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(refused.body()).contains("<title>Trop de demandes – Rampe</title>", "<h1>Trop de demandes</h1>",
                "Réessayez dans 1 minute.", "Code d’erreur : 429");
        // Still signed in, still the member's own page around the message.
        assertThat(refused.body()).contains("action=\"/signout\"");
    }

    @Test
    void aSessionOlderThanTheAbsoluteTimeoutIsEndedAndTheSignInPageSaysWhy() throws Exception {
        members.signUp("ida");
        var ida = signedIn("ida", FIREFOX_ANDROID);
        assertThat(ida.signedIn()).isTrue();
        // Move the recorded sign-in time back past the bound, as time would.
        SessionClock.signedInDaysAgo(graph, ida.cookie("RAMPE_SESSION"), 91);

        var next = ida.get("/");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/signin?expired"));
        assertThat(ida.get("/signin?expired").body()).contains("Votre connexion datait de longtemps");
        assertThat(ida.signedIn()).isFalse();
    }
}
