package org.rampe.members;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A member's archive written as a ZIP while the features write it: each JSON file is generated
 * straight into its ZIP entry (Jackson's streaming generator), each image copied in, so memory
 * holds one row at a time whatever the member's history. Indented JSON, so that a person can read
 * it in a text editor as well as a program.
 */
public final class ZipArchive implements MemberArchive, Closeable {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final ZipOutputStream zip;
    private final MemberId member;
    private final Instant madeAt;
    private final Set<String> written = new HashSet<>();

    public ZipArchive(OutputStream out, MemberId member, Instant madeAt) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.member = member;
        this.madeAt = madeAt;
    }

    @Override
    public MemberId member() {
        return member;
    }

    @Override
    public Instant madeAt() {
        return madeAt;
    }

    @Override
    public void json(String file, Consumer<JsonObject> body) {
        entry(file);
        try (JsonGenerator json = JSON.createGenerator(zip)) {
            json.writeStartObject();
            body.accept(new Fields(json));
            json.writeEndObject();
        }
        closeEntry();
    }

    @Override
    public void image(String name, byte[] jpeg, String altText) {
        bytes("images/" + name + ".jpg", jpeg);
        bytes("images/" + name + ".txt", (altText == null ? "" : altText).getBytes(StandardCharsets.UTF_8));
    }

    /** A text file of the archive (its README). */
    public void text(String file, String text) {
        bytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private void bytes(String file, byte[] content) {
        entry(file);
        try {
            zip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        closeEntry();
    }

    private void entry(String file) {
        if (!written.add(file)) {
            throw new IllegalStateException("The archive already has " + file);
        }
        try {
            ZipEntry entry = new ZipEntry(file);
            entry.setTime(madeAt.toEpochMilli());
            zip.putNextEntry(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeEntry() {
        try {
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private record Fields(JsonGenerator json) implements JsonObject, JsonArray {

        @Override
        public JsonObject field(String name, Object value) {
            json.writePOJOProperty(name, value);
            return this;
        }

        @Override
        public JsonObject array(String name, Consumer<JsonArray> items) {
            json.writeName(name);
            json.writeStartArray();
            items.accept(this);
            json.writeEndArray();
            return this;
        }

        @Override
        public void add(Object item) {
            json.writePOJO(item);
        }
    }
}
