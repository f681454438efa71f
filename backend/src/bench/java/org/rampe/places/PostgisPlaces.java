package org.rampe.places;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.postgresql.PGConnection;
import org.rampe.PostgisServer;

/**
 * The benchmarks' places in PostGIS: one table with what a search filters on and shows (id, name,
 * category, closed, the wheelchair verdict and three criteria) and a {@code geography} point,
 * loaded from a COPY text file with {@code COPY ... FROM STDIN} (what {@code psql \copy} does),
 * then a GiST index built on the point; and the SQL of Rampe's two measured searches.
 *
 * <p>Distances are on the sphere ({@code use_spheroid => false}), as Neo4j's {@code point.distance}
 * computes them for WGS-84 points: the same order, the same circle to within its radius' 0.1 %
 * (the two use slightly different earth radii).
 */
final class PostgisPlaces {

    /** One place as PostGIS holds it. */
    record Row(String id, String name, String category, boolean closed, String wheelchair, String stepFreeEntrance,
               String accessibleToilet, String doorWidth, double lat, double lon) {

        /** The place {@link PlaceSearchData#place} drew. */
        static Row of(Map<String, Object> place) {
            @SuppressWarnings("unchecked")
            var props = (Map<String, Object>) place.get("props");
            return new Row((String) props.get("id"), (String) props.get("name"), (String) props.get("category"),
                    (Boolean) props.get("closed"), (String) props.get(NeedLabels.property(org.rampe.members.NeedProfile.WHEELCHAIR)),
                    (String) props.get(Criterion.STEP_FREE_ENTRANCE.property()),
                    (String) props.get(Criterion.ACCESSIBLE_TOILET.property()),
                    (String) props.get(Criterion.DOOR_WIDTH.property()), (Double) place.get("lat"), (Double) place.get("lon"));
        }
    }

    static final String TABLE = """
            CREATE TABLE place (
              id uuid NOT NULL,
              name text NOT NULL,
              category text,
              closed boolean NOT NULL,
              wheelchair text NOT NULL,
              step_free_entrance text,
              accessible_toilet text,
              door_width integer,
              location geography(Point, 4326) NOT NULL
            )""";

    static final String COPY = "COPY place (id, name, category, closed, wheelchair, step_free_entrance, accessible_toilet, "
            + "door_width, location) FROM STDIN (FORMAT text)";

    /** The index every spatial search of PostGIS uses. */
    static final String GIST = "CREATE INDEX place_location ON place USING gist (location)";

    /**
     * Rampe keeps a point index per fit label (the places that fit a wheelchair or partly, open):
     * the radius-with-needs search seeks only those. This partial index is the same thing in PostGIS,
     * so that both systems answer that search from an index of the places it asks for.
     */
    static final String GIST_WHEELCHAIR = "CREATE INDEX place_location_wheelchair_fits_or_partly ON place USING gist (location) "
            + "WHERE NOT closed AND wheelchair IN ('accessible', 'limited')";

    private static final String RESULT = "id, name, category, wheelchair, step_free_entrance, accessible_toilet, door_width, "
            + "ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lon, ST_Distance(location, c.g, false) AS d";

    /**
     * Rampe's radius search with the wheelchair need, fits or partly (PlaceSearchRepository.nearQuery
     * with the WheelchairFitsOrPartly label): open places of those verdicts within the radius,
     * nearest first, ties by id, one page plus one row to tell whether there is a next page.
     * Parameters: longitude, latitude, radius (m), limit.
     */
    static final String RADIUS = "SELECT " + RESULT + """

            FROM place, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g) c
            WHERE NOT closed AND wheelchair IN ('accessible', 'limited') AND ST_DWithin(location, c.g, ?, false)
            ORDER BY d, id
            LIMIT ?""";

    /**
     * Rampe's box search (PlaceSearchRepository.boxQuery, OpenPlace): open places inside the box,
     * nearest to its centre first, ties by id, a page plus one row. Parameters: centre longitude,
     * latitude, then west, south, east, north, limit. The box is a longitude/latitude rectangle as
     * Neo4j's {@code point.withinBBox} reads it: the index seeks with the envelope, the coordinates
     * decide (a geography envelope's edges are great circles, not parallels).
     */
    static final String BOX = "SELECT " + RESULT + """

            FROM place, (SELECT ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography AS g) c,
                 (SELECT ?::float8 AS w, ?::float8 AS s, ?::float8 AS e, ?::float8 AS n) b
            WHERE NOT closed AND location && ST_MakeEnvelope(b.w, b.s, b.e, b.n, 4326)::geography
              AND ST_X(location::geometry) BETWEEN b.w AND b.e AND ST_Y(location::geometry) BETWEEN b.s AND b.n
            ORDER BY d, id
            LIMIT ?""";

    private PostgisPlaces() {
    }

    /** Writes rows as a COPY text file: tab-separated, {@code \N} for null, the point as EWKT with full precision. */
    static final class CopyFile implements Closeable {

        private final BufferedWriter out;
        private long rows;

        CopyFile(Path file) throws IOException {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        void write(Row r) throws IOException {
            out.write(r.id());
            out.write('\t');
            out.write(text(r.name()));
            out.write('\t');
            out.write(text(r.category()));
            out.write('\t');
            out.write(r.closed() ? "t" : "f");
            out.write('\t');
            out.write(text(r.wheelchair() == null ? "unknown" : r.wheelchair()));
            out.write('\t');
            out.write(text(r.stepFreeEntrance()));
            out.write('\t');
            out.write(text(r.accessibleToilet()));
            out.write('\t');
            out.write(text(r.doorWidth()));
            out.write('\t');
            // Every digit of the double (Java's shortest exact form), as Neo4j holds it: rounded to 7
            // decimals, a place 1 mm from a box's edge fell on the other side of it than in Rampe.
            out.write("SRID=4326;POINT(" + r.lon() + " " + r.lat() + ")");
            out.write('\n');
            rows++;
        }

        long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        private static String text(String s) {
            if (s == null || s.isEmpty()) {
                return "\\N";
            }
            return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        }
    }

