package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rampe.places.ImportReport.RowProblem;

class ImportCommandTest {

    @Test
    void theSourceAndFileAreReadAndWhatFollowsGoesToSpring() {
        var args = ImportCommand.parse(new String[] {"import", "osm", "shops.geojson", "--rampe.data-dir=/tmp/x"});

        assertThat(args).isNotNull();
        assertThat(args.source()).isEqualTo("osm");
        assertThat(args.file()).isEqualTo(Path.of("shops.geojson"));
        assertThat(args.springArgs()).containsExactly("--rampe.data-dir=/tmp/x");
        assertThat(ImportCommand.parse(new String[] {"import", "acceslibre", "a.csv"}).source()).isEqualTo("acceslibre");
    }

    @Test
    void anUnknownSourceOrAMissingFileIsAUsageError() {
        assertThat(ImportCommand.parse(new String[] {"import", "wheelmap", "a.json"})).isNull();
        assertThat(ImportCommand.parse(new String[] {"import", "osm"})).isNull();
        assertThat(ImportCommand.parse(new String[] {"import"})).isNull();
    }

    @Test
    void skippedRowsStillExitWithSuccessButAnUnreadableFileDoesNot() {
        var partly = new ImportReport("osm", 3, 1, 1, List.of(new RowProblem(5, "no name")), List.of(), null);
        var nothing = ImportReport.unreadable("osm", "not valid JSON");

        assertThat(ImportCommand.exitCode(partly)).isEqualTo(ImportCommand.DONE);
        assertThat(ImportCommand.exitCode(nothing)).isEqualTo(ImportCommand.UNREADABLE);
        assertThat(ImportCommand.readable(Path.of("no-such-file.csv"))).isFalse();
    }

    @Test
    void theSummaryListsEachSkippedRowWithItsLineAndReason() {
        var report = new ImportReport("acceslibre", 3, 1, 1, List.of(new RowProblem(4, "missing name")),
                List.of(new RowProblem(2, "bad value \"abc\" for entree_largeur_mini, ignored")), null);
        var out = new ByteArrayOutputStream();

        ImportCommand.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "3 rows read: 1 created, 1 updated, 1 skipped, 1 values dropped",
                "skipped line 4: missing name",
                "line 2: bad value \"abc\" for entree_largeur_mini, ignored");
    }
}
