package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/** Through the real server (Tomcat), where cookies and headers are finally written. */
class SiteHttpTest extends RampeTest {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "text/html").GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        var response = get("/");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
    }

    @Test
    void theMapLibraryIsServedFromItsWebjarByAVersionlessUrlWhilePageLinksAreLeftAsWritten() throws Exception {
        // The resource chain still resolves webjar versions (no link rewriting filter is needed for that).
        var leaflet = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/webjars/leaflet/dist/leaflet.js")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(leaflet.statusCode()).isEqualTo(200);
        assertThat(leaflet.body()).contains("Leaflet");
        assertThat(get("/").body()).contains("href=\"/css/rampe.css\"", "src=\"/js/rampe.js\"");
    }

    @Test
    void noPageUsesInlineScriptOrStyle() throws Exception {
        for (String path : new String[] {"/", "/signup", "/signin", "/preferences", "/accessibility", "/places",
                "/places?near=nowhere-at-all", "/places?lat=43.6&lon=3.87"}) {
            String body = get(path).body();
            assertThat(body).as(path).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain(" style=", "<style", " onclick=");
        }
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        String signup = get("/signup").body();
        var response = post("/signup", "_csrf=" + csrf(signup) + "&email=c%40example.org&handle=cookie&displayName=C&password="
                + "long+enough+password&language=fr");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("RAMPE_SESSION=").contains("HttpOnly", "SameSite=Lax"));
    }

    @Test
    void errorPagesAreInTheVisitorsLanguageAndNeverShowTheCause() throws Exception {
        String signup = get("/signup").body();
        post("/signup", "_csrf=" + csrf(signup) + "&email=e%40example.org&handle=errors&displayName=E&password=long+enough+password&language=fr");

        var notFound = get("/no/such/page");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("<title>Page introuvable – Rampe</title>", "<h1>Page introuvable</h1>", "Code d’erreur : 404", "<main");

        post("/language", "_csrf=" + csrf(get("/").body()) + "&lang=en&returnTo=/");
        var broken = get("/test/failure");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).contains("<h1>The site ran into a problem</h1>").doesNotContain("secret internal detail", "IllegalStateException", "at org.");

        var forbidden = post("/preferences/text-size", "textSize=200");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("<h1>Access denied</h1>");

        var badRequest = post("/preferences/text-size", "_csrf=" + csrf(get("/preferences").body()) + "&textSize=huge");
        assertThat(badRequest.statusCode()).isEqualTo(400);
        assertThat(badRequest.body()).contains("<h1>Bad request</h1>");
    }

    @Test
    void healthReportsTheNeo4jConnectionWithoutDetails() throws Exception {
        // A visitor: the status alone, no component names (issue 17).
        var health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "neo4j", "redis", "diskSpace");
        // An administrator: the components, still without details.
        var admin = TestMembers.signUpOverHttp(baseUrl(), TestMembers.newMember(ADMIN_HANDLE));
        var asAdmin = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .header("Cookie", "RAMPE_SESSION=" + admin.cookie()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(asAdmin.body()).contains("\"neo4j\":{\"status\":\"UP\"}").doesNotContain("bolt://", "path");
    }
}
