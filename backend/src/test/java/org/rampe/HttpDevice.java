package org.rampe;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One device as the site sees it: a browser's {@code User-Agent} and its own cookie jar, over plain
 * HTTP against a real server (redirects not followed). Forms are posted with the CSRF token of the
 * page they were read from, as a browser does. Cookies do not depend on the port, as in a browser:
 * {@link #on} reaches another instance on the same host with the same cookies (a load balancer's
 * view).
 */
public final class HttpDevice {

    public static final String FIREFOX_ANDROID = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0";
    public static final String SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    public static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final String base;
    private final String userAgent;
    private final CookieManager cookies;
    private final HttpClient http;

    public HttpDevice(String base, String userAgent) {
        this(base, userAgent, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    private HttpDevice(String base, String userAgent, CookieManager cookies) {
        this.base = base;
        this.userAgent = userAgent;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The same device (same cookies) reaching the instance at {@code otherBase}. */
    public HttpDevice on(String otherBase) {
        return new HttpDevice(otherBase, userAgent, cookies);
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form (name, value, name, value…) with the CSRF token of {@code page}. */
    public HttpResponse<String> post(String path, String page, String... fields) throws IOException, InterruptedException {
        return postWithToken(path, csrfOf(page), fields);
    }

    /** Posts a form (name, value, name, value…) with this CSRF token (none when null). */
    public HttpResponse<String> postWithToken(String path, String csrf, String... fields) throws IOException, InterruptedException {
        var body = new StringBuilder(csrf == null ? "" : "_csrf=" + enc(csrf));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(enc(fields[i])).append('=').append(enc(fields[i + 1]));
        }
        return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the sign-in form; fails unless it worked. */
    public HttpDevice signIn(String email, String password) throws IOException, InterruptedException {
        var form = get("/signin");
        var done = post("/signin", form.body(), "email", email, "password", password);
        String location = done.headers().firstValue("Location").orElse("");
        if (done.statusCode() != 302 || location.contains("error") || location.contains("throttled")) {
            throw new AssertionError("Sign-in of " + email + " failed: " + done.statusCode() + " " + location);
        }
        return this;
    }

    /** Whether the home page is drawn for a signed-in member (it offers to sign out). */
    public boolean signedIn() throws IOException, InterruptedException {
        return get("/").body().contains("action=\"/signout\"");
    }

    /** The value of the cookie with this name the device holds, or null. */
    public String cookie(String name) {
        for (HttpCookie cookie : cookies.getCookieStore().get(URI.create(base))) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** The names of the cookies a response set. */
    public static List<String> cookiesSetBy(HttpResponse<?> response) {
        var names = new ArrayList<String>();
        for (String header : response.headers().allValues("Set-Cookie")) {
            names.add(header.split("=", 2)[0].strip());
        }
        return names;
    }

    public static String csrfOf(String page) {
        String token = csrfOrNull(page);
        if (token == null) {
            throw new AssertionError("No CSRF token on the page");
        }
        return token;
    }

    /** The CSRF token of a page's first form, or null when it has none. */
    public static String csrfOrNull(String page) {
        Matcher m = CSRF.matcher(page);
        return !m.find() ? null : m.group(1) != null ? m.group(1) : m.group(2);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html").header("User-Agent", userAgent);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
