package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenStreetMap extracts as people download them (issue 18): {@code .osm.pbf} files, a part of a
 * file kept by box or département, and complete re-imports that mark the places gone from the
 * data as "maybe closed" without deleting them or touching members' answers.
 */
class OsmExtractsTest extends RampeTest {

    /** The centre of Montpellier, from the Arceaux to the Corum. */
    static final Area.Box CENTRE = new Area.Box(3.865, 43.605, 3.885, 43.615);

    @Autowired
    OsmImport osm;

    @Autowired
    AcceslibreImport acceslibre;

    @Autowired
    Places places;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @TempDir
    Path dir;

    @Test
    void aPbfMadeFromTheMontpellierPharmaciesImportsTheSamePlacesAsTheirGeoJson() throws IOException {
        var geojson = importDemo("pharmacies.geojson", ImportOptions.ALL);
        var fromGeoJson = places();
        graph.write("MATCH (n) WHERE NOT any(l IN labels(n) WHERE l STARTS WITH '__Neo4jMigration') DETACH DELETE n");

        var pbf = new PbfFile();
        for (JsonNode f : features("pharmacies.geojson")) {
            var c = f.path("geometry").path("coordinates");
            pbf.node(nodeId(f), c.get(1).asDouble(), c.get(0).asDouble(), tags(f));
        }
        Path file = dir.resolve("pharmacies.osm.pbf");
        Files.write(file, pbf.bytes());
        var report = osm.importFile(file, ImportOptions.ALL, ImportProgress.NONE);

        assertThat(report.failed()).isFalse();
        assertThat(report.created()).isEqualTo(geojson.created()).isEqualTo(69);
        assertThat(report.skipped()).extracting(ImportReport.RowProblem::reason).hasSize(7)
                .allSatisfy(r -> assertThat(r).matches("node \\d+: no name"));
        assertThat(places()).isEqualTo(fromGeoJson);
    }

