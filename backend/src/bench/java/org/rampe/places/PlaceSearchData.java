package org.rampe.places;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.rampe.members.NeedProfile;

/**
 * The data of {@link PlaceSearchBenchmark} and {@link ImportBenchmark}: 20,000 members and 200,000
 * places clustered around five French cities, with about 1,000,000 answers (some from the members),
 * unless bench.places (members and answers scale with it), bench.members and bench.answers say otherwise; drawn from a fixed seed with plausible frequencies
 * and written over Bolt as the application's model has them (the open and fit labels derived by
 * the application's own Cypher); and what tells whether data kept from an earlier run is the same.
 */
final class PlaceSearchData {

    static final int PLACES = Integer.getInteger("bench.places", 200_000);
    /** Five answers a place on average, as at the default size: -Dbench.places=1000000 gives about 5,000,000. */
    static final int ANSWERS = Integer.getInteger("bench.answers", 5 * PLACES);
    /** One member for ten places, as at the default size, so that members answer as often at every size. */
    static final int MEMBERS = Integer.getInteger("bench.members", Math.max(1, PLACES / 10));
    /** Written once generation has finished: what was generated and how long it took. */
    static final String GENERATED_MARKER = "generated.properties";
    /** Places per write transaction; with their answers that is about 10,000 answers per transaction. */
    static final int PLACES_PER_TX = Math.max(1, 10_000 * PLACES / ANSWERS);

    record City(String name, String postcode, double lat, double lon, double share) {
    }

    static final List<City> CITIES = List.of(
            new City("Montpellier", "34000", 43.6108, 3.8767, 0.40),
            new City("Bordeaux", "33000", 44.8378, -0.5792, 0.15),
            new City("Lyon", "69000", 45.7640, 4.8357, 0.15),
            new City("Lille", "59000", 50.6292, 3.0573, 0.15),
            new City("Paris", "75000", 48.8566, 2.3522, 0.15));

    static final List<String> CATEGORIES = List.of("cafe", "restaurant", "bakery", "pharmacy", "town_hall", "library",
            "museum", "cinema", "supermarket", "post_office", "doctor", "school", "bank", "hairdresser", "bar");
    static final List<String> WORDS = List.of("du Centre", "de la Gare", "des Arts", "Saint-Roch", "du Marché",
            "de la Comédie", "des Halles", "du Parc", "Jean Jaurès", "de la Paix", "du Port", "Victor Hugo");
    static final List<String> STREETS = List.of("rue de la République", "avenue Foch", "boulevard Gambetta",
            "rue Jean Jaurès", "place de la Mairie", "rue Victor Hugo", "avenue de Toulouse", "rue du Faubourg");

    /** Draws the data. */
    private final Random random = new Random(20261128L);

    /** The sizes that make two data sets the same (with the fixed seed). */
    static String sizes() {
        return "places=" + PLACES + "\nanswers=" + ANSWERS + "\nmembers=" + MEMBERS;
    }

    /**
     * The generation time of the data kept in {@code dataDir}, or null when there is none to reuse:
     * never generated to the end, or generated with other sizes.
     */
    static Long keptGeneration(Path dataDir) throws IOException {
        Path marker = dataDir.resolve(GENERATED_MARKER);
        if (!Files.exists(marker)) {
            return null;
        }
        var props = new java.util.Properties();
        try (var in = Files.newBufferedReader(marker)) {
            props.load(in);
        }
        var expected = new java.util.Properties();
        expected.load(new java.io.StringReader(sizes()));
        for (String key : expected.stringPropertyNames()) {
            if (!expected.getProperty(key).equals(props.getProperty(key))) {
                System.out.println("Kept data has other sizes (" + key + "): generating again");
                return null;
            }
        }
        return Long.parseLong(props.getProperty("generationMs", "0"));
    }

