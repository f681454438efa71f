package org.rampe.places;

import java.util.List;

/**
 * What one open-data import did. {@code read = created + updated + skipped}; warnings are rows that
 * went in without one of their values (a bad optional value drops that value, not the row).
 *
 * @param unreadable why nothing at all could be read (missing file, not JSON or CSV), or null
 */
public record ImportReport(String source, int read, int created, int updated, List<RowProblem> skipped,
                           List<RowProblem> warnings, String unreadable) {

    /** A row left out, or a value dropped, with the 1-based line of the file it starts on. */
    public record RowProblem(long line, String reason) {
    }

    public ImportReport {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    static ImportReport unreadable(String source, String reason) {
        return new ImportReport(source, 0, 0, 0, List.of(), List.of(), reason);
    }

    public boolean nothingRead() {
        return unreadable != null;
    }
}