    @Test
    void aPbfWayStandsAtTheCentreOfItsNodesAndUntaggedNodesAreNotPlaces() throws IOException {
        var pbf = new PbfFile()
                .node(1, 43.600, 3.870, Map.of())
                .node(2, 43.600, 3.880, Map.of())
                .node(3, 43.610, 3.880, Map.of())
                .node(4, 43.611, 3.871, Map.of("name", "Banc", "highway", "bus_stop"))
                .node(5, 43.612, 3.872, Map.of("name", "Boulangerie", "shop", "bakery", "wheelchair", "no"))
                .way(10, List.of(1L, 2L, 3L, 1L), Map.of("name", "Librairie du Chemin", "shop", "books",
                        "toilets:wheelchair", "yes", "building", "yes"))
                .way(11, List.of(1L, 99L), Map.of("name", "Coupée", "shop", "clothes"))
                .way(12, List.of(1L, 2L), Map.of("highway", "footway", "name", "Allée"));
        Path file = dir.resolve("extract.osm.pbf");
        Files.write(file, pbf.bytes());
        var steps = new ArrayList<ImportProgress.Step>();

        var report = osm.importFile(file, ImportOptions.ALL, steps::add);

        assertThat(report.created()).isEqualTo(2);
        assertThat(report.skipped()).extracting(ImportReport.RowProblem::reason)
                .containsExactly("way 11: some of its nodes are not in the file");
        var way = graph.one("MATCH (p:Place {sourceKey: 'osm:way/10'}) RETURN p.location AS l, p.category AS c",
                Map.of(), r -> Map.entry(r.get("l").asPoint(), r.get("c").asString())).orElseThrow();
        assertThat(way.getKey().x()).isCloseTo(3.875, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(way.getKey().y()).isCloseTo(43.605, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(way.getValue()).isEqualTo("books");
        assertThat(graph.count("MATCH (p:Place {sourceKey: 'osm:5', sourceWheelchair: 'no'}) RETURN count(p) AS n", Map.of()))
                .isEqualTo(1);
        // The last step says the whole file was read, twice.
        assertThat(steps).last().satisfies(s -> assertThat(s.percent()).isEqualTo(100));
    }

    @Test
    void aCutOrForeignPbfFileFails() throws IOException {
        var pbf = new PbfFile();
        for (JsonNode f : features("pharmacies.geojson")) {
            var c = f.path("geometry").path("coordinates");
            pbf.node(nodeId(f), c.get(1).asDouble(), c.get(0).asDouble(), tags(f));
        }
        byte[] whole = pbf.bytes();
        Path cut = dir.resolve("cut.osm.pbf");
        Files.write(cut, Arrays.copyOf(whole, whole.length * 2 / 3));
        var report = osm.importFile(cut, ImportOptions.ALL, ImportProgress.NONE);
        assertThat(report.failed()).isTrue();
        assertThat(report.failure()).contains("the PBF file is cut or corrupt");
        assertThat(ImportCommand.exitCode(report)).isEqualTo(ImportCommand.FAILED);

        Path foreign = dir.resolve("not.osm.pbf");
        Files.writeString(foreign, "{\"type\": \"FeatureCollection\", \"features\": []}");
        assertThat(osm.importFile(foreign, ImportOptions.ALL, ImportProgress.NONE).nothingRead()).isTrue();
    }

    @Test
    void aBoxKeepsOnlyThePlacesInsideIt() throws IOException {
        long named = 0;
        long inside = 0;
        for (JsonNode f : features("shops.geojson")) {
            if (!f.path("properties").path("name").asString("").isBlank()) {
                named++;
                var c = f.path("geometry").path("coordinates");
                if (CENTRE.contains(new GeoPoint(c.get(1).asDouble(), c.get(0).asDouble()), "")) {
                    inside++;
                }
            }
        }
        var report = importDemo("shops.geojson", new ImportOptions(CENTRE, false));

        assertThat(inside).isPositive().isLessThan(named);
        assertThat(report.created()).isEqualTo(inside);
        assertThat(report.outside()).isEqualTo(named - inside);
        assertThat(graph.count("""
                MATCH (p:Place) WHERE NOT point.withinBBox(p.location, point({longitude: 3.865, latitude: 43.605}),
                                                           point({longitude: 3.885, latitude: 43.615}))
                RETURN count(p) AS n""", Map.of())).isZero();
    }

    @Test
    void aDepartementKeepsThePlacesOfItsPostcodesAndThoseWithoutOneInsideItsAddresses() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/opendata/acceslibre/example-valid.csv")) {
            var aube = acceslibre.importStream(in, new ImportOptions(places.departement("10"), false), ImportProgress.NONE);
            assertThat(aube.created()).isEqualTo(1);
            assertThat(aube.outside()).isEqualTo(5);
        }
        graph.write("MATCH (p:Place) DETACH DELETE p");

        long withPostcode = features("shops.geojson").stream().filter(f -> !f.path("properties").path("name").asString("").isBlank()
                && f.path("properties").path("addr:postcode").asString("").startsWith("34")).count();
        var herault = importDemo("shops.geojson", new ImportOptions(places.departement("34"), false));
        // No BAN addresses of the Hérault loaded: a shop without a postcode cannot be placed in it.
        assertThat(herault.created()).isEqualTo(withPostcode);

        // With the Hérault's addresses loaded, the box they span takes in the shops without a postcode.
        graph.write("""
                CREATE (:Address {id: 'a', departement: '34', location: point({longitude: 3.5, latitude: 43.2})}),
                       (:Address {id: 'b', departement: '34', location: point({longitude: 4.2, latitude: 43.9})})
                """);
        var withBox = importDemo("shops.geojson", new ImportOptions(places.departement("34"), false));
        assertThat(withBox.created()).isPositive();
        assertThat(withBox.outside()).isZero();
        assertThat(importDemo("shops.geojson", new ImportOptions(places.departement("33"), false)).created()).isZero();
    }

