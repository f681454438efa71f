package org.rampe.places;

import java.util.List;

import org.rampe.places.PlaceSearchRepository.Cursor;
import org.rampe.places.PlaceSearchRepository.Filter;

/**
 * The radius search by widening rings, tried for issue 3 and NOT used by {@link PlaceSearch}:
 * measured against the single query over the whole circle ({@link PlaceSearchRepository#near}),
 * interleaved on the same 600 centres of the benchmark's data, it took twice the time and twice the
 * CPU per page (docs/benchmarks.md, place search, run 9): every extra query costs a round trip and
 * its planning and execution overhead, which the fewer candidates do not pay back at the density of
 * that data. Kept in the tests, with {@code PlaceRingSearchTest} proving it returns exactly the
 * pages of the single query, so that the benchmark's A/B can be run again (on a quiet machine, on
 * denser data) and the search switched in one line if it ever pays.
 */
class PlaceRingSearch {

    private final PlaceSearchRepository repository;

    PlaceRingSearch(PlaceSearchRepository repository) {
        this.repository = repository;
    }

    /**
     * The radius of the first ring for a page of 51 rows (50 and the one that says there is a next
     * page); a page of n rows starts at this times sqrt(n / 51), the radius that holds n places at
     * the same density. In a city centre it holds the page, elsewhere the rings widen.
     */
    static final double FIRST_RING = 250;

    /** At most this many queries for one page: the last one is always the requested radius itself. */
    static final int MAX_RINGS = 5;

    /**
     * The same page as {@link PlaceSearchRepository#near}, nearest first, without reading every candidate of the circle:
     * the {@code limit} nearest places within {@code radius} are the {@code limit} nearest within any
     * smaller radius {@code r} that already holds {@code limit} of them (every place beyond r is
     * farther than every place within it). So this asks a small circle first, starting at the
     * cursor's distance, and widens it (×2 to ×4, from the density the last ring showed) until it
     * holds the page; the last ring is the requested radius, with exactly {@link PlaceSearchRepository#near}'s
     * query. The cost of a query follows the candidates its point index seek returns (all of them
     * are read and sorted for {@code limit} rows), so one or two small circles cost less than the
     * whole one where places are dense; where they are sparse the extra queries are small ones.
     * With words the candidates come from the full-text index, not from the circle: one query.
     */
    List<PlaceSummary> nearest(GeoPoint centre, double radius, Filter filter, Cursor after, int limit) {
        if (filter.fullText() != null) {
            return repository.near(centre, radius, filter, after, limit);
        }
        double from = Math.max(0, after.distance());
        double step = FIRST_RING * Math.sqrt(limit / 51.0);
        for (int ring = 1; ; ring++) {
            double r = from + step;
            if (r >= radius || ring == MAX_RINGS) {
                return repository.near(centre, radius, filter, after, limit);
            }
            var found = repository.near(centre, r, filter, after, limit);
            if (found.size() >= limit) {
                return found;
            }
            // The width that would hold the page at the density just seen, with a margin, so that
            // the next ring is usually the last: at least twice, at most four times the last one.
            double grow = found.isEmpty() ? 4 : 1.25 * Math.sqrt((double) limit / found.size());
            step *= Math.clamp(grow, 2, 4);
        }
    }

}
