package org.rampe.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.rampe.places.Criterion;
import org.rampe.places.OsmImport;
import org.rampe.places.PlaceSource;
import org.rampe.places.Places;
import org.springframework.stereotype.Component;

/**
 * The places of the demo: the OpenStreetMap pharmacies and shops of Montpellier (ODbL, see
 * resources/demo/README.md), imported as any OSM file is, and a few answers of the demo members.
 */
@Component
class DemoAnswers {

    /** An answer a demo member gives about an OSM node of the demo files. */
    record DemoAnswer(String member, long osmNode, Criterion criterion, String value, String comment) {
    }

    static final List<DemoAnswer> ANSWERS = List.of(
            new DemoAnswer("camille", 615994518L, Criterion.STEP_FREE_ENTRANCE, "yes", "Entrée de plain-pied, porte large."),
            new DemoAnswer("lea", 615994518L, Criterion.DOOR_WIDTH, "100", ""),
            new DemoAnswer("camille", 612258796L, Criterion.RAMP, "removable", "Rampe amovible sur demande."),
            new DemoAnswer("lea", 612258796L, Criterion.CALL_DEVICE, "yes", "Sonnette à hauteur de fauteuil."),
            new DemoAnswer("karim", 267849382L, Criterion.TRAINED_STAFF, "yes", "Personnel attentif, m'a guidé jusqu'au comptoir."),
            new DemoAnswer("karim", 267849382L, Criterion.GUIDE_DOGS_WELCOME, "yes", ""),
            new DemoAnswer("lea", 615994524L, Criterion.RAMP, "none", "Une marche de 8 cm, pas de rampe."),
            new DemoAnswer("camille", 645553954L, Criterion.ENTRANCE_STEPS, "1", ""),
            new DemoAnswer("karim", 645553954L, Criterion.QUIET_ENVIRONMENT, "no", "Musique forte."));

    private static final List<String> FILES = List.of("/demo/pharmacies.geojson", "/demo/shops.geojson");

    private final OsmImport osm;
    private final Places places;

    DemoAnswers(OsmImport osm, Places places) {
        this.osm = osm;
        this.places = places;
    }

    /** Imports the demo files; how many places came in. */
    int importPlaces() {
        int in = 0;
        for (String file : FILES) {
            try (InputStream stream = DemoAnswers.class.getResourceAsStream(file)) {
                var report = osm.importStream(stream, n -> { });
                in += report.created() + report.updated();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return in;
    }

    /** The demo members' answers (ids by their short key); how many were given. */
    int answer(Map<String, String> memberIds) {
        int answered = 0;
        for (DemoAnswer answer : ANSWERS) {
            var place = places.idOf(PlaceSource.osm(Long.toString(answer.osmNode())));
            if (place.isPresent()) {
                places.answer(place.get(), memberIds.get(answer.member()), answer.criterion(), answer.value(), answer.comment());
                answered++;
            }
        }
        return answered;
    }
}