    @Test
    void aCompleteReImportMarksThePlacesGoneFromTheDataMaybeClosedAndNeverDeletesThem() throws IOException {
        var all = features("pharmacies.geojson").stream().filter(f -> !f.path("properties").path("name").asString("").isBlank()).toList();
        importDemo("pharmacies.geojson", new ImportOptions(Area.EVERYWHERE, true));
        String member = members.create("pharmacienne");
        var gone = all.subList(0, 3);
        for (JsonNode f : gone) {
            places.answer(places.idOf(PlaceSource.osm(Long.toString(nodeId(f)))).orElseThrow(), member, Criterion.HEARING_LOOP, "yes", "");
        }

        var newer = importFeatures(all.subList(3, all.size()), new ImportOptions(Area.EVERYWHERE, true));

        assertThat(newer.maybeClosed()).isEqualTo(3);
        assertThat(graph.count("MATCH (p:Place) WHERE p.maybeClosedSince IS NOT NULL RETURN count(p) AS n", Map.of())).isEqualTo(3);
        assertThat(graph.count("MATCH (p:Place) RETURN count(p) AS n", Map.of())).isEqualTo(all.size());
        assertThat(graph.count("MATCH (p:Place {closed: false}) RETURN count(p) AS n", Map.of())).isEqualTo(all.size());
        assertThat(graph.count("MATCH (:Member)-[:GAVE]->(:Answer {current: true})-[:ABOUT]->(p:Place) WHERE p.maybeClosedSince IS NOT NULL RETURN count(p) AS n",
                Map.of())).isEqualTo(3);

        // A partial file says nothing about the places it lacks; a place back in the data is no longer in doubt.
        var partial = importFeatures(all.subList(0, 1), ImportOptions.ALL);
        assertThat(partial.maybeClosed()).isZero();
        assertThat(graph.count("MATCH (p:Place) WHERE p.maybeClosedSince IS NOT NULL RETURN count(p) AS n", Map.of())).isEqualTo(2);

        // A complete file of a box only speaks for the box.
        var empty = importFeatures(List.of(), new ImportOptions(CENTRE, true));
        long inCentre = all.stream().filter(f -> {
            var c = f.path("geometry").path("coordinates");
            return CENTRE.contains(new GeoPoint(c.get(1).asDouble(), c.get(0).asDouble()), "");
        }).filter(f -> !gone.subList(1, 3).contains(f)).count();
        assertThat(empty.maybeClosed()).isEqualTo(inCentre);
    }

    @Test
    void membersSayWhetherAPlaceGoneFromTheDataIsStillOpen() throws Exception {
        var all = features("pharmacies.geojson").stream().filter(f -> !f.path("properties").path("name").asString("").isBlank()).toList();
        importFeatures(all, new ImportOptions(Area.EVERYWHERE, true));
        importFeatures(all.subList(2, all.size()), new ImportOptions(Area.EVERYWHERE, true));
        PlaceId first = places.idOf(PlaceSource.osm(Long.toString(nodeId(all.get(0))))).orElseThrow();
        PlaceId second = places.idOf(PlaceSource.osm(Long.toString(nodeId(all.get(1))))).orElseThrow();

        // Signed out: the question and a way to sign in, no buttons.
        mvc.perform(get("/places/" + first.value()).header("Accept-Language", "en"))
                .andExpect(content().string(containsString("This place may have closed")))
                .andExpect(content().string(containsString("It is no longer in the OpenStreetMap data since")))
                .andExpect(content().string(not(containsString("value=\"open\""))));

        var member = members.signUp("voisine");
        mvc.perform(get("/places/" + first.value()).session(member))
                .andExpect(content().string(containsString("Ce lieu a peut-être fermé")))
                .andExpect(content().string(containsString("value=\"open\"")));
        mvc.perform(post("/places/" + first.value() + "/still-there").with(csrf()).session(member).param("answer", "open"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/places/" + second.value() + "/still-there").with(csrf()).session(member).param("answer", "closed"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/places/" + second.value() + "/still-there").with(csrf()).session(member).param("answer", "perhaps"))
                .andExpect(status().isBadRequest());

        assertThat(graph.count("MATCH (p:Place {id: $id}) WHERE p.maybeClosedSince IS NULL AND p.closed = false RETURN count(p) AS n",
                Map.of("id", first.value()))).isEqualTo(1);
        assertThat(graph.count("MATCH (p:Place {id: $id}) WHERE p.maybeClosedSince IS NULL AND p.closed = true RETURN count(p) AS n",
                Map.of("id", second.value()))).isEqualTo(1);
        // Both answers are in the places' histories, by the member.
        assertThat(graph.count("MATCH (:Member)-[:MADE]->(r:Revision)<-[:REVISED]-(p:Place) WHERE p.id IN $ids RETURN count(r) AS n",
                Map.of("ids", List.of(first.value(), second.value())))).isEqualTo(3);
        mvc.perform(get("/places/" + first.value() + "/history").header("Accept-Language", "en"))
                .andExpect(content().string(containsString("Confirmed open by a member")));
        // Signed out, the form sends to the sign-in page and changes nothing.
        mvc.perform(post("/places/" + first.value() + "/still-there").with(csrf()).param("answer", "open"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/signin"));
    }

    private ImportReport importDemo(String name, ImportOptions options) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/demo/" + name)) {
            return osm.importStream(in, options, ImportProgress.NONE);
        }
    }

