package org.rampe.places.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.TestMembers.newMember;
import static org.rampe.TestMembers.signUpOverHttp;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;

/**
 * A file over 10 MB must reach the photo controller through the real container (Tomcat parses
 * the request before any filter, which MockMvc does not do), and come back as the form with an
 * explanation: this test talks HTTP to the real server, as a browser would.
 */
class UploadLimitTest extends RampeTest {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private String get(String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return response.body();
    }

    private static String find(String html, String regex) {
        var m = Pattern.compile(regex).matcher(html);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void aFileOverTenMegabytesBringsTheMemberBackToTheFormWithAnExplanation() throws Exception {
        String placeId = UUID.randomUUID().toString();
        graph.write("CREATE (:Place {id: $id, name: 'Gare'})", Map.of("id", placeId));

        // Signed up over HTTP too (it fails unless the form answers 302), the session into this client's cookies.
        signUpOverHttp(baseUrl(), newMember("big_files").named("Big").withEmail("big@example.org")
                .withPassword("correct horse battery")).addTo(cookies);

        String formPage = get("/places/" + placeId + "/photos/new");
        String action = find(formPage, "<form method=\"post\" enctype=\"multipart/form-data\"[^>]*action=\"([^\"]+)\"");
        String formToken = find(formPage, "name=\"_csrf\" value=\"([^\"]+)\"");

        String boundary = "----rampe" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + formToken + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nUne grande photo\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[10 * 1024 * 1024 + 512 * 1024]);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var refused = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + action))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("<title>Erreur : Ajouter une photo – Rampe</title>")
                .contains("Le fichier dépasse 10 Mo")
                .contains("href=\"#file\"")
                .contains(">Une grande photo</textarea>");
        long photos = graph.count("MATCH (ph:Photo) RETURN count(ph) AS n", Map.of());
        assertThat(photos).isZero();
    }
}
