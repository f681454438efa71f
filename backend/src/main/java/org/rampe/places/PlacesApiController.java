package org.rampe.places;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code GET /api/places}: the same search as the results page, as a GeoJSON FeatureCollection for
 * the map and third parties. Bad parameters answer 400 with an RFC 9457 problem detail listing
 * each problem; never a 500.
 */
@RestController
class PlacesApiController {

    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");
    static final int DEFAULT_SIZE = 50;

    private final PlaceSearch search;
    private final MessageSource messages;

    PlacesApiController(PlaceSearch search, MessageSource messages) {
        this.search = search;
        this.messages = messages;
    }

    @GetMapping(value = "/api/places", produces = {"application/geo+json", "application/json"})
    ResponseEntity<?> places(@RequestParam(required = false) String q, @RequestParam(required = false) String lat,
                             @RequestParam(required = false) String lon, @RequestParam(required = false) String radius,
                             @RequestParam(required = false) String bbox, @RequestParam(required = false) String near,
                             @RequestParam(required = false) List<String> needs, @RequestParam(required = false) String fit,
                             @RequestParam(name = "criterion", required = false) List<String> criteria,
                             @RequestParam(required = false) String after, @RequestParam(required = false) String size,
                             HttpServletRequest request, Locale locale) {
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
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", page.places().stream().map(p -> feature(p, query, locale)).toList());
        collection.put("count", page.places().size());
        if (page.nextCursor() != null) {
            collection.put("next", ServletUriComponentsBuilder.fromRequest(request)
                    .replaceQueryParam("after", page.nextCursor()).build().toUriString());
        }
        return ResponseEntity.ok().contentType(GEO_JSON).body(collection);
    }

    Map<String, Object> feature(PlaceSummary p, PlaceSearch.Query query, Locale locale) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", p.id().value());
        properties.put("name", p.name());
        properties.put("category", p.category());
        properties.put("address", Map.of("street", p.address().street(), "postcode", p.address().postcode(),
                "city", p.address().city()));
        if (p.distanceMetres() >= 0) {
            properties.put("distance", Math.round(p.distanceMetres()));
        }
        properties.put("url", "/places/" + p.id().value());
        Map<String, String> criteria = new LinkedHashMap<>();
        p.values().forEach((c, v) -> criteria.put(c.key(), v));
        properties.put("criteria", criteria);
        Map<String, String> verdicts = new LinkedHashMap<>();
        p.verdicts().forEach((n, v) -> verdicts.put(n.key(), v.key()));
        properties.put("verdicts", verdicts);
        if (!query.needs().isEmpty()) {
            Verdict verdict = p.verdictFor(query.needs());
            properties.put("verdict", Map.of(
                    "level", verdict.level().key(),
                    "text", messages.getMessage("verdict.level." + verdict.level().key(), null, locale),
                    "reasons", verdict.reasons().stream()
                            .map(r -> messages.getMessage(r.messageKey(), r.arguments(), locale)).toList()));
        }
        properties.put("source", Map.of("kind", p.source().kind(), "id", p.source().sourceId(),
                "licence", p.source().licence(), "attribution", p.source().attribution()));
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("id", p.id().value());
        feature.put("geometry", Map.of("type", "Point", "coordinates", List.of(p.location().longitude(), p.location().latitude())));
        feature.put("properties", properties);
        return feature;
    }
}