    private ImportReport importFeatures(List<JsonNode> features, ImportOptions options) {
        var json = JsonMapper.builder().build().writeValueAsString(Map.of("type", "FeatureCollection", "features", features));
        return osm.importStream(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                options, ImportProgress.NONE);
    }

    private static List<JsonNode> features(String name) throws IOException {
        try (InputStream in = OsmExtractsTest.class.getResourceAsStream("/demo/" + name)) {
            var list = new ArrayList<JsonNode>();
            JsonMapper.builder().build().readTree(in).path("features").forEach(list::add);
            return list;
        }
    }

    /** The node id of a feature, repaired as the importer repairs it. */
    private static long nodeId(JsonNode f) {
        long id = f.path("properties").path("osm_id").asLong();
        return id < 0 ? id + (1L << 32) : id;
    }

    /** A feature's OpenStreetMap tags: its properties, less those the exporter added. */
    private static Map<String, String> tags(JsonNode f) {
        Map<String, String> tags = new HashMap<>();
        f.path("properties").properties().forEach(e -> {
            if (!List.of("osm_id", "osm_url", "type").contains(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                tags.put(e.getKey(), e.getValue().asString());
            }
        });
        return tags;
    }

    /** Every place by source key: its stored summary (without its random id), labels and current answers. */
    private Map<String, String> places() {
        var byKey = new TreeMap<String, String>();
        graph.list("""
                MATCH (p:Place)
                OPTIONAL MATCH (p)<-[:ABOUT]-(a:Answer {current: true})
                WITH p, a ORDER BY a.criterion
                RETURN p.sourceKey AS key, p.summary AS summary, p.location AS l, collect(a.criterion + '=' + a.value) AS answers,
                       [l IN labels(p) | l] AS labels
                """, Map.of(), r -> {
            String summary = r.get("summary").asString();
            var entries = new ArrayList<>(List.of(summary.substring(summary.indexOf(StoredSummary.SEPARATOR) + 1)
                    .split(String.valueOf(StoredSummary.SEPARATOR), -1)));
            entries.sort(null);
            var labels = new ArrayList<>(r.get("labels").asList(v -> v.asString()));
            labels.sort(null);
            return Map.entry(r.get("key").asString(), entries + " " + labels + " " + r.get("answers").asList(v -> v.asString())
                    + " " + Math.round(r.get("l").asPoint().x() * 1e7) + "," + Math.round(r.get("l").asPoint().y() * 1e7));
        }).forEach(e -> byKey.put(e.getKey(), e.getValue()));
        return byKey;
    }
}
