package org.rampe;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.rampe.browser.Browser;
import org.rampe.graph.Graph;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The members of the tests, made the ways the tests need them: signed up through the real sign-up
 * form (with MockMvc, over plain HTTP, or in the browser), which signs them in at once, or written
 * directly with Cypher as the sign-up writes them. {@link RampeTest} gives every test one, as
 * {@code members}; the HTTP and browser ways need no application context and are static.
 *
 * <p>Each sign-up is one {@link NewMember}: a handle, and what the form asks besides with the
 * defaults most tests want ({@code handle@example.org}, a display name made from the handle,
 * {@link #PASSWORD}, French); a test that cares about one of them says so.
 */
public final class TestMembers {

    /** The password of every member signed up by the tests unless one says otherwise. */
    public static final String PASSWORD = "a long enough password";

    /** A new address for every MockMvc sign-up, so that the sign-up limit per address never bites. */
    private static final AtomicInteger ADDRESS = new AtomicInteger(1);

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final Pattern SESSION = Pattern.compile("RAMPE_SESSION=([^;]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final MockMvc mvc;
    private final Graph graph;

    public TestMembers(MockMvc mvc, Graph graph) {
        this.mvc = mvc;
        this.graph = graph;
    }

    /** What the sign-up form is given for one member. */
    public record NewMember(String handle, String email, String displayName, String password, String language) {

        public NewMember named(String displayName) {
            return new NewMember(handle, email, displayName, password, language);
        }

        /** The language chosen on the form ({@code fr} or {@code en}). */
        public NewMember speaking(String language) {
            return new NewMember(handle, email, displayName, password, language);
        }

        public NewMember withEmail(String email) {
            return new NewMember(handle, email, displayName, password, language);
        }

        public NewMember withPassword(String password) {
            return new NewMember(handle, email, displayName, password, language);
        }
    }

    /** {@code handle}, {@code handle@example.org}, {@link #displayName(String)}, {@link #PASSWORD}, French. */
    public static NewMember newMember(String handle) {
        return new NewMember(handle, handle + "@example.org", displayName(handle), PASSWORD, "fr");
    }

    /** The display name made from a handle: its first letter in capitals ({@code ana} → {@code Ana}). */
    public static String displayName(String handle) {
        return Character.toUpperCase(handle.charAt(0)) + handle.substring(1);
    }

    // ------------------------------------------------------------------ the form, with MockMvc

    /** Signs {@code handle} up (French, display name from the handle); returns the signed-in session. */
    public MockHttpSession signUp(String handle) throws Exception {
        return signUp(newMember(handle));
    }

    /** Signs {@code handle} up (French) as {@code displayName}; returns the signed-in session. */
    public MockHttpSession signUp(String handle, String displayName) throws Exception {
        return signUp(newMember(handle).named(displayName));
    }

    /**
     * Signs the member up through the form, from an address of its own, and fails unless the form
     * accepted them; returns the signed-in session (the member's id: {@link #idOf}).
     */
    public MockHttpSession signUp(NewMember member) throws Exception {
        int n = ADDRESS.getAndIncrement();
        return (MockHttpSession) mvc.perform(post("/signup").with(csrf())
                        .with(r -> {
                            r.setRemoteAddr("10.9." + (n / 250) % 250 + "." + (n % 250 + 1));
                            return r;
                        })
                        .param("email", member.email()).param("handle", member.handle()).param("displayName", member.displayName())
                        .param("password", member.password()).param("language", member.language()))
                .andExpect(status().is3xxRedirection()).andReturn().getRequest().getSession();
    }

    // ------------------------------------------------------------------ with Cypher

    /**
     * A member written directly in the graph, as the sign-up writes one (no session, password hash
     * {@code none}), with a public account; returns their id.
     */
    public String create(String handle) {
        return create(newMember(handle), false);
    }

    public String create(String handle, boolean privateAccount) {
        return create(newMember(handle), privateAccount);
    }

    public String create(NewMember member) {
        return create(member, false);
    }

    private String create(NewMember member, boolean privateAccount) {
        String id = UUID.randomUUID().toString();
        graph.write("""
                CREATE (:Member {id: $id, email: $email, handle: $handle, displayName: $name,
                                 passwordHash: 'none', language: $language, createdAt: datetime(), privateAccount: $private})
                """, Map.of("id", id, "email", member.email(), "handle", member.handle(), "name", member.displayName(),
                "language", member.language(), "private", privateAccount));
        return id;
    }

    /**
     * Marks the member's address verified, as following the verification mail's link does: only a
     * verified address gets mail ({@code Members.mailRecipient}).
     */
    public void verifyEmail(String handle) {
        graph.write("MATCH (m:Member {handle: $h}) SET m.emailVerifiedAt = datetime()", Map.of("h", handle));
    }

    /** The id of the member with this handle; fails when there is none. */
    public String idOf(String handle) {
        return graph.one("MATCH (m:Member {handle: $h}) RETURN m.id AS id", Map.of("h", handle), r -> r.get("id").asString())
                .orElseThrow(() -> new AssertionError("No member @" + handle));
    }

    // ------------------------------------------------------------------ the form, over plain HTTP

    /** A signed-in session on one instance, as a browser holds it: its cookie, and the CSRF token of its pages. */
    public record WebSession(String base, String cookie, String csrf) {

        /** Puts the session cookie into a client's cookie jar, so that the client is this member. */
        public void addTo(CookieManager cookies) {
            var cookie = new HttpCookie("RAMPE_SESSION", this.cookie);
            cookie.setPath("/");
            cookie.setVersion(0);
            cookies.getCookieStore().add(URI.create(base), cookie);
        }
    }

    /**
     * Signs the member up through the real endpoint of the instance at {@code base} (a plain HTTP
     * client, the form's CSRF token, no redirect followed); fails unless it answers with a redirect.
     * The new member is signed in at once: returns that session.
     */
    public static WebSession signUpOverHttp(String base, NewMember member) throws IOException, InterruptedException {
        var form = httpGet(base + "/signup", null);
        String body = "_csrf=" + enc(csrfOf(form.body())) + "&email=" + enc(member.email()) + "&handle=" + enc(member.handle())
                + "&displayName=" + enc(member.displayName()) + "&password=" + enc(member.password())
                + "&language=" + enc(member.language());
        var done = httpPost(base + "/signup", cookiesOf(form), body);
        if (done.statusCode() != 302) {
            throw new IllegalStateException("Sign-up of " + member.handle() + " failed: " + done.statusCode() + " " + done.body());
        }
        return page(base, sessionCookie(done));
    }

    /** Signs in through the real sign-in form; returns the session and its (new) CSRF token. */
    public static WebSession signInOverHttp(String base, String email, String password) throws IOException, InterruptedException {
        var form = httpGet(base + "/signin", null);
        String body = "_csrf=" + enc(csrfOf(form.body())) + "&email=" + enc(email) + "&password=" + enc(password);
        var done = httpPost(base + "/signin", cookiesOf(form), body);
        if (done.statusCode() != 302 || done.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Sign-in of " + email + " failed: " + done.statusCode() + " " + done.headers().map());
        }
        return page(base, sessionCookie(done));
    }

    /** The token changes when one signs in: read it from a page of the signed-in session. */
    private static WebSession page(String base, String cookie) throws IOException, InterruptedException {
        var home = httpGet(base + "/", cookie);
        return new WebSession(base, cookie, csrfOf(home.body()));
    }

    private static HttpResponse<String> httpGet(String url, String sessionCookie) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", "text/html");
        if (sessionCookie != null) {
            request.header("Cookie", "RAMPE_SESSION=" + sessionCookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form posted with the cookies its page set (a visitor's CSRF token lives in one: no session before signing in). */
    private static HttpResponse<String> httpPost(String url, String cookies, String form) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The cookies a response set, as a Cookie header ({@code name=value; name=value}). */
    private static String cookiesOf(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .map(header -> header.split(";", 2)[0].strip())
                .filter(pair -> pair.contains("=") && !pair.endsWith("="))
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static String csrfOf(String page) {
        Matcher m = CSRF.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("No CSRF token on the page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher m = SESSION.matcher(header);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("No session cookie from " + response.uri());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the form, in the browser

    /**
     * Signs a new member up through the form in the browser ({@code handle@example.org},
     * {@link #PASSWORD}, the language the form offers) and waits until the page says they are
     * signed in. The display name is typed as a person would, emoji included.
     */
    public static void signUpInBrowser(Browser browser, String handle, String displayName) {
        browser.open("/signup");
        browser.driver.findElement(By.id("email")).sendKeys(handle + "@example.org");
        browser.driver.findElement(By.id("handle")).sendKeys(handle);
        browser.fill(By.id("displayName"), displayName);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.cssSelector("form.form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("form[action='/signout']"));
    }
}
