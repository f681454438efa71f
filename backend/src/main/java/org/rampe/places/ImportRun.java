package org.rampe.places;

import java.util.ArrayList;
import java.util.List;

import org.rampe.places.ImportReport.RowProblem;

/** The running tally of one import: each row read is created, updated or skipped. */
final class ImportRun {

    /** How often progress is reported, in rows read. */
    static final int PROGRESS_EVERY = 100;

    private final String source;
    private final Places places;
    private final ImportProgress progress;
    private final List<RowProblem> skipped = new ArrayList<>();
    private final List<RowProblem> warnings = new ArrayList<>();
    private int read;
    private int created;
    private int updated;

    ImportRun(String source, Places places, ImportProgress progress) {
        this.source = source;
        this.places = places;
        this.progress = progress;
    }

    void imported(ImportedPlace place, long line, List<String> rowWarnings) {
        String refused = nameProblem(place.name());
        if (refused != null) {
            skipped(line, refused);
            return;
        }
        rowWarnings.forEach(w -> warnings.add(new RowProblem(line, w)));
        if (places.importPlace(place) == Places.ImportOutcome.CREATED) {
            created++;
        } else {
            updated++;
        }
        counted();
    }

    /**
     * What the place form would refuse in a name (issue 17): an open-data file is input like any
     * other, and a name of a megabyte or with control characters would be shown on every page.
     */
    static String nameProblem(String name) {
        if (name.codePointCount(0, name.length()) > PlaceForm.NAME_MAX) {
            return "name longer than " + PlaceForm.NAME_MAX + " characters";
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            return "name with control characters";
        }
        return null;
    }

    void skipped(long line, String reason) {
        skipped.add(new RowProblem(line, reason));
        counted();
    }

    /** The file stopped making sense part-way: what came before stays imported. */
    void brokenAt(long line, String reason) {
        skipped(line, reason + "; the rest of the file was not read");
    }

    int read() {
        return read;
    }

    private void counted() {
        read++;
        if (read % PROGRESS_EVERY == 0) {
            progress.update(new ImportProgress.Step(read, -1, -1));
        }
    }

    ImportReport report() {
        return new ImportReport(source, read, created, updated, skipped, warnings, null, null, 0, 0);
    }
}
