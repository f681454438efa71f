package org.rampe.places;

import java.util.List;

/**
 * What one open-data import did. {@code read = created + updated + skipped}; warnings are rows that
 * went in without one of their values (a bad optional value drops that value, not the row). Rows
 * outside the area asked for are not read, only counted.
 *
 * @param unreadable  why nothing at all could be read (missing file, not JSON or CSV), or null
 * @param failure     why the file stopped being readable part-way (cut, corrupt), or null: the rows
 *                    before it are in, but the import failed
 * @param outside     rows left out because they lie outside the area asked for
 * @param maybeClosed places of a complete import's area that the file no longer has, marked "maybe closed"
 */
public record ImportReport(String source, int read, int created, int updated, List<RowProblem> skipped,
                           List<RowProblem> warnings, String unreadable, String failure, int outside,
                           int maybeClosed) {

    /**
     * A row left out, or a value dropped, and where it is in the file.
     *
     * @param line   the 1-based line the row starts on
     * @param index  the row's 1-based position among the file's rows (features, records), 0 when not counted
     * @param offset the byte offset the row starts at, or -1 when not known
     */
    public record RowProblem(long line, long index, long offset, String reason) {

        /** A problem known by its line only (CSV). */
        public RowProblem(long line, String reason) {
            this(line, 0, -1, reason);
        }

        /** Where the row is, as the report says it: "feature 12 (byte 3456, line 4)", "feature 12" (PBF) or "line 12" (CSV). */
        public String position() {
            if (index <= 0) {
                return "line " + line;
            }
            List<String> where = new java.util.ArrayList<>(2);
            if (offset >= 0) {
                where.add("byte " + offset);
            }
            if (line > 0) {
                where.add("line " + line);
            }
            return "feature " + index + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")");
        }
    }

    public ImportReport {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    static ImportReport unreadable(String source, String reason) {
        return new ImportReport(source, 0, 0, 0, List.of(), List.of(), reason, null, 0, 0);
    }

    public boolean nothingRead() {
        return unreadable != null;
    }

    /** Whether the import failed: nothing could be read, or the file broke off part-way. */
    public boolean failed() {
        return unreadable != null || failure != null;
    }
}
