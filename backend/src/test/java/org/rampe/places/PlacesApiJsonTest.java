package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API writes its GeoJSON with a streaming generator; it must be the very JSON that the maps it
 * replaced gave to Jackson (kept here as the reference).
 */
class PlacesApiJsonTest extends RampeTest {

    @Autowired
    Places places;

    @Autowired
    PlaceSearch search;

    @Autowired
    PlacesApiController controller;

    @Autowired
    MessageSource messages;

    @Test
    void theStreamedGeoJsonIsTheJsonOfTheFeatureMaps() {
        String member = java.util.UUID.randomUUID().toString();
        graph.write("CREATE (:Member {id: $id, handle: 'lou', email: 'lou@example.org'})", Map.of("id", member));
        places.add("Café \"🌈\" des Arts", "café", new Address("2 rue Foch", "34000", "Montpellier"), new GeoPoint(43.6085, 3.88),
                member, Map.of(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, "75", Criterion.HEARING_LOOP, "no"));
        places.add("Pharmacie", "pharmacie", new Address("", "", ""), new GeoPoint(43.6095, 3.8812), member, Map.of());
        var json = JsonMapper.builder().build();
        for (var locale : List.of(Locale.FRENCH, Locale.ENGLISH)) {
            for (var needs : List.of(List.<String>of(), List.of("wheelchair", "hearing"))) {
                var checked = search.check(new PlaceSearch.Parameters(null, null, "43.6085", "3.88", "1000", null, needs, null,
                        null, null, "1"), 50, true);
                var query = checked.value();
                var page = search.search(query);
                assertThat(page.places()).hasSize(1);
                String next = "http://localhost/api/places?after=" + page.nextCursor();

                var out = new java.io.ByteArrayOutputStream();
                controller.writeFeatureCollection(out, page.places(), next, query, locale);
                var streamed = json.readTree(out.toByteArray());
                var reference = json.readTree(json.writeValueAsBytes(reference(page.places(), next, query, locale)));

                assertThat(streamed).isEqualTo(reference);
            }
        }
    }

    @Test
    void throughTheRealServerTheStreamedAnswerKeepsItsTypeAndTheSecurityHeaders() throws Exception {
        String member = java.util.UUID.randomUUID().toString();
        graph.write("CREATE (:Member {id: $id, handle: 'lou', email: 'lou@example.org'})", Map.of("id", member));
        for (int i = 0; i < 600; i++) { // more than the container's buffer: sent in several chunks
            places.add("Lieu " + i, "café", new Address("", "", ""), new GeoPoint(43.6085 + i / 1e5, 3.88), member, Map.of());
        }
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl()
                        + "/api/places?bbox=3.87,43.60,3.89,43.62&size=500")).header("Accept", "application/json").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        var body = JsonMapper.builder().build().readTree(response.body());
        assertThat(body.get("count").asInt()).isEqualTo(500);
        assertThat(body.get("features")).hasSize(500);
        assertThat(body.get("next").asString()).contains("after=");
    }

    /** What the controller built before it streamed: one map per feature, serialised by Jackson. */
    private Map<String, Object> reference(List<PlaceSummary> found, String next, PlaceSearch.Query query, Locale locale) {
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", found.stream().map(p -> feature(p, query, locale)).toList());
        collection.put("count", found.size());
        collection.put("next", next);
        return collection;
    }

    private Map<String, Object> feature(PlaceSummary p, PlaceSearch.Query query, Locale locale) {
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
