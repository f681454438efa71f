package org.rampe.members;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A member's archive (GDPR articles 15 and 20) as each feature writes its part of it: JSON files
 * and images, streamed into the ZIP as they are written, so that a heavy member's archive never
 * sits in memory. Each file belongs to one feature ({@code posts.json} to social, {@code places.json}
 * to places); the README inside the archive documents every file and field, so field names are a
 * contract: add, never rename.
 *
 * <p>JSON: UTF-8, dates as ISO 8601 instants ({@code 2026-12-07T14:30:00Z}), values serialised by
 * Jackson (records become objects with their component names, absent values {@code null}).
 */
public interface MemberArchive {

    /** Whose archive this is. */
    MemberId member();

    /** When the archive was asked for: the "as of" date every file shares. */
    Instant madeAt();

    /**
     * Writes one JSON file, an object whose fields the body writes in order. Call once per file;
     * the file is complete when the body returns.
     */
    void json(String file, Consumer<JsonObject> body);

    /**
     * Adds an image as {@code images/<name>.jpg}, its alt text (as written by the member, possibly
     * empty) beside it as {@code images/<name>.txt}. The name is the feature's own (a photo id with
     * a prefix such as {@code post-}), unique in the archive.
     */
    void image(String name, byte[] jpeg, String altText);

    /** The fields of one JSON object being written. */
    interface JsonObject {

        /** A field whose value Jackson serialises: a string, number, boolean, instant, record, list or map. */
        JsonObject field(String name, Object value);

        /** A field holding an array whose items are added one by one, as they are read. */
        JsonObject array(String name, Consumer<JsonArray> items);
    }

    /** The items of one JSON array being written. */
    interface JsonArray {

        /** One item, serialised by Jackson. */
        void add(Object item);
    }
}
