package org.rampe.places;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import crosby.binary.Osmformat;
import crosby.binary.file.BlockOutputStream;
import crosby.binary.file.FileBlock;

/**
 * Writes a small {@code .osm.pbf} file the way extract tools do (a header block, then data blocks
 * of dense nodes and of ways, zlib-compressed), with the format's own classes: the tests read what
 * they wrote with the importer, without a binary file of unknown origin in the repository.
 */
final class PbfFile {

    /** A node with its tags (an empty map for a node that only carries a way's geometry). */
    record Node(long id, double lat, double lon, Map<String, String> tags) {
    }

    /** A way through nodes, with its tags. */
    record Way(long id, List<Long> nodes, Map<String, String> tags) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final List<Way> ways = new ArrayList<>();

    PbfFile node(long id, double lat, double lon, Map<String, String> tags) {
        nodes.add(new Node(id, lat, lon, tags));
        return this;
    }

    PbfFile way(long id, List<Long> nodeIds, Map<String, String> tags) {
        ways.add(new Way(id, nodeIds, tags));
        return this;
    }

    byte[] bytes() throws IOException {
        var out = new ByteArrayOutputStream();
        var blocks = new BlockOutputStream(out);
        var header = Osmformat.HeaderBlock.newBuilder().addRequiredFeatures("OsmSchema-V0.6")
                .addRequiredFeatures("DenseNodes").setWritingprogram("Rampe tests").build();
        blocks.write(FileBlock.newInstance("OSMHeader", header.toByteString(), null));
        // Real extracts hold 8,000 entities a block: two blocks of nodes make the reader cross a block.
        int half = (nodes.size() + 1) / 2;
        blocks.write(data(nodes.subList(0, half), List.of()));
        blocks.write(data(nodes.subList(half, nodes.size()), List.of()));
        if (!ways.isEmpty()) {
            blocks.write(data(List.of(), ways));
        }
        blocks.flush();
        blocks.close();
        return out.toByteArray();
    }

    private static FileBlock data(List<Node> nodes, List<Way> ways) {
        Map<String, Integer> strings = new LinkedHashMap<>();
        strings.put("", 0);
        var group = Osmformat.PrimitiveGroup.newBuilder();
        if (!nodes.isEmpty()) {
            var dense = Osmformat.DenseNodes.newBuilder();
            long id = 0;
            long lat = 0;
            long lon = 0;
            for (Node n : nodes) {
                long nlat = Math.round(n.lat() * 1e7);
                long nlon = Math.round(n.lon() * 1e7);
                dense.addId(n.id() - id).addLat(nlat - lat).addLon(nlon - lon);
                id = n.id();
                lat = nlat;
                lon = nlon;
                n.tags().forEach((k, v) -> dense.addKeysVals(index(strings, k)).addKeysVals(index(strings, v)));
                dense.addKeysVals(0);
            }
            group.setDense(dense);
        }
        for (Way w : ways) {
            var way = Osmformat.Way.newBuilder().setId(w.id());
            w.tags().forEach((k, v) -> way.addKeys(index(strings, k)).addVals(index(strings, v)));
            long previous = 0;
            for (long ref : w.nodes()) {
                way.addRefs(ref - previous);
                previous = ref;
            }
            group.addWays(way);
        }
        var table = Osmformat.StringTable.newBuilder();
        strings.keySet().forEach(s -> table.addS(ByteString.copyFromUtf8(s)));
        var block = Osmformat.PrimitiveBlock.newBuilder().setStringtable(table).addPrimitivegroup(group).build();
        return FileBlock.newInstance("OSMData", block.toByteString(), null);
    }

    private static int index(Map<String, Integer> strings, String s) {
        return strings.computeIfAbsent(s, k -> strings.size());
    }
}