    long generate(Driver driver) {
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "Generating %,d members, %,d places, about %,d answers (%,d places per transaction)%n",
                MEMBERS, PLACES, ANSWERS, PLACES_PER_TX);
        List<Map<String, Object>> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            members.add(Map.of("id", memberId(i), "email", "member" + i + "@bench.invalid", "handle", "member" + i));
            if (members.size() == 10_000 || i == MEMBERS - 1) {
                var batch = List.copyOf(members);
                members.clear();
                try (var session = driver.session()) {
                    session.executeWriteWithoutResult(tx -> tx.run("""
                            UNWIND $rows AS row
                            CREATE (:Member {id: row.id, email: row.email, handle: row.handle, displayName: row.handle,
                                    passwordHash: 'none', language: 'fr', createdAt: datetime(), textSize: 100,
                                    highContrast: false, dyslexiaFont: false, reducedMotion: false})
                            """, Map.of("rows", batch)).consume());
                }
            }
        }
        long answers = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < PLACES; i++) {
            var place = place(i);
            answers += ((List<?>) place.get("answers")).size();
            rows.add(place);
            if (rows.size() == PLACES_PER_TX || i == PLACES - 1) {
                var batch = List.copyOf(rows);
                rows.clear();
                try (var session = driver.session()) {
                    session.executeWriteWithoutResult(tx -> tx.run("""
                            UNWIND $rows AS row
                            CREATE (p:Place)
                            SET p = row.props, p.location = point({longitude: row.lon, latitude: row.lat})
                            WITH p, row
                            """ + StoredSummary.DERIVED + """
                            WITH p, row
                            UNWIND row.answers AS ans
                            CREATE (a:Answer {id: ans.id, criterion: ans.criterion, value: ans.value, source: ans.source,
                                    imported: ans.imported, at: ans.at, current: ans.current})-[:ABOUT]->(p)
                            WITH a, ans WHERE ans.member IS NOT NULL
                            MATCH (m:Member {id: ans.member})
                            CREATE (m)-[:GAVE]->(a)
                            """, Map.of("rows", batch)).consume());
                }
                if ((i + 1) % 20_000 < PLACES_PER_TX || i == PLACES - 1) {
                    System.out.printf(Locale.ROOT, "  %,d places, %,d answers, %d s%n", i + 1, answers,
                            Duration.ofNanos(System.nanoTime() - started).toSeconds());
                }
            }
        }
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf(Locale.ROOT, "Generated in %.1f s%n", ms / 1000.0);
        return ms;
    }

    private static String memberId(int i) {
        return new UUID(0x5eed_0000_0000_0000L, i).toString();
    }

    /**
     * One place with its summary properties and its answers, drawn with plausible frequencies: a map
     * with {@code props} (the place's properties as the graph stores them, verdicts {@code v_*}
     * included), {@code lat}, {@code lon} and {@code answers}. Call it for i = 0, 1, 2… in order on
     * one instance: the import benchmark writes the same places as the search benchmark by drawing
     * them in the same order from the same seed (only the random UUIDs differ from run to run).
     */
    Map<String, Object> place(int i) {
        City city = city(random.nextDouble());
        // Half spread evenly over 15 km, half denser towards the centre.
        double r = 15_000 * (random.nextBoolean() ? Math.sqrt(random.nextDouble()) : random.nextDouble());
        double[] ll = offset(city.lat(), city.lon(), r, random.nextDouble() * 2 * Math.PI);
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        Map<String, Object> props = new HashMap<>();
        String id = UUID.randomUUID().toString();
        boolean imported = random.nextDouble() < 0.7;
        String source = imported ? (random.nextBoolean() ? PlaceSource.OSM : PlaceSource.ACCESLIBRE) : PlaceSource.MEMBER;
        PlaceSource ps = switch (source) {
            case PlaceSource.OSM -> PlaceSource.osm(Integer.toString(1_000_000 + i));
            case PlaceSource.ACCESLIBRE -> PlaceSource.acceslibre(UUID.randomUUID().toString());
            default -> PlaceSource.member();
        };
        OffsetDateTime created = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusMinutes(random.nextInt(900_000));
        props.put("id", id);
        props.put("name", capital(category.replace('_', ' ')) + " " + WORDS.get(random.nextInt(WORDS.size())));
        props.put("category", category);
        props.put("street", (1 + random.nextInt(120)) + " " + STREETS.get(random.nextInt(STREETS.size())));
        props.put("postcode", city.postcode());
        props.put("city", city.name());
        props.put("source", ps.kind());
        props.put("sourceId", ps.sourceId());
        props.put("licence", ps.licence());
        props.put("attribution", ps.attribution());
        props.put("closed", random.nextDouble() < 0.03);
        props.put("createdAt", created);
        props.put("updatedAt", created.plusDays(random.nextInt(300)));
        if (imported) {
            props.put("sourceKey", ps.key());
            String[] wheelchair = {"yes", "limited", "no", "unknown"};
            double w = random.nextDouble();
            props.put("sourceWheelchair", wheelchair[w < 0.2 ? 0 : w < 0.3 ? 1 : w < 0.4 ? 2 : 3]);
        }
        // Answers: about 30% of places have none; the others about 7 on average (1,000,000 in all).
        List<Map<String, Object>> answers = new ArrayList<>();
        Map<Criterion, String> consensus = new HashMap<>();
        double mean = (double) ANSWERS / PLACES / 0.7;
        int n = random.nextDouble() < 0.3 ? 0 : 1 + random.nextInt((int) Math.round(2 * mean - 1));
        Criterion[] criteria = Criterion.values();
        for (int k = 0; k < n; k++) {
            // The entrance, toilets and parking are asked about most.
            Criterion c = random.nextDouble() < 0.5 ? criteria[random.nextInt(8)] : criteria[random.nextInt(criteria.length)];
            String value = value(c);
            boolean member = random.nextDouble() < 0.4;
            boolean current = !consensus.containsKey(c) || random.nextDouble() < 0.5;
            Map<String, Object> a = new HashMap<>();
            a.put("id", UUID.randomUUID().toString());
            a.put("criterion", c.key());
            a.put("value", value);
            String memberId = member ? memberId(random.nextInt(MEMBERS)) : null;
            a.put("source", member ? memberId : source);
            a.put("imported", !member);
            a.put("at", created.plusDays(random.nextInt(600)));
            a.put("current", current);
            a.put("member", memberId);
            answers.add(a);
            if (current) {
                consensus.put(c, value);
            }
        }
        consensus.forEach((c, v) -> props.put(c.property(), v));
        verdicts(consensus, props);
        // The labels (open, fit) are derived in the database, by the same Cypher as the application's.
        return Map.of("props", props, "lat", ll[0], "lon", ll[1], "answers", answers);
    }

    private String value(Criterion c) {
        return switch (c.kind()) {
            case YES_NO -> random.nextDouble() < 0.6 ? "yes" : "no";
            case CHOICE -> c.choices().get(random.nextInt(c.choices().size()));
            case COUNT -> Integer.toString(random.nextDouble() < 0.5 ? 0 : 1 + random.nextInt(5));
            case CENTIMETRES -> Integer.toString(c == Criterion.DOOR_WIDTH ? 70 + random.nextInt(60) : random.nextInt(25));
        };
    }

    /** Verdicts in the spirit of Verdicts: unknown unless the deciding criteria are answered. */
    private static void verdicts(Map<Criterion, String> a, Map<String, Object> props) {
        String entrance = a.get(Criterion.STEP_FREE_ENTRANCE);
        String toilet = a.get(Criterion.ACCESSIBLE_TOILET);
        String wheelchair = entrance == null ? "unknown" : entrance.equals("no") ? "not_accessible"
                : "yes".equals(toilet) ? "accessible" : "limited";
        props.put(NeedLabels.property(NeedProfile.WHEELCHAIR), wheelchair);
        props.put(NeedLabels.property(NeedProfile.WALKING), entrance == null ? "unknown" : entrance.equals("yes") ? "accessible" : "limited");
        props.put(NeedLabels.property(NeedProfile.VISION), level(a.get(Criterion.GUIDE_DOGS_WELCOME)));
        props.put(NeedLabels.property(NeedProfile.HEARING), level(a.get(Criterion.HEARING_LOOP)));
        props.put(NeedLabels.property(NeedProfile.COGNITIVE), level(a.get(Criterion.EASY_READ_INFORMATION)));
    }

    private static String level(String yesNo) {
        return yesNo == null ? "unknown" : yesNo.equals("yes") ? "accessible" : "limited";
    }

    static long[] counts(Driver driver) {
        try (var session = driver.session()) {
            return session.executeRead(tx -> {
                var r = tx.run("""
                        CALL { MATCH (p:Place) RETURN count(p) AS places }
                        CALL { MATCH (a:Answer) RETURN count(a) AS answers }
                        CALL { MATCH (m:Member) RETURN count(m) AS members }
                        CALL { MATCH (p:Place) WHERE p.v_wheelchair IN ['accessible', 'limited'] AND NOT p.closed RETURN count(p) AS fitting }
                        CALL { MATCH (p:WheelchairFitsOrPartly) RETURN count(p) AS labelled }
                        RETURN places, answers, members, fitting, labelled""").single();
                if (r.get("fitting").asLong() != r.get("labelled").asLong()) {
                    throw new IllegalStateException("Fit labels out of step with the verdicts: " + r.asMap());
                }
                return new long[] {r.get("places").asLong(), r.get("answers").asLong(), r.get("members").asLong(),
                        r.get("fitting").asLong()};
            });
        }
    }

    static City city(double u) {
        double acc = 0;
        for (City c : CITIES) {
            acc += c.share();
            if (u < acc) {
                return c;
            }
        }
        return CITIES.getLast();
    }

    /** The point {@code metres} away from (lat, lon) in direction {@code bearing} (small distances). */
    static double[] offset(double lat, double lon, double metres, double bearing) {
        double dLat = metres * Math.cos(bearing) / 111_320.0;
        double dLon = metres * Math.sin(bearing) / (111_320.0 * Math.cos(Math.toRadians(lat)));
        return new double[] {lat + dLat, lon + dLon};
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
