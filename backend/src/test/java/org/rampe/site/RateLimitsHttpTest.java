package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.rampe.HttpDevice;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

/** A used-up limit, through the real server: 429, Retry-After, a page in the visitor's language or problem details. */
class RateLimitsHttpTest extends RampeTest {

    @Autowired
    RateLimits limits;

    private HttpDevice signedIn() throws Exception {
        members.signUp("lou");
        return new HttpDevice(baseUrl(), HttpDevice.FIREFOX_ANDROID).signIn("lou@example.org", org.rampe.TestMembers.PASSWORD);
    }

    private static long retryAfter(HttpResponse<?> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aPageWhoseLimitIsUsedUpAnswers429WithRetryAfterAndSaysHowLongToWaitInTheVisitorsLanguage() throws Exception {
        var lou = signedIn();
        assertThat(lou.get("/test/limited").statusCode()).isEqualTo(200);
        assertThat(lou.get("/test/limited").statusCode()).isEqualTo(200);
        var refused = lou.get("/test/limited");
        assertThat(refused.statusCode()).isEqualTo(429);
        // Two a 5 minutes, given back gradually: the next one in 2½ minutes.
        assertThat(retryAfter(refused)).isBetween(140L, 150L);
        assertThat(refused.body()).contains("<h1>Trop de demandes</h1>", "Réessayez dans 3 minutes.", "Code d’erreur : 429");

        lou.post("/language", lou.get("/").body(), "lang", "en", "returnTo", "/");
        var english = lou.get("/test/limited");
        assertThat(english.statusCode()).isEqualTo(429);
        assertThat(english.body()).contains("<h1>Too many requests</h1>", "Try again in 3 minutes.");
    }

    @Test
    void theApiAnswersProblemDetails() throws Exception {
        var lou = signedIn();
        lou.get("/api/test/limited");
        lou.get("/api/test/limited");
        var refused = lou.get("/api/test/limited");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(retryAfter(refused)).isBetween(140L, 150L);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"status\":429", "\"title\":\"Too Many Requests\"", "\"retryAfterSeconds\":",
                "\"instance\":\"/api/test/limited\"").doesNotContain("<html");
    }

    @Test
    void aLimitTakenInAFilterIsAnsweredTheSameWay() throws Exception {
        var visitor = new HttpDevice(baseUrl(), HttpDevice.SAFARI_MAC);
        assertThat(visitor.get("/test/limited-in-filter").body()).isEqualTo("done");
        assertThat(visitor.get("/test/limited-in-filter").body()).isEqualTo("done");
        var refused = visitor.get("/test/limited-in-filter");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(retryAfter(refused)).isBetween(140L, 150L);
        assertThat(refused.body()).contains("<h1>Trop de demandes</h1>", "Réessayez dans 3 minutes.");
    }

    @Test
    void checkAndCountTakeNothingUntilTheLimitIsUsedUp() {
        var limit = new RateLimit("test.counted", 2, java.time.Duration.ofMinutes(1));
        limits.check(limit, "k");
        limits.check(limit, "k");
        limits.count(limit, "k");
        limits.check(limit, "k");
        limits.count(limit, "k");
        limits.count(limit, "k");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.check(limit, "k")).isInstanceOf(TooManyRequests.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> limits.take(limit, "k")).isInstanceOf(TooManyRequests.class);
        limits.take(limit, "other key");
    }
}
