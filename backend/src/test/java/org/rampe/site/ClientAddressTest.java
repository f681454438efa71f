package org.rampe.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.rampe.HttpDevice;
import org.rampe.RampeTest;
import org.rampe.TestMembers;

/**
 * The address a limit counts is the client's real one: {@code X-Forwarded-For} is believed only from
 * the configured proxy (loopback, {@code 127.0.0.1}, by default), so that a client cannot walk
 * around a limit per address by making up the header. The tests reach the server from
 * {@code 127.0.0.2}, another loopback address that is no configured proxy (but is in the private
 * ranges Tomcat trusted by default), and from {@code 127.0.0.1}, the proxy.
 */
class ClientAddressTest extends RampeTest {

    /** SignInThrottle.SIGN_UPS_PER_ADDRESS. */
    private static final int SIGN_UPS_PER_ADDRESS = 10;

    @Test
    void aForwardedForHeaderFromAPeerThatIsNotTheConfiguredProxyChangesNothing() throws Exception {
        var notAProxy = InetAddress.ofLiteral("127.0.0.2");
        for (int i = 0; i < SIGN_UPS_PER_ADDRESS; i++) {
            assertThat(signUp(notAProxy, "198.51.100." + i, "walker_" + i).statusCode()).as("sign-up " + (i + 1)).isEqualTo(302);
        }
        var refused = signUp(notAProxy, "198.51.100.99", "walker_extra");
        assertThat(refused.statusCode()).as("the header did not make a new address").isEqualTo(200);
        assertThat(refused.body()).contains("Trop de comptes ont été créés depuis cette connexion.");
    }

    @Test
    void theConfiguredProxysForwardedForHeaderIsTheAddressCounted() throws Exception {
        var proxy = InetAddress.ofLiteral("127.0.0.1");
        for (int i = 0; i < SIGN_UPS_PER_ADDRESS; i++) {
            assertThat(signUp(proxy, "203.0.113.7", "behind_" + i).statusCode()).as("sign-up " + (i + 1)).isEqualTo(302);
        }
        assertThat(signUp(proxy, "203.0.113.7", "behind_extra").statusCode()).as("that client's limit is used up").isEqualTo(200);
        assertThat(signUp(proxy, "203.0.113.8", "another_client").statusCode()).as("another client behind the proxy").isEqualTo(302);
    }

    @Test
    void anIpv6AddressCountsByItsSlash64() {
        assertThat(ClientAddress.of("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.of("2001:db8:1:2:bbbb:cccc:dddd:2"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.of("2001:db8:1:2::1"));
        assertThat(ClientAddress.of("[::1]")).isEqualTo("0:0:0:0::/64");
        assertThat(ClientAddress.of("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.of("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    }

    /** The real sign-up form, from {@code local}, saying it forwards for {@code forwardedFor}. */
    private HttpResponse<String> signUp(InetAddress local, String forwardedFor, String handle) throws Exception {
        var http = HttpClient.newBuilder().localAddress(local).cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .connectTimeout(Duration.ofSeconds(5)).build();
        var form = http.send(request("/signup", forwardedFor).GET().build(), HttpResponse.BodyHandlers.ofString());
        String body = "_csrf=" + enc(HttpDevice.csrfOf(form.body())) + "&email=" + enc(handle + "@example.org")
                + "&handle=" + enc(handle) + "&displayName=" + enc(handle) + "&password=" + enc(TestMembers.PASSWORD)
                + "&language=fr";
        return http.send(request("/signup", forwardedFor).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String forwardedFor) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/html").header("X-Forwarded-For", forwardedFor);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
