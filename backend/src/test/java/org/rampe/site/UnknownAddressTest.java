package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/**
 * Issue 17: an address that no route answers is the 404 page for everyone. A visitor who mistypes
 * a link was sent to sign in, which confused and revealed nothing useful; the members-only routes
 * that exist still send them to sign in.
 */
class UnknownAddressTest extends RampeTest {

    private final HttpClient http = HttpClient.newHttpClient(); // follows no redirect

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "text/html").GET();
        if (cookie != null) {
            request.header("Cookie", "RAMPE_SESSION=" + cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String h1(HttpResponse<String> response) {
        return Jsoup.parse(response.body()).select("h1").text();
    }

    @Test
    void aVisitorWhoMistypesALinkGetsTheNotFoundPage() throws Exception {
        for (String path : new String[] {"/plaecs", "/no/such/page", "/groups/abc/nowhere", "/account/nowhere", "/wp-login.php"}) {
            var response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(h1(response)).as(path).isEqualTo("Page introuvable");
        }
    }

    @Test
    void membersOnlyRoutesStillSendAVisitorToSignIn() throws Exception {
        for (String path : new String[] {"/account", "/feed", "/notifications", "/messages", "/account/profile", "/places/new"}) {
            var response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
        }
    }

    @Test
    void aMemberGetsTheSameNotFoundPage() throws Exception {
        var ana = TestMembers.signUpOverHttp(baseUrl(), TestMembers.newMember("ana"));
        var response = get("/no/such/page", ana.cookie());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(h1(response)).isEqualTo("Page introuvable");
        assertThat(get("/account", ana.cookie()).statusCode()).isEqualTo(200);
    }
}
