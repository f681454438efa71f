package org.rampe.places.addresses;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.rampe.places.GeoPoint;
import org.rampe.places.addresses.Suggestion.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A BAN-compatible address API ({@code rampe.geocoder.url}: the national
 * api-adresse.data.gouv.fr, or an operator's own addok), asked {@code GET {url}/search/?q=…&limit=5}
 * and answering a GeoJSON FeatureCollection. Without the property nothing is asked: what members
 * type never leaves the server. With it, every failure (down, slow past
 * {@code rampe.geocoder.timeout}, not JSON) answers empty, and the caller goes on with the addresses
 * it has; the first failure is logged as a warning, the next ones at debug level.
 */
@Component
public class RemoteGeocoder {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteGeocoder.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String url;
    private final Duration timeout;
    private final HttpClient client;
    private final AtomicBoolean warned = new AtomicBoolean();

    public RemoteGeocoder(@Value("${rampe.geocoder.url:}") String url,
                   @Value("${rampe.geocoder.timeout:1500ms}") Duration timeout) {
        this.url = url == null || url.isBlank() ? null : url.strip().replaceAll("/+$", "");
        this.timeout = timeout;
        this.client = this.url == null ? null : HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Whether an API is configured at all. */
    public boolean configured() {
        return url != null;
    }

    /** Up to {@code limit} (at most 5) answers of the API, best first; empty when none is configured or it fails. */
    public List<Suggestion> suggest(String text, int limit) {
        if (url == null || text == null || text.isBlank()) {
            return List.of();
        }
        String q = text.strip();
        if (q.length() > 200) {
            q = q.substring(0, 200);
        }
        var request = HttpRequest.newBuilder(URI.create(url + "/search/?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                        + "&limit=" + Math.clamp(limit, 1, 5)))
                .timeout(timeout).header("Accept", "application/json").GET().build();
        // The request's own timeout stops at the response's headers; waiting on the whole body
        // bounds the time the search page waits, whatever the server does after.
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            var response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                return failed("answered HTTP " + response.statusCode(), null);
            }
            return parse(response.body(), limit);
        } catch (TimeoutException e) {
            call.cancel(true);
            return failed("did not answer within " + timeout.toMillis() + " ms", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | RuntimeException e) {
            return failed("failed", e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private List<Suggestion> parse(String body, int limit) {
        JsonNode root = JSON.readTree(body);
        List<Suggestion> found = new ArrayList<>();
        for (JsonNode feature : root.path("features")) {
            JsonNode coordinates = feature.path("geometry").path("coordinates");
            JsonNode properties = feature.path("properties");
            String label = properties.path("label").asString("");
            if (!coordinates.isArray() || coordinates.size() < 2 || label.isBlank()) {
                continue;
            }
            try {
                found.add(new Suggestion(label, kind(properties.path("type").asString("")),
                        new GeoPoint(coordinates.get(1).asDouble(), coordinates.get(0).asDouble())));
            } catch (IllegalArgumentException outOfRange) {
                // A point off the globe is no answer.
            }
            if (found.size() >= limit) {
                break;
            }
        }
        return found;
    }

    private static Kind kind(String type) {
        return switch (type) {
            case "municipality" -> Kind.COMMUNE;
            case "housenumber" -> Kind.ADDRESS;
            default -> Kind.STREET;
        };
    }

    private List<Suggestion> failed(String what, Throwable cause) {
        String message = "The geocoder at " + url + " " + what + (cause == null ? "" : ": " + cause)
                + "; the addresses loaded in the graph answer instead";
        if (warned.compareAndSet(false, true)) {
            LOG.warn("{} (further failures are logged at debug level)", message);
        } else {
            LOG.debug(message);
        }
        return List.of();
    }
}