    /**
     * What loading took, in milliseconds, and the sizes on disk.
     *
     * @param indexMs the GiST index on every place (the load's own index)
     */
    record Load(long rows, long copyMs, long indexMs, long analyzeMs, long tableBytes, long indexBytes) {

        /** COPY and the GiST index: what the import benchmark compares with Rampe's import. */
        long loadAndIndexMs() {
            return copyMs + indexMs;
        }
    }

    /**
     * Creates the table, streams {@code copyFile} into it with COPY (one transaction, committed),
     * builds the GiST index, then ANALYZE; each step timed on its own. {@code moreIndexes} are built
     * after, untimed in the load's figures (their time is printed).
     */
    static Load load(PostgisServer server, Path copyFile, String... moreIndexes) throws SQLException, IOException {
        try (Connection c = server.connect(); var s = c.createStatement()) {
            s.execute(TABLE);
            long t = System.nanoTime();
            long rows;
            try (InputStream in = Files.newInputStream(copyFile)) {
                rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, in, 1 << 16);
            }
            long copyMs = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            s.execute(GIST);
            long indexMs = (System.nanoTime() - t) / 1_000_000;
            t = System.nanoTime();
            s.execute("ANALYZE place");
            long analyzeMs = (System.nanoTime() - t) / 1_000_000;
            for (String index : moreIndexes) {
                t = System.nanoTime();
                s.execute(index);
                System.out.printf(Locale.ROOT, "PostGIS: %s in %.2f s%n", index, (System.nanoTime() - t) / 1e9);
            }
            long tableBytes;
            long indexBytes;
            try (var r = s.executeQuery("SELECT pg_table_size('place'), pg_indexes_size('place')")) {
                r.next();
                tableBytes = r.getLong(1);
                indexBytes = r.getLong(2);
            }
            return new Load(rows, copyMs, indexMs, analyzeMs, tableBytes, indexBytes);
        }
    }

    /** One place of a PostGIS answer: its id and distance from the centre. */
    record Hit(String id, double distance) {
    }

    /** A client of the two searches on one connection, with its statements prepared once. */
    static final class Client implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement radius;
        private final PreparedStatement box;
        private final int backendPid;

        Client(PostgisServer server) throws SQLException {
            connection = server.connect();
            // Server-side prepared from the first execution, as a pooled application would run them.
            connection.unwrap(PGConnection.class).setPrepareThreshold(1);
            radius = connection.prepareStatement(RADIUS);
            box = connection.prepareStatement(BOX);
            try (var s = connection.createStatement(); var r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                backendPid = r.getInt(1);
            }
        }

        /** The process serving this client's queries, for its CPU time. */
        int backendPid() {
            return backendPid;
        }

        List<Hit> radius(double lat, double lon, double metres, int limit) {
            try {
                radius.setDouble(1, lon);
                radius.setDouble(2, lat);
                radius.setDouble(3, metres);
                radius.setInt(4, limit);
                return read(radius);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code box} as minLon, minLat, maxLon, maxLat. */
        List<Hit> box(double[] box, int limit) {
            try {
                this.box.setDouble(1, (box[0] + box[2]) / 2);
                this.box.setDouble(2, (box[1] + box[3]) / 2);
                this.box.setDouble(3, box[0]);
                this.box.setDouble(4, box[1]);
                this.box.setDouble(5, box[2]);
                this.box.setDouble(6, box[3]);
                this.box.setInt(7, limit);
                return read(this.box);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Reads every column of every row, as Rampe's repository maps every result. */
        private static List<Hit> read(PreparedStatement statement) throws SQLException {
            List<Hit> hits = new ArrayList<>();
            try (var r = statement.executeQuery()) {
                while (r.next()) {
                    String id = r.getString(1);
                    r.getString(2);
                    r.getString(3);
                    r.getString(4);
                    r.getString(5);
                    r.getString(6);
                    r.getInt(7);
                    r.getDouble(8);
                    r.getDouble(9);
                    hits.add(new Hit(id, r.getDouble(10)));
                }
            }
            return hits;
        }

        /** The plan PostgreSQL runs for one radius and one box search, with its timings. */
        String explain(double lat, double lon, double metres, double[] box) throws SQLException {
            var sb = new StringBuilder();
            String radiusSql = RADIUS.replaceFirst("\\?", Double.toString(lon)).replaceFirst("\\?", Double.toString(lat))
                    .replaceFirst("\\?", Double.toString(metres)).replaceFirst("\\?", "51");
            String boxSql = BOX.replaceFirst("\\?", Double.toString((box[0] + box[2]) / 2))
                    .replaceFirst("\\?", Double.toString((box[1] + box[3]) / 2));
            for (int i = 0; i < 4; i++) {
                boxSql = boxSql.replaceFirst("\\?", Double.toString(box[i]));
            }
            boxSql = boxSql.replaceFirst("\\?", "501");
            for (String sql : List.of(radiusSql, boxSql)) {
                sb.append("EXPLAIN (ANALYZE, BUFFERS) ").append(sql).append('\n');
                try (var s = connection.createStatement(); var r = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                    while (r.next()) {
                        sb.append("  ").append(r.getString(1)).append('\n');
                    }
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
