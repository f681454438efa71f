package org.rampe.places;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.rampe.graph.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * With {@code rampe.demo=true} ({@code --demo}), fills an empty database with something to look
 * at: the Montpellier pharmacies and shops from OpenStreetMap (ODbL, see resources/demo/README.md),
 * three demo members and a few of their answers; then {@link DemoMembersCreated} lets the social
 * features add their posts and follows. Done once: a {@code :DemoContent} node remembers it.
 *
 * <p>Demo members carry {@code demo: true}, an address under {@code rampe.invalid} and a name
 * ending " (démo)". Their password is a random one nobody ever sees, so nobody can sign in as them.
 */
@Component
class DemoContent implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);

    record DemoMember(String key, String displayName) {
        String email() {
            return "demo-" + key + "@rampe.invalid";
        }

        String handle() {
            return "demo_" + key;
        }
    }

    /** An answer a demo member gives about an OSM node of the demo files. */
    record DemoAnswer(String member, long osmNode, Criterion criterion, String value, String comment) {
    }

    static final List<DemoMember> MEMBERS = List.of(
            new DemoMember("camille", "Camille Roux (démo)"),
            new DemoMember("karim", "Karim 🦯 Benali (démo)"),
            new DemoMember("lea", "Léa, fauteuil électrique (démo)"));

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

    private final boolean enabled;
    private final OsmImport osm;
    private final Places places;
    private final PlaceRepository repository;
    private final Driver driver;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;

    DemoContent(@Value("${rampe.demo:false}") boolean enabled, OsmImport osm, Places places, PlaceRepository repository,
                Driver driver, PasswordEncoder passwordEncoder, ApplicationEventPublisher events) {
        this.events = events;
        this.enabled = enabled;
        this.osm = osm;
        this.places = places;
        this.repository = repository;
        this.driver = driver;
        this.passwordEncoder = passwordEncoder;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (enabled) {
            load();
        }
    }

    /** Loads the demo content unless it already was; true when it loaded it now. */
    boolean load() {
        if (Transactions.read(driver, tx -> tx.run("MATCH (d:DemoContent) RETURN count(d) > 0 AS loaded")
                .single().get("loaded").asBoolean())) {
            log.info("Demo content already loaded: nothing to do");
            return false;
        }
        int placesIn = 0;
        for (String file : FILES) {
            try (InputStream in = DemoContent.class.getResourceAsStream(file)) {
                ImportReport report = osm.importStream(in, n -> { });
                placesIn += report.created() + report.updated();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, String> memberIds = new java.util.HashMap<>();
        for (DemoMember member : MEMBERS) {
            memberIds.put(member.key(), demoMember(member));
        }
        int answered = 0;
        for (DemoAnswer answer : ANSWERS) {
            var ids = repository.idsBySourceKeys(List.of(PlaceSource.osm(Long.toString(answer.osmNode())).key()));
            for (PlaceId id : ids) {
                places.answer(id, memberIds.get(answer.member()), answer.criterion(), answer.value(), answer.comment());
                answered++;
            }
        }
        events.publishEvent(new DemoMembersCreated(Map.copyOf(memberIds)));
        Transactions.write(driver, tx -> tx.run("MERGE (d:DemoContent {name: 'montpellier'}) ON CREATE SET d.loadedAt = datetime()")
                .consume());
        log.info("Demo content loaded: {} places of Montpellier from OpenStreetMap (ODbL 1.0, © OpenStreetMap contributors), "
                + "{} demo members (demo-*@rampe.invalid, no usable password), {} answers", placesIn, MEMBERS.size(), answered);
        return true;
    }

    /** The demo member's id, creating the member if needed (a half-done earlier load may have). */
    private String demoMember(DemoMember member) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String hash = passwordEncoder.encode(Base64.getEncoder().encodeToString(secret));
        return Transactions.write(driver, tx -> tx.run("""
                MERGE (m:Member {email: $email})
                ON CREATE SET m.id = $id, m.handle = $handle, m.displayName = $displayName, m.passwordHash = $hash,
                    m.language = 'fr', m.createdAt = datetime(), m.textSize = 100, m.highContrast = false,
                    m.dyslexiaFont = false, m.reducedMotion = false, m.demo = true
                RETURN m.id AS id
                """, Map.of("email", member.email(), "id", UUID.randomUUID().toString(), "handle", member.handle(),
                "displayName", member.displayName(), "hash", hash)).single().get("id").asString());
    }
}
