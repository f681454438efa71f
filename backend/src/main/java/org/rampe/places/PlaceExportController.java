package org.rampe.places;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rampe.site.Limited;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The places of a box as a GeoJSON FeatureCollection, with each place's source, licence and
 * attribution, its consensus values and its verdicts: what Rampe knows, given back as open data.
 * At most {@value #MAX_FEATURES} features per call ({@code truncated: true} says when a box held
 * more): ask for smaller boxes to get everything.
 */
@RestController
class PlaceExportController {

    static final int MAX_FEATURES = 5_000;
    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    private final PlaceSearch search;
    private final org.springframework.context.MessageSource messages;

    PlaceExportController(PlaceSearch search, org.springframework.context.MessageSource messages) {
        this.search = search;
        this.messages = messages;
    }

    @Limited(value = "api.places.export", perAddress = 30)
    @GetMapping("/api/places/export.geojson")
    ResponseEntity<?> export(@RequestParam(required = false) String bbox, java.util.Locale locale) {
        Optional<GeoPoint[]> box = box(bbox);
        if (box.isEmpty()) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    messages.getMessage("places.export.bbox.invalid", new Object[] {bbox == null ? "" : bbox}, locale));
            problem.setTitle(messages.getMessage("error.400.title", null, locale));
            problem.setProperty("errors", List.of(Map.of("parameter", "bbox", "message", problem.getDetail())));
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        List<PlaceSummary> places = search.export(box.get()[0], box.get()[1], MAX_FEATURES + 1);
        boolean truncated = places.size() > MAX_FEATURES;
        if (truncated) {
            places = places.subList(0, MAX_FEATURES);
        }
        List<Map<String, Object>> features = new ArrayList<>();
        var sources = new LinkedHashSet<Map<String, Object>>();
        for (PlaceSummary place : places) {
            features.add(feature(place));
            sources.add(Map.of("source", place.source().kind(), "licence", place.source().licence(),
                    "attribution", place.source().attribution()));
        }
        var collection = new LinkedHashMap<String, Object>();
        collection.put("type", "FeatureCollection");
        collection.put("attribution", List.copyOf(sources));
        collection.put("limit", MAX_FEATURES);
        collection.put("truncated", truncated);
        collection.put("features", features);
        return ResponseEntity.ok().contentType(GEO_JSON).body(collection);
    }

    private static Map<String, Object> feature(PlaceSummary place) {
        var criteria = new LinkedHashMap<String, Object>();
        place.values().forEach((c, v) -> criteria.put(c.key(), v));
        var verdicts = new LinkedHashMap<String, Object>();
        place.verdicts().forEach((n, level) -> verdicts.put(n.key(), level.key()));
        var properties = new LinkedHashMap<String, Object>();
        properties.put("id", place.id().value());
        properties.put("name", place.name());
        properties.put("category", place.category());
        properties.put("street", place.address().street());
        properties.put("postcode", place.address().postcode());
        properties.put("city", place.address().city());
        properties.put("source", place.source().kind());
        properties.put("sourceId", place.source().sourceId());
        properties.put("licence", place.source().licence());
        properties.put("attribution", place.source().attribution());
        properties.put("criteria", criteria);
        properties.put("verdicts", verdicts);
        var feature = new LinkedHashMap<String, Object>();
        feature.put("type", "Feature");
        feature.put("id", place.id().value());
        feature.put("geometry", Map.of("type", "Point",
                "coordinates", List.of(place.location().longitude(), place.location().latitude())));
        feature.put("properties", properties);
        return feature;
    }

    /** South-west and north-east corners from "minLon,minLat,maxLon,maxLat"; any size, the feature cap bounds it. */
    static Optional<GeoPoint[]> box(String bbox) {
        return PlaceSearch.parseBox(bbox, 360);
    }
}
