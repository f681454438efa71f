package org.rampe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.rampe.members.MemberData;
import org.rampe.members.MemberId;
import org.rampe.members.ZipArchive;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A member's archive as the features write it, read back: for the tests of each feature's part of
 * the export ({@code TestArchives.of(memberId, socialMemberData)}) without the background job.
 */
public final class TestArchives {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestArchives() {
    }

    /** What the given features write for the member, as file name → bytes (in archive order). */
    public static Archive of(String memberId, List<? extends MemberData> features) {
        var bytes = new ByteArrayOutputStream();
        try (var archive = new ZipArchive(bytes, new MemberId(memberId), Instant.now())) {
            features.forEach(feature -> feature.export(archive));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(bytes.toByteArray());
    }

    public static Archive of(String memberId, MemberData... features) {
        return of(memberId, List.of(features));
    }

    /** A ZIP archive's entries. */
    public static Archive read(byte[] zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Archive(files);
    }

    public record Archive(Map<String, byte[]> files) {

        /** A JSON file of the archive, parsed (fails when absent). */
        public JsonNode json(String file) {
            byte[] content = files.get(file);
            if (content == null) {
                throw new AssertionError("The archive has no " + file + "; it has " + files.keySet());
            }
            return JSON.readTree(content);
        }

        /** A text file (README.txt, an image's alt text). */
        public String text(String file) {
            byte[] content = files.get(file);
            if (content == null) {
                throw new AssertionError("The archive has no " + file + "; it has " + files.keySet());
            }
            return new String(content, StandardCharsets.UTF_8);
        }
    }
}
