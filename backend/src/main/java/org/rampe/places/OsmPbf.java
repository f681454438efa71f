package org.rampe.places;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import com.google.protobuf.ByteString;
import crosby.binary.BinaryParser;
import crosby.binary.Fileformat;
import crosby.binary.Osmformat;
import crosby.binary.file.FileBlock;

/**
 * Reads an OpenStreetMap {@code .osm.pbf} extract (as Geofabrik and others publish them) with the
 * format's own reader ({@code org.openstreetmap.pbf:osmpbf}), keeping the nodes and ways that carry a
 * place category or a {@code wheelchair*} tag ({@link OsmImport#isPlace}); a way stands at the centre
 * of its nodes' bounding box. Relations are not read (a shop mapped as a multipolygon is rare).
 *
 * <p>An extract is read twice: first its ways, to learn which nodes the wanted ways need, then its
 * nodes (places, and the coordinates of those needed nodes); the wanted ways come last. Only the
 * wanted ways and their nodes' coordinates are kept in memory, never the extract's millions of nodes.
 */
final class OsmPbf {

    /** Whether a file is a PBF extract: by its name, as every tool writes it. */
    static boolean isPbf(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pbf");
    }

    /** A wanted way: its id, tags and the ids of its nodes. */
    private record Way(long id, Map<String, String> tags, long[] nodes) {
    }

