package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.rampe.HttpDevice;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/**
 * Limits declared on routes ({@link Limited}), through the real server: taken before the controller
 * runs (a form refused for its own mistakes still counts), per member and per address, answered 429
 * with {@code Retry-After}: the error page in the member's language, problem details under /api.
 */
class RouteLimitsHttpTest extends RampeTest {

    /** {@code @Limited("groups.new")}: 10 a day per member. */
    private static final int GROUPS_A_DAY = 10;
    /** {@code @Limited("api.places.export")}: 30 an hour per address. */
    private static final int EXPORTS_AN_HOUR = 30;

    private static long retryAfter(HttpResponse<?> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aMemberPastARoutesAllowanceGetsTheErrorPageInTheirLanguageAndAnotherMemberIsNotHeldBack() throws Exception {
        members.signUp("lou");
        members.signUp("mia");
        var lou = new HttpDevice(baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn("lou@example.org", TestMembers.PASSWORD);
        String page = lou.get("/groups/new").body();
        for (int i = 0; i < GROUPS_A_DAY; i++) {
            // A form without a name: refused by the controller, but the allowance is taken before it runs.
            assertThat(lou.post("/groups", page, "name", "", "kind", "public").statusCode()).as("attempt " + (i + 1)).isEqualTo(200);
        }
        var refused = lou.post("/groups", page, "name", "Le club du jeudi", "kind", "public");
        assertThat(refused.statusCode()).isEqualTo(429);
        // Ten a day, given back gradually: the next one in 2 h 24 min.
        assertThat(retryAfter(refused)).isBetween(8_000L, 8_640L);
        assertThat(refused.body()).contains("<h1>Trop de demandes</h1>", "Réessayez dans 144 minutes.");
        assertThat(graph.count("MATCH (g:Group) RETURN count(g)", java.util.Map.of())).as("no work done").isZero();

        lou.post("/language", lou.get("/").body(), "lang", "en", "returnTo", "/");
        var english = lou.post("/groups", page, "name", "Thursday club", "kind", "public");
        assertThat(english.statusCode()).isEqualTo(429);
        assertThat(english.body()).contains("<h1>Too many requests</h1>");

        var mia = new HttpDevice(baseUrl(), HttpDevice.SAFARI_MAC).signIn("mia@example.org", TestMembers.PASSWORD);
        assertThat(mia.post("/groups", mia.get("/groups/new").body(), "name", "", "kind", "public").statusCode())
                .as("counted per member; the address's allowance is larger").isEqualTo(200);
    }

    @Test
    void thePublicApiIsLimitedPerAddressWithProblemDetails() throws Exception {
        var script = new HttpDevice(baseUrl(), HttpDevice.CHROME_WINDOWS);
        for (int i = 0; i < EXPORTS_AN_HOUR; i++) {
            // No bbox: a 400, after the allowance is taken.
            assertThat(script.get("/api/places/export.geojson").statusCode()).as("export " + (i + 1)).isEqualTo(400);
        }
        var refused = script.get("/api/places/export.geojson?bbox=2.2,48.8,2.4,48.9");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(retryAfter(refused)).isBetween(110L, 120L);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"status\":429", "\"retryAfterSeconds\":");
        var otherDevice = new HttpDevice(baseUrl(), HttpDevice.SAFARI_MAC);
        assertThat(otherDevice.get("/api/places/export.geojson?bbox=2.2,48.8,2.4,48.9").statusCode())
                .as("the same address, whatever the device").isEqualTo(429);
    }
}
