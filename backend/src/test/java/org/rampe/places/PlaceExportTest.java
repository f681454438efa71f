package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Through the real server, as anyone on the web would call it, signed in or not. */
class PlaceExportTest extends RampeTest {

    private static final String MONTPELLIER = "3.80,43.56,3.95,43.66";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    OsmImport osm;

    @Autowired
    AcceslibreImport acceslibre;

    @Test
    void theOpenPlacesOfTheBoxComeBackAsGeoJsonWithTheirLicence() throws Exception {
        osm.importStream(bytes("""
                {"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"osm_id": 1, "name": "Pharmacie A", "amenity": "pharmacy", "wheelchair": "yes", "wheelchair:entrance_width": "90", "addr:city": "Montpellier"}, "geometry": {"type": "Point", "coordinates": [3.8767, 43.6108]}},
                {"type": "Feature", "properties": {"osm_id": 2, "name": "Fermée", "shop": "books"}, "geometry": {"type": "Point", "coordinates": [3.88, 43.61]}},
                {"type": "Feature", "properties": {"osm_id": 3, "name": "À Paris", "shop": "books"}, "geometry": {"type": "Point", "coordinates": [2.35, 48.85]}}
                ]}"""), n -> { });
        acceslibre.importStream(bytes("""
                id,name,commune,longitude,latitude,activite,entree_plain_pied
                al-1,Mairie de Montpellier,Montpellier,3.8965,43.5990,Mairie,False
                """), n -> { });
        // Closed as the application closes a place: the flag, and the labels that follow it.
        graph.write("MATCH (p:Place {sourceKey: 'osm:2'}) SET p.closed = true\n"
                + StoredSummary.DERIVED);

        var response = get("/api/places/export.geojson?bbox=" + MONTPELLIER);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/geo+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(body.get("limit").asInt()).isEqualTo(5000);
        assertThat(body.get("truncated").asBoolean()).isFalse();
        assertThat(body.get("features")).hasSize(2);
        assertThat(body.get("attribution").valueStream().map(a -> a.get("source").asString() + ": " + a.get("licence").asString()))
                .containsExactlyInAnyOrder("osm: ODbL 1.0", "acceslibre: Licence Ouverte / Etalab 2.0");

        JsonNode pharmacy = body.get("features").valueStream()
                .filter(f -> f.get("properties").get("sourceId").asString().equals("1")).findFirst().orElseThrow();
        assertThat(pharmacy.get("type").asString()).isEqualTo("Feature");
        assertThat(pharmacy.get("geometry").get("type").asString()).isEqualTo("Point");
        assertThat(pharmacy.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(3.8767);
        assertThat(pharmacy.get("geometry").get("coordinates").get(1).asDouble()).isEqualTo(43.6108);
        JsonNode props = pharmacy.get("properties");
        assertThat(props.get("id").asString()).isEqualTo(pharmacy.get("id").asString());
        assertThat(props.get("name").asString()).isEqualTo("Pharmacie A");
        assertThat(props.get("category").asString()).isEqualTo("pharmacy");
        assertThat(props.get("city").asString()).isEqualTo("Montpellier");
        assertThat(props.get("source").asString()).isEqualTo("osm");
        assertThat(props.get("licence").asString()).isEqualTo("ODbL 1.0");
        assertThat(props.get("attribution").asString()).isEqualTo("© OpenStreetMap contributors");
        assertThat(props.get("criteria").get("step_free_entrance").asString()).isEqualTo("yes");
        assertThat(props.get("criteria").get("door_width").asString()).isEqualTo("90");
        assertThat(props.get("verdicts").has("wheelchair")).isTrue();
        assertThat(props.get("verdicts").get("hearing").asString()).isEqualTo("unknown");
    }

    @Test
    void aBadOrMissingBoxIsAProblemDetailNeverAnError() throws Exception {
        for (String query : new String[] {"", "?bbox=", "?bbox=abc", "?bbox=1,2,3", "?bbox=3.9,43.5,3.8,43.6",
                "?bbox=" + URLEncoder.encode("0,-91,1,0", StandardCharsets.UTF_8), "?bbox=NaN,1,2,3"}) {
            var response = get("/api/places/export.geojson" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("title").asString()).isEqualTo("Demande incorrecte");
            assertThat(problem.get("detail").asString()).contains("minLon,minLat,maxLon,maxLat");
            assertThat(problem.get("errors").get(0).get("parameter").asString()).isEqualTo("bbox");
        }
        var english = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/places/export.geojson?bbox=abc"))
                .header("Accept-Language", "en").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(english.body()).get("detail").asString()).startsWith("The area must be written").contains("\"abc\"");
    }

    @Test
    void anEmptyBoxIsAnEmptyCollection() throws Exception {
        var body = json.readTree(get("/api/places/export.geojson?bbox=" + MONTPELLIER).body());

        assertThat(body.get("features")).isEmpty();
        assertThat(body.get("attribution")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "application/geo+json, application/json")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