    ImportReport importFile(Path file, ImportOptions options, ImportProgress progress, OsmImport osm) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return ImportReport.unreadable(PlaceSource.OSM, "cannot read " + file + ": " + e.getMessage());
        }
        Instant at = osm.now();
        long[] firstPass = {0};
        var current = new CountingInputStream[1];
        // Both passes count towards the progress: the file is read twice.
        var run = osm.newRun(options, progress, () -> firstPass[0] + (current[0] == null ? 0 : current[0].count()), 2 * size, at);

        // Pass 1: the wanted ways and the nodes they need.
        List<Way> ways = new ArrayList<>();
        var waysReader = new Reader() {
            @Override
            protected void parseWays(List<Osmformat.Way> list) {
                for (Osmformat.Way w : list) {
                    Map<String, String> tags = tags(w.getKeysList(), w.getValsList());
                    if (tags.containsKey("name") && OsmImport.isPlace(tags::get, tags.keySet())) {
                        long[] refs = new long[w.getRefsCount()];
                        long ref = 0;
                        for (int i = 0; i < refs.length; i++) {
                            ref += w.getRefs(i);
                            refs[i] = ref;
                        }
                        ways.add(new Way(w.getId(), tags, refs));
                    }
                }
            }
        };
        String problem = read(file, waysReader, current, run);
        if (problem != null && waysReader.blocks == 0) {
            return ImportReport.unreadable(PlaceSource.OSM, "not an OpenStreetMap PBF file: " + problem);
        }
        if (problem != null) {
            run.brokenAt(new ImportRun.At(0, 0, current[0].count()), "the PBF file is cut or corrupt (" + problem + ")");
            return run.report();
        }
        firstPass[0] = size;
        long[] needed = ways.stream().flatMapToLong(w -> Arrays.stream(w.nodes())).sorted().distinct().toArray();
        double[] lat = new double[needed.length];
        double[] lon = new double[needed.length];
        Arrays.fill(lat, Double.NaN);

        // Pass 2: the wanted nodes as places, and the needed nodes' coordinates.
        long[] index = {0};
        var nodesReader = new Reader() {
            @Override
            protected void parseDense(Osmformat.DenseNodes dense) {
                long id = 0;
                long latE = 0;
                long lonE = 0;
                int kv = 0;
                for (int i = 0; i < dense.getIdCount(); i++) {
                    id += dense.getId(i);
                    latE += dense.getLat(i);
                    lonE += dense.getLon(i);
                    Map<String, String> tags = null;
                    if (dense.getKeysValsCount() > 0) {
                        while (dense.getKeysVals(kv) != 0) {
                            if (tags == null) {
                                tags = new HashMap<>();
                            }
                            tags.put(getStringById(dense.getKeysVals(kv)), getStringById(dense.getKeysVals(kv + 1)));
                            kv += 2;
                        }
                        kv++;
                    }
                    node(id, parseLat(latE), parseLon(lonE), tags == null ? Map.of() : tags);
                }
            }

            @Override
            protected void parseNodes(List<Osmformat.Node> nodes) {
                for (Osmformat.Node n : nodes) {
                    node(n.getId(), parseLat(n.getLat()), parseLon(n.getLon()), tags(n.getKeysList(), n.getValsList()));
                }
            }

            private void node(long id, double latitude, double longitude, Map<String, String> tags) {
                int slot = Arrays.binarySearch(needed, id);
                if (slot >= 0) {
                    lat[slot] = latitude;
                    lon[slot] = longitude;
                }
                if (!tags.isEmpty() && OsmImport.isPlace(tags::get, tags.keySet())) {
                    index[0]++;
                    element(run, "node", id, tags, latitude, longitude, index[0], run.startedAt());
                }
            }
        };
        problem = read(file, nodesReader, current, run);
        if (problem != null) {
            run.brokenAt(new ImportRun.At(0, index[0] + 1, current[0].count()), "the PBF file is cut or corrupt (" + problem + ")");
            return run.report();
        }
        for (Way way : ways) {
            double south = Double.MAX_VALUE;
            double west = Double.MAX_VALUE;
            double north = -Double.MAX_VALUE;
            double east = -Double.MAX_VALUE;
            boolean complete = way.nodes().length > 0;
            for (long ref : way.nodes()) {
                int i = Arrays.binarySearch(needed, ref);
                if (Double.isNaN(lat[i])) {
                    complete = false;
                    break;
                }
                south = Math.min(south, lat[i]);
                north = Math.max(north, lat[i]);
                west = Math.min(west, lon[i]);
                east = Math.max(east, lon[i]);
            }
            index[0]++;
            if (!complete) {
                // An extract cut at its border keeps ways whose nodes lie outside it.
                run.skipped(new ImportRun.At(0, index[0], -1), "way " + way.id() + ": some of its nodes are not in the file");
                continue;
            }
            element(run, "way", way.id(), way.tags(), (south + north) / 2, (west + east) / 2, index[0], at);
        }
        return run.report();
    }

    private static void element(ImportRun run, String type, long id, Map<String, String> tags, double latitude,
                                double longitude, long index, Instant at) {
        var position = new ImportRun.At(0, index, -1);
        GeoPoint location;
        try {
            location = new GeoPoint(latitude, longitude);
        } catch (IllegalArgumentException e) {
            run.skipped(position, type + " " + id + ": bad coordinates: " + e.getMessage());
            return;
        }
        String sourceId = type.equals("node") ? Long.toString(id) : type + "/" + id;
        ParsedRow row = OsmImport.parse(sourceId, tags::get, location, at);
        if (row.skipped()) {
            run.skipped(position, type + " " + id + ": " + row.skipReason());
        } else {
            run.imported(row.place(), position, row.warnings().stream().map(w -> type + " " + id + ": " + w).toList());
        }
    }

    /** The largest block header and block the format allows (its specification: 64 KiB and 32 MiB). */
    private static final int MAX_HEADER = 64 * 1024;
    private static final int MAX_BLOB = 32 * 1024 * 1024;

    /**
     * Reads every block of the file through {@code reader}; the problem that stopped it, or null.
     * The blocks are framed here rather than by the library's BlockInputStream, which takes a file
     * ending inside a block for its end: a cut extract would read as a smaller, complete one. (A
     * file cut exactly between two blocks cannot be told from a whole one: the format has no end mark.)
     */
    private static String read(Path file, Reader reader, CountingInputStream[] current, ImportRun run) {
        try (InputStream raw = Files.newInputStream(file)) {
            current[0] = new CountingInputStream(raw);
            var in = new DataInputStream(new BufferedInputStream(current[0], 1 << 16));
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return reader.failure;
                }
                int headerSize = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                if (headerSize <= 0 || headerSize > MAX_HEADER) {
                    return "a block header of " + headerSize + " bytes";
                }
                var header = Fileformat.BlobHeader.parseFrom(in.readNBytes(headerSize));
                if (header.getDatasize() <= 0 || header.getDatasize() > MAX_BLOB) {
                    return "a block of " + header.getDatasize() + " bytes";
                }
                byte[] blobBytes = in.readNBytes(header.getDatasize());
                if (blobBytes.length < header.getDatasize()) {
                    return "the file ends inside a block";
                }
                var blob = Fileformat.Blob.parseFrom(blobBytes);
                ByteString data;
                if (blob.hasRaw()) {
                    data = blob.getRaw();
                } else if (blob.hasZlibData()) {
                    data = ByteString.copyFrom(inflate(blob.getZlibData().toByteArray(), blob.getRawSize()));
                } else {
                    return "a block compressed in a way this reader lacks";
                }
                reader.handleBlock(FileBlock.newInstance(header.getType(), data, header.getIndexdata()));
                // A block is some 8,000 elements: the first pass, which finds no place, is seen moving too.
                run.tick();
                if (reader.failure != null) {
                    return reader.failure;
                }
            }
        } catch (EOFException e) {
            return "the file ends inside a block";
        } catch (IOException | RuntimeException | DataFormatException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private static byte[] inflate(byte[] compressed, int rawSize) throws DataFormatException {
        if (rawSize <= 0 || rawSize > MAX_BLOB) {
            throw new DataFormatException("a block of " + rawSize + " bytes once inflated");
        }
        var inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[rawSize];
            int n = inflater.inflate(out);
            if (n != rawSize || !inflater.finished()) {
                throw new DataFormatException("a block shorter than it says");
            }
            return out;
        } finally {
            inflater.end();
        }
    }

    /** The parser's callbacks, with a count of the blocks read (none read: not a PBF file at all). */
    private abstract static class Reader extends BinaryParser {
        int blocks;
        String failure;

        @Override
        public void handleBlock(FileBlock message) {
            blocks++;
            super.handleBlock(message);
        }

        @Override
        protected void parseRelations(List<Osmformat.Relation> relations) {
        }

        @Override
        protected void parseDense(Osmformat.DenseNodes nodes) {
        }

        @Override
        protected void parseNodes(List<Osmformat.Node> nodes) {
        }

        @Override
        protected void parseWays(List<Osmformat.Way> ways) {
        }

        @Override
        protected void parse(Osmformat.HeaderBlock header) {
            for (String feature : header.getRequiredFeaturesList()) {
                if (!List.of("OsmSchema-V0.6", "DenseNodes").contains(feature)) {
                    failure = "the file needs a feature this reader lacks: " + feature;
                }
            }
        }

        @Override
        public void complete() {
        }

        Map<String, String> tags(List<Integer> keys, List<Integer> values) {
            if (keys.isEmpty()) {
                return Map.of();
            }
            Map<String, String> tags = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                tags.put(getStringById(keys.get(i)), getStringById(values.get(i)));
            }
            return tags;
        }
    }
}
