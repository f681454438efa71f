package org.rampe.members;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser, as plain HTTP: its own cookie jar, redirects not followed (tests look at them), and
 * the CSRF token of the last page it read sent with each form. Two of them are two devices.
 */
final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final String base;
    private final HttpClient http;
    private String csrf;

    WebClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** GET a path (with its query), keeping the page's CSRF token for the next form. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(response.body());
        if (m.find()) {
            csrf = m.group(1) != null ? m.group(1) : m.group(2);
        }
        return response;
    }

    /** POST a form (name, value, name, value…) with the CSRF token of the last page read. */
    HttpResponse<String> post(String path, String... nameValues) throws IOException, InterruptedException {
        var form = new StringJoiner("&");
        if (csrf != null) {
            form.add("_csrf=" + enc(csrf));
        }
        for (int i = 0; i < nameValues.length; i += 2) {
            form.add(enc(nameValues[i]) + "=" + enc(nameValues[i + 1]));
        }
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET the page first (for its token), then POST the form to the same path. */
    HttpResponse<String> submit(String path, String... nameValues) throws IOException, InterruptedException {
        get(path);
        return post(path, nameValues);
    }

    /** Signs up through the form; the new member is signed in on this client. */
    HttpResponse<String> signUp(String email, String handle, String password, String language) throws IOException, InterruptedException {
        return submit("/signup", "email", email, "handle", handle, "displayName", "Name " + handle, "password", password,
                "language", language);
    }

    /** Signs in through the form; fails unless it worked. */
    void signIn(String email, String password) throws IOException, InterruptedException {
        var done = submit("/signin", "email", email, "password", password);
        if (done.statusCode() != 302 || location(done).contains("error") || location(done).contains("throttled")) {
            throw new AssertionError("Sign-in of " + email + " failed: " + done.statusCode() + " " + location(done));
        }
    }

    /** Whether this client is signed in now (a page shows the sign-out button). */
    boolean signedIn() throws IOException, InterruptedException {
        return get("/accessibility").body().contains("action=\"/signout\"");
    }

    /** Where a redirect goes, as a path on this site (Tomcat writes it absolute). */
    static String location(HttpResponse<?> response) {
        String location = response.headers().firstValue("Location").orElse("");
        String origin = response.uri().getScheme() + "://" + response.uri().getRawAuthority();
        return location.startsWith(origin) ? location.substring(origin.length()) : location;
    }

    /** The names of the cookies a response sets, in order (their values differ from one response to another). */
    static List<String> cookieNames(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(c -> c.substring(0, c.indexOf('='))).toList();
    }

    /** The text of the notice at the top of a page (the flash message), or null. */
    static String notice(String page) {
        Matcher m = Pattern.compile("<div class=\"notice\" role=\"status\"><p>([^<]*)</p></div>").matcher(page);
        return m.find() ? m.group(1) : null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
