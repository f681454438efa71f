package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.rampe.members.NeedProfile;
import org.rampe.places.PlaceSearch.Fit;
import org.rampe.places.PlaceSearchRepository.Cursor;
import org.rampe.places.PlaceSearchRepository.Filter;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The radius search by widening rings ({@link PlaceRingSearch}, measured and not used by the
 * application, see there) returns exactly what the
 * single query over the whole circle ({@link PlaceSearchRepository#near}, the reference) returns: the same
 * places, in the same order, with the same distances, page after page. Over data with a dense
 * centre, a sparse area (fewer places in the whole radius than a page), places sharing a location
 * (ties in distance, ordered by element id), closed places, and every kind of filter.
 */
class PlaceRingSearchTest extends RampeTest {

    static final GeoPoint DENSE = new GeoPoint(43.6108, 3.8767);
    static final GeoPoint SPARSE = new GeoPoint(43.7000, 3.7000);
    /** Twenty places share this location: ties in distance from any centre. */
    static final GeoPoint SAME_SPOT = new GeoPoint(43.6120, 3.8790);
    static final String[] LEVELS = {"accessible", "limited", "unknown", "not_accessible"};

    @Autowired
    PlaceSearchRepository repository;

    PlaceRingSearch rings;

    final Random random = new Random(20261206L);

    @BeforeEach
    void places() {
        rings = new PlaceRingSearch(repository);
        List<Map<String, Object>> rows = new ArrayList<>();
        // Dense: 1,500 places within about 700 m of the centre, denser towards it.
        for (int i = 0; i < 1_500; i++) {
            rows.add(place(around(DENSE, 700 * random.nextDouble())));
        }
        for (int i = 0; i < 20; i++) {
            rows.add(place(SAME_SPOT));
        }
        // Sparse: 30 places up to 3 km away, five of them at one spot.
        for (int i = 0; i < 25; i++) {
            rows.add(place(around(SPARSE, 3_000 * random.nextDouble())));
        }
        GeoPoint sparseSpot = around(SPARSE, 800);
        for (int i = 0; i < 5; i++) {
            rows.add(place(sparseSpot));
        }
        graph.write("""
                UNWIND $rows AS row
                CREATE (p:Place {id: row.id, name: row.name, category: 'cafe', street: '', postcode: '34000',
                        city: 'Montpellier', location: row.location, source: 'member', sourceId: '', licence: '',
                        attribution: '', closed: row.closed, v_wheelchair: row.wheelchair,
                        a_step_free_entrance: row.stepFree})
                WITH p
                """ + StoredSummary.DERIVED, Map.of("rows", rows));
    }

    private Map<String, Object> place(GeoPoint at) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", PlaceId.random().value());
        row.put("name", "Lieu " + random.nextInt(100_000));
        row.put("location", PlaceRepository.point(at));
        row.put("closed", random.nextInt(20) == 0);
        row.put("wheelchair", LEVELS[random.nextInt(LEVELS.length)]);
        row.put("stepFree", random.nextBoolean() ? "yes" : "no");
        return row;
    }

    /** A point about {@code metres} from {@code centre} in a random direction. */
    private GeoPoint around(GeoPoint centre, double metres) {
        double angle = random.nextDouble() * 2 * Math.PI;
        double dLat = metres * Math.cos(angle) / 111_320;
        double dLon = metres * Math.sin(angle) / (111_320 * Math.cos(Math.toRadians(centre.latitude())));
        return new GeoPoint(centre.latitude() + dLat, centre.longitude() + dLon);
    }

    private Filter randomFilter() {
        Set<NeedProfile> needs = random.nextBoolean() ? EnumSet.of(NeedProfile.WHEELCHAIR) : EnumSet.noneOf(NeedProfile.class);
        Fit fit = Fit.values()[random.nextInt(Fit.values().length)];
        Set<Criterion> required = random.nextInt(3) == 0 ? Set.of(Criterion.STEP_FREE_ENTRANCE) : Set.of();
        return PlaceSearch.filter(new PlaceSearch.Query(null, null, 0, null, null, needs, fit, required, Cursor.START, 0));
    }

    @Test
    void ringsReturnExactlyWhatTheWholeCircleReturnsPageAfterPage() {
        int firstRingHeldThePage = 0;
        int ringsWidened = 0;
        int wholeRadiusShort = 0;
        int pagesAfterACursor = 0;
        int[] radii = {100, 300, 1_000, 2_000, 5_000, 50_000};
        int[] sizes = {1, 5, 20, 50, 200};
        for (int q = 0; q < 120; q++) {
            GeoPoint centre = switch (q % 4) {
                case 0 -> around(DENSE, 400 * random.nextDouble());
                case 1 -> around(SPARSE, 2_000 * random.nextDouble());
                case 2 -> around(SAME_SPOT, 30 * random.nextDouble());
                default -> around(DENSE, 15_000 * random.nextDouble());
            };
            double radius = radii[random.nextInt(radii.length)];
            int limit = sizes[random.nextInt(sizes.length)] + 1;
            Filter filter = randomFilter();
            Cursor after = Cursor.START;
            for (int page = 0; page < 4; page++) {
                var expected = repository.near(centre, radius, filter, after, limit);
                var actual = rings.nearest(centre, radius, filter, after, limit);
                String what = "centre " + centre + ", radius " + radius + ", limit " + limit + ", " + filter + ", after " + after;
                assertThat(actual).as(what).isEqualTo(expected);
                double firstRing = Math.max(0, after.distance()) + PlaceRingSearch.FIRST_RING * Math.sqrt(limit / 51.0);
                if (firstRing < radius) {
                    if (repository.near(centre, firstRing, filter, after, limit).size() >= limit) {
                        firstRingHeldThePage++;
                    } else {
                        ringsWidened++;
                    }
                }
                if (expected.size() < limit) {
                    wholeRadiusShort++;
                    break;
                }
                if (page > 0) {
                    pagesAfterACursor++;
                }
                // The cursor after the last place of the page, as PlaceSearch writes it.
                var last = expected.get(limit - 2);
                after = PlaceSearch.parseCursor(last.distanceMetres() + "_" + last.id().value()).orElseThrow();
            }
        }
        // The data and the centres reach every path: the first ring enough, widened rings, a whole
        // radius with less than a page, pages after a cursor.
        assertThat(firstRingHeldThePage).isPositive();
        assertThat(ringsWidened).isPositive();
        assertThat(wholeRadiusShort).isPositive();
        assertThat(pagesAfterACursor).isPositive();
    }

    @Test
    void tiesInDistanceAreSplitAcrossPagesTheSameWay() {
        // From the shared spot itself every one of its twenty places is at distance 0: pages of 3
        // walk through them by element id, with cursors at distance 0.
        Filter all = PlaceSearch.filter(new PlaceSearch.Query(null, null, 0, null, null, EnumSet.noneOf(NeedProfile.class),
                Fit.ALL, Set.of(), Cursor.START, 0));
        Cursor after = Cursor.START;
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            var expected = repository.near(SAME_SPOT, 2_000, all, after, 4);
            assertThat(rings.nearest(SAME_SPOT, 2_000, all, after, 4)).isEqualTo(expected);
            expected.subList(0, 3).forEach(p -> seen.add(p.id().value()));
            var last = expected.get(2);
            after = PlaceSearch.parseCursor(last.distanceMetres() + "_" + last.id().value()).orElseThrow();
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(30);
    }
}
