package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rampe.RampeTest;
import org.rampe.places.addresses.AddressSearch;
import org.rampe.places.addresses.BanFiles;
import org.rampe.places.addresses.BanImport;
import org.rampe.places.addresses.RemoteGeocoder;
import org.rampe.places.addresses.Suggestion;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where "near …" is: typed coordinates, then the operator's BAN-compatible API when configured
 * (a real HTTP server on 127.0.0.1 here), then the BAN addresses in the graph, then known places.
 */
class GeocoderTest extends RampeTest {

    /** 3 Rue de la Loge, as the test file has it. */
    static final GeoPoint LOGE_3 = new GeoPoint(43.6101, 3.8772);

    @Autowired
    Geocoder geocoder;

    @Autowired
    BanImport ban;

    @Autowired
    AddressSearch addresses;

    @Autowired
    PlaceSearchRepository placeSearch;

    @Autowired
    Places places;

    @TempDir
    Path dir;

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopTheServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private void loadMontpellier() {
        var report = ban.importFile(BanFiles.write(dir, "adresses-34.csv.gz", BanFiles.montpellierRows()), ImportOptions.ALL,
                ImportProgress.NONE);
        assertThat(report.failed()).isFalse();
    }

    private GeoPoint centreOfCommune(String insee) {
        return graph.one("MATCH (c:Commune {insee: $insee}) RETURN c.location AS p", Map.of("insee", insee),
                r -> new GeoPoint(r.get("p").asPoint().y(), r.get("p").asPoint().x())).orElseThrow();
    }

    private GeoPoint centreOfStreet(String name) {
        return graph.one("MATCH (s:Street {name: $name}) RETURN s.location AS p", Map.of("name", name),
                r -> new GeoPoint(r.get("p").asPoint().y(), r.get("p").asPoint().x())).orElseThrow();
    }

    @Test
    void aCommuneIsFoundWhateverItsAccentsCaseOrASmallTypo() {
        loadMontpellier();
        GeoPoint montpellier = centreOfCommune("34172");
        assertThat(geocoder.locate("Montpellier")).contains(montpellier);
        assertThat(geocoder.locate("MONTPELLIER")).contains(montpellier);
        assertThat(geocoder.locate("Montpelier")).contains(montpellier);
        assertThat(geocoder.locate("34000 Montpellier")).contains(montpellier);
        assertThat(geocoder.locate("perols")).contains(centreOfCommune("34198"));
        assertThat(geocoder.locate("Castelnau le Lez")).contains(centreOfCommune("34057"));
    }

    @Test
    void aStreetIsFoundAloneOrWithItsCommuneWithoutAccentsAndWithATypo() {
        loadMontpellier();
        GeoPoint loge = centreOfStreet("Rue de la Loge");
        assertThat(geocoder.locate("rue de la loge")).contains(loge);
        assertThat(geocoder.locate("Rue de la Loge, Montpellier")).contains(loge);
        assertThat(geocoder.locate("rue de la loge montpellier")).contains(loge);
        assertThat(geocoder.locate("rue de la loje, montpelier")).contains(loge);
        assertThat(geocoder.locate("rue de la poesie")).contains(centreOfStreet("Rue de la Poésie"));
        assertThat(geocoder.locate("rue de l'eglise, perols")).contains(centreOfStreet("Rue de l’Église"));
        assertThat(geocoder.locate("avenue de nimes")).contains(centreOfStreet("Avenue de Nîmes"));
    }

    @Test
    void aNumberedAddressIsFoundAtItsOwnPoint() {
        loadMontpellier();
        assertThat(geocoder.locate("3 rue de la Loge Montpellier")).contains(LOGE_3);
        assertThat(geocoder.locate("3, rue de la loge, 34000 montpellier")).isPresent();
        assertThat(geocoder.locate("3 Rue de la Loge, 34000 Montpellier")).contains(LOGE_3);
        assertThat(geocoder.locate("3 rue de la loje")).contains(LOGE_3);
        GeoPoint tanneurs = graph.one("MATCH (a:Address {number: '7 bis', street: 'Quai des Tanneurs'}) RETURN a.location AS p", Map.of(),
                r -> new GeoPoint(r.get("p").asPoint().y(), r.get("p").asPoint().x())).orElseThrow();
        assertThat(geocoder.locate("7 bis quai des tanneurs")).contains(tanneurs);
        // A number the street does not have: the street.
        assertThat(geocoder.locate("999 rue de la Loge")).contains(centreOfStreet("Rue de la Loge"));
    }

    @Test
    void suggestionsPutTheCommuneNamedFirstThenStreetsThenTheirNumbers() {
        loadMontpellier();
        List<Suggestion> montpellier = geocoder.suggest("Montpellier", 6);
        assertThat(montpellier).isNotEmpty();
        assertThat(montpellier.getFirst().label()).isEqualTo("34000 Montpellier");
        assertThat(montpellier.getFirst().kind()).isEqualTo(Suggestion.Kind.COMMUNE);
        assertThat(montpellier.subList(1, montpellier.size())).extracting(Suggestion::kind).containsOnly(Suggestion.Kind.STREET);

        assertThat(geocoder.suggest("rue de la lo", 6)).extracting(Suggestion::label).contains("Rue de la Loge, 34000 Montpellier");
        assertThat(geocoder.suggest("3 rue de la loge", 6)).extracting(Suggestion::label)
                .startsWith("3 Rue de la Loge, 34000 Montpellier", "Rue de la Loge, 34000 Montpellier");
        // Each label, typed back, is the same place.
        for (Suggestion s : geocoder.suggest("rue de la", 6)) {
            assertThat(geocoder.locate(s.label())).as(s.label()).contains(s.location());
        }
        assertThat(geocoder.suggest("43.61, 3.87", 6)).isEmpty();
    }

