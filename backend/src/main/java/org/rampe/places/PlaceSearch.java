package org.rampe.places;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.rampe.members.NeedProfile;
import org.rampe.places.PlaceSearchRepository.Cursor;
import org.rampe.places.PlaceSearchRepository.Filter;
import org.rampe.places.Verdict.Level;
import org.springframework.stereotype.Service;

/**
 * Place search for the results page and the JSON API: near a point or an address (radius), or
 * inside a box; by name or category words; for a set of needs; with criteria that must be "yes".
 * Results are keyset-paginated by (distance, id). Also the open-data export of a box.
 */
@Service
class PlaceSearch {

    static final int DEFAULT_RADIUS = 2_000;
    static final int MAX_RADIUS = 50_000;
    static final int MAX_PAGE = 200;
    static final int MAX_BOX_PAGE = 500;
    /** A box may span at most this many degrees each way (about 110 km in latitude). */
    static final double MAX_BOX_DEGREES = 1.0;

    /** Which places to keep for the chosen needs. */
    enum Fit {
        ALL, FITS_OR_PARTLY, FITS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Fit> fromKey(String key) {
            if (key == null || key.isBlank()) {
                return Optional.of(ALL);
            }
            for (Fit f : values()) {
                if (f.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }
    }

    /** A problem with one parameter, as a message key and its arguments. */
    record Problem(String field, String code, Object... args) {
    }

    /** A checked query. Exactly one of centre or box is set, unless only words are given. */
    record Query(String text, GeoPoint centre, int radius, GeoPoint southWest, GeoPoint northEast,
                 Set<NeedProfile> needs, Fit fit, Set<Criterion> required, Cursor after, int size) {
    }

    record Page(List<PlaceSummary> places, String nextCursor) {
    }

    private final PlaceSearchRepository repository;
    private final Geocoder geocoder;

    PlaceSearch(PlaceSearchRepository repository, Geocoder geocoder) {
        this.repository = repository;
        this.geocoder = geocoder;
    }

    /** The raw parameters as they come from a form or a URL. */
    record Parameters(String q, String near, String lat, String lon, String radius, String bbox,
                      List<String> needs, String fit, List<String> criteria, String after, String size) {
    }

    /** Checks every parameter; returns the query, or the problems (all of them, in form order). */
    Result<Query> check(Parameters p, int defaultSize, boolean needLocation) {
        List<Problem> problems = new ArrayList<>();
        String text = p.q() == null || p.q().isBlank() ? null : p.q().strip();
        if (text != null && text.length() > 200) {
            problems.add(new Problem("q", "places.search.q.tooLong", 200));
        } else if (LuceneText.onlyShortWords(text)) {
            problems.add(new Problem("q", "hardening.search.wordTooShort", LuceneText.MIN_WORD));
        }
        GeoPoint centre = null;
        GeoPoint sw = null;
        GeoPoint ne = null;
        if (p.bbox() != null && !p.bbox().isBlank()) {
            var box = parseBox(p.bbox());
            if (box.isEmpty()) {
                problems.add(new Problem("bbox", "places.search.bbox.invalid", MAX_BOX_DEGREES));
            } else {
                sw = box.get()[0];
                ne = box.get()[1];
            }
        } else if (notBlank(p.lat()) || notBlank(p.lon())) {
            try {
                centre = new GeoPoint(Double.parseDouble(p.lat().strip()), Double.parseDouble(p.lon().strip()));
            } catch (RuntimeException e) {
                problems.add(new Problem("lat", "places.search.point.invalid"));
            }
        } else if (notBlank(p.near())) {
            var found = geocoder.locate(p.near());
            if (found.isEmpty()) {
                problems.add(new Problem("near", "places.search.near.notFound", p.near().strip()));
            } else {
                centre = found.get();
            }
        } else if (needLocation || text == null) {
            problems.add(new Problem("near", "places.search.near.required"));
        }
        int radius = DEFAULT_RADIUS;
        if (notBlank(p.radius())) {
            try {
                radius = Integer.parseInt(p.radius().strip());
                if (radius < 1 || radius > MAX_RADIUS) {
                    problems.add(new Problem("radius", "places.search.radius.invalid", MAX_RADIUS));
                }
            } catch (NumberFormatException e) {
                problems.add(new Problem("radius", "places.search.radius.invalid", MAX_RADIUS));
            }
        }
        Set<NeedProfile> needs = EnumSet.noneOf(NeedProfile.class);
        for (String n : split(p.needs())) {
            NeedProfile.fromKey(n).ifPresentOrElse(needs::add,
                    () -> problems.add(new Problem("needs", "places.search.needs.invalid", n)));
        }
        Fit fit = Fit.fromKey(p.fit()).orElse(null);
        if (fit == null) {
            problems.add(new Problem("fit", "places.search.fit.invalid"));
        }
        Set<Criterion> required = new LinkedHashSet<>();
        for (String c : split(p.criteria())) {
            Criterion.fromKey(c).filter(x -> x.kind() == Criterion.Kind.YES_NO).ifPresentOrElse(required::add,
                    () -> problems.add(new Problem("criterion", "places.search.criterion.invalid", c)));
        }
        Cursor after = Cursor.START;
        if (notBlank(p.after())) {
            after = parseCursor(p.after()).orElse(null);
            if (after == null) {
                problems.add(new Problem("after", "places.search.after.invalid"));
            }
        }
        int max = sw != null ? MAX_BOX_PAGE : MAX_PAGE;
        int size = defaultSize;
        if (notBlank(p.size())) {
            try {
                size = Integer.parseInt(p.size().strip());
                if (size < 1 || size > max) {
                    problems.add(new Problem("size", "places.search.size.invalid", max));
                }
            } catch (NumberFormatException e) {
                problems.add(new Problem("size", "places.search.size.invalid", max));
            }
        }
        if (!problems.isEmpty()) {
            return Result.failed(problems);
        }
        return Result.ok(new Query(text, centre, radius, sw, ne, needs, fit, required, after, size));
    }

    Page search(Query query) {
        var filter = filter(query);
        if (query.text() != null && filter.fullText() == null) {
            return new Page(List.of(), null);
        }
        int fetch = query.size() + 1;
        List<PlaceSummary> found;
        if (query.southWest() != null) {
            found = repository.inBox(query.southWest(), query.northEast(), filter, query.after(), fetch);
        } else if (query.centre() != null) {
            found = repository.near(query.centre(), query.radius(), filter, query.after(), fetch);
        } else {
            found = repository.byText(filter, fetch);
        }
        if (found.size() <= query.size()) {
            return new Page(found, null);
        }
        var page = found.subList(0, query.size());
        var last = page.getLast();
        return new Page(List.copyOf(page), last.distanceMetres() + "_" + last.id().value());
    }

    /**
     * Every open place inside a box, for the open-data export: at most {@code limit}, in id order so
     * that the same box gives the same features.
     */
    List<PlaceSummary> export(GeoPoint southWest, GeoPoint northEast, int limit) {
        return repository.openPlacesInBox(southWest, northEast, limit);
    }

    /** The repository filter for a checked query. */
    static Filter filter(Query query) {
        List<String> verdictProps = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        if (query.fit() != Fit.ALL && !query.needs().isEmpty()) {
            query.needs().forEach(n -> verdictProps.add(NeedLabels.property(n)));
            levels.add(Level.ACCESSIBLE.key());
            if (query.fit() == Fit.FITS_OR_PARTLY) {
                levels.add(Level.LIMITED.key());
            }
        }
        String fitLabel = null;
        if (query.fit() != Fit.ALL && !query.needs().isEmpty()) {
            NeedProfile first = query.needs().iterator().next();
            fitLabel = query.fit() == Fit.FITS ? NeedLabels.fits(first) : NeedLabels.fitsOrPartly(first);
            // The label already says it for this need: no need to read the verdict of every candidate.
            verdictProps.remove(NeedLabels.property(first));
        }
        return new Filter(query.required().stream().map(Criterion::property).toList(), verdictProps, levels,
                LuceneText.query(query.text(), null), fitLabel);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                .filter(v -> !v.isEmpty()).distinct().toList();
    }

    static Optional<GeoPoint[]> parseBox(String bbox) {
        return parseBox(bbox, MAX_BOX_DEGREES);
    }

    /**
     * South-west and north-east corners from "minLon,minLat,maxLon,maxLat" (WGS 84), spanning at
     * most {@code maxSpanDegrees} each way; empty when it is not that. A box across the antimeridian
     * is two requests.
     */
    static Optional<GeoPoint[]> parseBox(String bbox, double maxSpanDegrees) {
        if (bbox == null) {
            return Optional.empty();
        }
        String[] parts = bbox.split(",", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            double minLon = Double.parseDouble(parts[0].strip());
            double minLat = Double.parseDouble(parts[1].strip());
            double maxLon = Double.parseDouble(parts[2].strip());
            double maxLat = Double.parseDouble(parts[3].strip());
            if (!(minLon < maxLon && minLat < maxLat) || maxLon - minLon > maxSpanDegrees || maxLat - minLat > maxSpanDegrees) {
                return Optional.empty();
            }
            return Optional.of(new GeoPoint[] {new GeoPoint(minLat, minLon), new GeoPoint(maxLat, maxLon)});
        } catch (IllegalArgumentException e) { // not a number, NaN or out of range
            return Optional.empty();
        }
    }

    static Optional<Cursor> parseCursor(String value) {
        int sep = value.indexOf('_');
        if (sep <= 0) {
            return Optional.empty();
        }
        try {
            double d = Double.parseDouble(value.substring(0, sep));
            String id = value.substring(sep + 1);
            return PlaceId.parse(id).isPresent() && d >= 0 ? Optional.of(new Cursor(d, id)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Either a value or the problems that prevented it. */
    record Result<T>(T value, List<Problem> problems) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, List.of());
        }

        static <T> Result<T> failed(List<Problem> problems) {
            return new Result<>(null, List.copyOf(problems));
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }
}
