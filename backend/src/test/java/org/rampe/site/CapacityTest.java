package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.TestMembers;
import org.rampe.images.TestImages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Password hashes and image decodes run at most the capacity's size at once; the next request
 * waits briefly, then is answered 503 with {@code Retry-After}. The capacity is filled here by
 * holding its places (as that many hashes or decodes in progress would), so the N+1th is
 * deterministic: no timing is asserted, only that it is refused and that it gets in once a place
 * is free.
 */
class CapacityTest extends RampeTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Autowired
    Capacities capacities;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    MockMvc mvc;

    private final ExecutorService holders = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void freeThePlaces() throws InterruptedException {
        release.countDown();
        holders.shutdown();
        assertThat(holders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    /** Takes every place of {@code capacity} until the test ends (or {@link #release} opens). */
    private List<Future<?>> fill(Capacity capacity) throws InterruptedException {
        var entered = new CountDownLatch(capacity.size());
        List<Future<?>> held = new ArrayList<>();
        for (int i = 0; i < capacity.size(); i++) {
            held.add(holders.submit(() -> capacity.run(() -> {
                entered.countDown();
                release.await();
                return null;
            })));
        }
        assertThat(entered.await(30, TimeUnit.SECONDS)).as("every place taken").isTrue();
        assertThat(capacity.inUse()).isEqualTo(capacity.size());
        return held;
    }

    @Test
    void theCapacityIsOneHashAndOneDecodePerTwoCoresWithFourWaitingPerPlaceByDefault() {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        assertThat(capacities.hashes().size()).isEqualTo(cores);
        assertThat(capacities.decodes().size()).isEqualTo(cores);
        assertThat(capacities.hashes().queue()).isEqualTo(4 * cores);
        assertThat(capacities.decodes().queue()).isEqualTo(4 * cores);
    }

    @Test
    void aSignInBeyondTheHashCapacityIsAnswered503WithRetryAfterAndGetsInOnceAPlaceIsFree() throws Exception {
        members.signUp("ana");
        String base = "http://127.0.0.1:" + port;
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        fill(capacities.hashes());

        var busy = signIn(http, base, TestMembers.newMember("ana").email());
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
        var page = Jsoup.parse(busy.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Le site est très occupé");
        assertThat(page.text()).contains("Réessayez dans 5 secondes.");
        assertThat(capacities.hashes().inUse()).as("the refused request holds no place").isEqualTo(capacities.hashes().size());

        release.countDown();
        var in = signIn(http, base, TestMembers.newMember("ana").email());
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    @Test
    void aSignUpAndAnyOtherHashBeyondTheCapacityAreRefusedAsBusyAndWriteNothing() throws Exception {
        fill(capacities.hashes());
        var member = TestMembers.newMember("leo");
        var response = mvc.perform(post("/signup").with(csrf())
                        .param("email", member.email()).param("handle", member.handle()).param("displayName", member.displayName())
                        .param("password", member.password()).param("language", member.language()))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(graph.count("MATCH (m:Member) RETURN count(m)", java.util.Map.of())).isZero();
        // Every caller of the encoder (password change, reset, the checks of address change and deletion) goes through it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> passwords.encode("a long enough password"))
                .isInstanceOf(ServerBusy.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> passwords.matches("x", "{argon2@SpringSecurity_v5_8}$argon2id$v=19$m=16384,t=2,p=1$AAAA$AAAA"))
                .isInstanceOf(ServerBusy.class);
    }

    @Test
    void anUploadBeyondTheDecodeCapacityIsAnswered503WithRetryAfterInEnglishToo() throws Exception {
        var ana = members.signUp("ana");
        fill(capacities.decodes());
        var response = mvc.perform(multipart("/posts")
                        .file(new MockMultipartFile("images[0]", "rampe.png", "image/png", TestImages.png(40, 30)))
                        .with(csrf()).session(ana).param("text", "Ma rampe").param("alts[0]", "Une rampe en bois"))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(graph.count("MATCH (p:Post) RETURN count(p)", java.util.Map.of())).isZero();

        // The page people read, through the real server's error page, in English.
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var signedIn = TestMembers.signInOverHttp("http://127.0.0.1:" + port, TestMembers.newMember("ana").email(), TestMembers.newMember("ana").password());
        String boundary = "rampe-capacity";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + signedIn.csrf() + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nMy ramp\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"alts[0]\"\r\n\r\nA wooden ramp\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"images[0]\"; filename=\"r.png\"\r\nContent-Type: image/png\r\n\r\n";
        byte[] png = TestImages.png(40, 30);
        byte[] head = body.getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + png.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(png, 0, all, head.length, png.length);
        System.arraycopy(tail, 0, all, head.length + png.length, tail.length);
        var english = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/posts"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", "RAMPE_SESSION=" + signedIn.cookie() + "; rampe_lang=en")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(all)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(english.statusCode()).isEqualTo(503);
        assertThat(english.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(Jsoup.parse(english.body()).selectFirst("h1").text()).isEqualTo("The site is very busy");
        assertThat(english.body()).contains("Try again in 5 seconds.");
    }

    @Test
    void aMemberPastThePostingAllowanceGetsNoImageDecoded() throws Exception {
        var ana = members.signUp("ana");
        for (int i = 0; i < 30; i++) {
            mvc.perform(post("/posts").with(csrf()).session(ana).param("text", "Publication " + i));
        }
        assertThat(graph.count("MATCH (p:Post) RETURN count(p)", java.util.Map.of())).isEqualTo(30);
        // "Not an image" would be said only if the file had been decoded; past the allowance it is not.
        String html = mvc.perform(multipart("/posts")
                        .file(new MockMultipartFile("images[0]", "notes.png", "image/png", "not an image".getBytes()))
                        .with(csrf()).session(ana).param("text", "Une de plus").param("alts[0]", "Mes notes"))
                .andReturn().getResponse().getContentAsString();
        var summary = Jsoup.parse(html).select(".error-summary").text();
        assertThat(summary).contains("30").doesNotContain("n’est pas une image");
    }

    private static HttpResponse<String> signIn(HttpClient http, String base, String email) throws Exception {
        var form = http.send(HttpRequest.newBuilder(URI.create(base + "/signin")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        var m = CSRF.matcher(form.body());
        assertThat(m.find()).isTrue();
        String cookies = String.join("; ", form.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
        String body = "_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8) + "&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(TestMembers.newMember("ana").password(), StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(base + "/signin")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