    @Test
    void withoutAddressesTheKnownPlacesStillLocateTheirTown() {
        String author = graph.writeOne("CREATE (m:Member {id: randomUUID()}) RETURN m.id AS id", Map.of(), r -> r.get("id").asString())
                .orElseThrow();
        places.add("Pharmacie", "pharmacie", new Address("1 rue Foch", "34000", "Montpellier"), new GeoPoint(43.61, 3.875), author, Map.of());
        assertThat(geocoder.locate("Montpellier")).contains(new GeoPoint(43.61, 3.875));
        assertThat(geocoder.locate("rue Foch, Montpellier")).contains(new GeoPoint(43.61, 3.875));
        assertThat(geocoder.locate("Atlantis")).isEmpty();
        assertThat(geocoder.suggest("Montpellier", 6)).isEmpty();
        // With the addresses loaded, the commune's own centre answers.
        loadMontpellier();
        assertThat(geocoder.locate("Montpellier")).contains(centreOfCommune("34172"));
    }

    @Test
    void typedCoordinatesNeedNoGeocoder() {
        assertThat(geocoder.locate("43.6101, 3.8772")).contains(LOGE_3);
        assertThat(geocoder.locate("43,6101; 3,8772")).contains(LOGE_3);
    }

    private Geocoder withRemote(String url, Duration timeout) {
        return new Geocoder(placeSearch, new RemoteGeocoder(url, timeout), addresses);
    }

    private String serve(int status, String body, boolean slow) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/search/", exchange -> {
            if (slow) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            assertThat(exchange.getRequestURI().getRawQuery()).contains("limit=");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private static final String BORDEAUX = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-0.5792, 44.8378]},
               "properties": {"label": "Bordeaux", "score": 0.97, "type": "municipality", "city": "Bordeaux", "postcode": "33000"}},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-0.57, 44.84]},
               "properties": {"label": "Rue de Bordeaux 33800 Bordeaux", "score": 0.6, "type": "street", "city": "Bordeaux", "postcode": "33800"}}
            ]}""";

    @Test
    void theConfiguredHttpGeocoderIsAskedFirst() throws IOException {
        loadMontpellier();
        Geocoder remote = withRemote(serve(200, BORDEAUX, false), Duration.ofSeconds(5));
        assertThat(remote.locate("Montpellier")).contains(new GeoPoint(44.8378, -0.5792));
        assertThat(remote.suggest("bordeaux", 5)).extracting(Suggestion::label, Suggestion::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Bordeaux", Suggestion.Kind.COMMUNE),
                org.assertj.core.groups.Tuple.tuple("Rue de Bordeaux 33800 Bordeaux", Suggestion.Kind.STREET));
        // Coordinates typed stay on the server.
        assertThat(remote.locate("43.6101, 3.8772")).contains(LOGE_3);
    }

    @Test
    void aSlowHttpGeocoderIsLeftForTheLoadedAddresses() throws IOException {
        loadMontpellier();
        Geocoder remote = withRemote(serve(200, BORDEAUX, true), Duration.ofMillis(300));
        assertThat(remote.locate("3 rue de la Loge Montpellier")).contains(LOGE_3);
        assertThat(remote.suggest("perols", 5)).extracting(Suggestion::label).startsWith("34470 Pérols");
    }

    @Test
    void aFailingOrUnreachableHttpGeocoderIsLeftForTheLoadedAddresses() throws IOException {
        loadMontpellier();
        GeoPoint montpellier = centreOfCommune("34172");
        assertThat(withRemote(serve(500, "{}", false), Duration.ofSeconds(5)).locate("Montpellier")).contains(montpellier);
        server.stop(0);
        assertThat(withRemote(serve(200, "<html>not json</html>", false), Duration.ofSeconds(5)).locate("Montpellier")).contains(montpellier);
        int closed = server.getAddress().getPort();
        server.stop(0);
        server = null;
        assertThat(withRemote("http://127.0.0.1:" + closed, Duration.ofSeconds(5)).locate("Montpellier")).contains(montpellier);
    }

    @Test
    void withoutAConfiguredUrlNothingIsAsked() {
        assertThat(new RemoteGeocoder("", Duration.ofSeconds(1)).configured()).isFalse();
        assertThat(new RemoteGeocoder("", Duration.ofSeconds(1)).suggest("Montpellier", 5)).isEmpty();
    }

    @Test
    void theAddressesGiveTheirCoordinatesWithinAMetre() {
        loadMontpellier();
        assertThat(geocoder.locate("5 rue de la loge").orElseThrow().latitude()).isCloseTo(43.6102, within(1e-9));
    }
}
