package org.rampe.members;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rampe.HttpDevice;

/**
 * One browser, as plain HTTP ({@link HttpDevice}: its own cookie jar, redirects not followed, tests
 * look at them), which remembers the CSRF token of the last page it read and sends it with the next
 * form. Two of them are two devices.
 */
final class WebClient {

    private final HttpDevice device;
    private String csrf;

    WebClient(String base) {
        this.device = new HttpDevice(base, HttpDevice.FIREFOX_ANDROID);
    }

    /** GET a path (with its query), keeping the page's CSRF token for the next form. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        var response = device.get(path);
        String token = HttpDevice.csrfOrNull(response.body());
        if (token != null) {
            csrf = token;
        }
        return response;
    }

    /** POST a form (name, value, name, value…) with the CSRF token of the last page read. */
    HttpResponse<String> post(String path, String... nameValues) throws IOException, InterruptedException {
        return device.postWithToken(path, csrf, nameValues);
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
        return HttpDevice.cookiesSetBy(response);
    }

    /** The text of the notice at the top of a page (the flash message), or null. */
    static String notice(String page) {
        Matcher m = Pattern.compile("<div class=\"notice\" role=\"status\"><p>([^<]*)</p></div>").matcher(page);
        return m.find() ? m.group(1) : null;
    }
}
