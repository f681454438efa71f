package org.rampe.places;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rampe.site.Limited;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code GET /api/places}: the same search as the results page, as a GeoJSON FeatureCollection for
 * the map and third parties. Bad parameters answer 400 with an RFC 9457 problem detail listing
 * each problem; never a 500.
 */
@RestController
class PlacesApiController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    static final int DEFAULT_SIZE = 50;
    /** Leaves the response's stream open for the container to finish (close() still flushes). */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    /** Bytes the container buffers before sending a chunk. */
    private static final int RESPONSE_BUFFER = 64 * 1024;

    private final PlaceSearch search;
    private final MessageSource messages;
    private final org.rampe.site.PublicUrl publicUrl;

    PlacesApiController(PlaceSearch search, MessageSource messages, org.rampe.site.PublicUrl publicUrl) {
        this.search = search;
        this.messages = messages;
        this.publicUrl = publicUrl;
    }

    @Limited(value = "api.places", perAddress = 1200)
    @GetMapping(value = "/api/places", produces = {"application/geo+json", "application/json"})
    ResponseEntity<?> places(@RequestParam(required = false) String q, @RequestParam(required = false) String lat,
                             @RequestParam(required = false) String lon, @RequestParam(required = false) String radius,
                             @RequestParam(required = false) String bbox, @RequestParam(required = false) String near,
                             @RequestParam(required = false) List<String> needs, @RequestParam(required = false) String fit,
                             @RequestParam(name = "criterion", required = false) List<String> criteria,
                             @RequestParam(required = false) String after, @RequestParam(required = false) String size,
                             HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        // The site's own pages never put needs in an address: a request without them uses what this
        // session chose in the search form (SearchChoices), so the next page's link has none either.
        if (needs == null && fit == null && criteria == null) {
            var chosen = SearchChoices.remembered(request);
            if (chosen.isPresent()) {
                needs = chosen.get().needs();
                fit = chosen.get().fit();
                criteria = chosen.get().criteria();
            }
        }
        var checked = search.check(new PlaceSearch.Parameters(q, near, lat, lon, radius, bbox, needs, fit, criteria,
                after, size), DEFAULT_SIZE, true);
        if (!checked.ok()) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    messages.getMessage("places.api.badRequest", null, locale));
            problem.setTitle(messages.getMessage("error.400.title", null, locale));
            problem.setType(URI.create("about:blank"));
            List<Map<String, String>> errors = new ArrayList<>();
            for (var p : checked.problems()) {
                errors.add(Map.of("parameter", p.field(), "message", messages.getMessage(p.code(), p.args(), locale)));
            }
            problem.setProperty("errors", errors);
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        var query = checked.value();
        var page = search.search(query);
        // On the configured public address (issue 17), never the request's Host header, which anyone can forge.
        String next = page.nextCursor() == null ? null : publicUrl.link(UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString()).replaceQueryParam("after", page.nextCursor()).build().toUriString());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(GEO_JSON.toString());
        response.setBufferSize(RESPONSE_BUFFER);
        writeFeatureCollection(response.getOutputStream(), page.places(), next, query, locale);
        return null; // written
    }

    /**
     * Writes the FeatureCollection field by field with a streaming generator, straight into the
     * response: building a map per feature and letting Jackson find a serializer for every value
     * cost more than the search of a 500-place box, and a 500-place page is some 400 kB that need
     * not be held in memory twice. The JSON is the same as the maps gave.
     */
    void writeFeatureCollection(OutputStream out, List<PlaceSummary> places, String next, PlaceSearch.Query query,
                                Locale locale) {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("type", "FeatureCollection");
            json.writeArrayPropertyStart("features");
            for (PlaceSummary p : places) {
                feature(json, p, query, locale);
            }
            json.writeEndArray();
            json.writeNumberProperty("count", places.size());
            if (next != null) {
                json.writeStringProperty("next", next);
            }
            json.writeEndObject();
        }
    }

    private void feature(JsonGenerator json, PlaceSummary p, PlaceSearch.Query query, Locale locale) {
        json.writeStartObject();
        json.writeStringProperty("type", "Feature");
        json.writeStringProperty("id", p.id().value());
        json.writeObjectPropertyStart("geometry");
        json.writeStringProperty("type", "Point");
        json.writeArrayPropertyStart("coordinates");
        json.writeNumber(p.location().longitude());
        json.writeNumber(p.location().latitude());
        json.writeEndArray();
        json.writeEndObject();

        json.writeObjectPropertyStart("properties");
        json.writeStringProperty("id", p.id().value());
        json.writeStringProperty("name", p.name());
        json.writeStringProperty("category", p.category());
        json.writeObjectPropertyStart("address");
        json.writeStringProperty("street", p.address().street());
        json.writeStringProperty("postcode", p.address().postcode());
        json.writeStringProperty("city", p.address().city());
        json.writeEndObject();
        if (p.distanceMetres() >= 0) {
            json.writeNumberProperty("distance", Math.round(p.distanceMetres()));
        }
        json.writeStringProperty("url", "/places/" + p.id().value());
        json.writeObjectPropertyStart("criteria");
        for (var e : p.values().entrySet()) {
            json.writeStringProperty(e.getKey().key(), e.getValue());
        }
        json.writeEndObject();
        json.writeObjectPropertyStart("verdicts");
        for (var e : p.verdicts().entrySet()) {
            json.writeStringProperty(e.getKey().key(), e.getValue().key());
        }
        json.writeEndObject();
        if (!query.needs().isEmpty()) {
            Verdict verdict = p.verdictFor(query.needs());
            json.writeObjectPropertyStart("verdict");
            json.writeStringProperty("level", verdict.level().key());
            json.writeStringProperty("text", messages.getMessage("verdict.level." + verdict.level().key(), null, locale));
            json.writeArrayPropertyStart("reasons");
            for (var r : verdict.reasons()) {
                json.writeString(messages.getMessage(r.messageKey(), r.arguments(), locale));
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeObjectPropertyStart("source");
        json.writeStringProperty("kind", p.source().kind());
        json.writeStringProperty("id", p.source().sourceId());
        json.writeStringProperty("licence", p.source().licence());
        json.writeStringProperty("attribution", p.source().attribution());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }
}
