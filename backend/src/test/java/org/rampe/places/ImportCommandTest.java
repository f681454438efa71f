package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThatThrownBy(() -> ImportCommand.parse(new String[] {"import", "wheelmap", "a.json"}))
                .isInstanceOf(ImportCommand.UsageException.class).hasMessage("unknown source \"wheelmap\"");
        assertThatThrownBy(() -> ImportCommand.parse(new String[] {"import", "osm"})).isInstanceOf(ImportCommand.UsageException.class);
        assertThatThrownBy(() -> ImportCommand.parse(new String[] {"import"})).isInstanceOf(ImportCommand.UsageException.class);
    }

    @Test
    void anAreaAndCompletenessAreTheImportsOwnOptions() {
        var box = ImportCommand.parse(new String[] {"import", "osm", "a.osm.pbf", "--bbox", "3.8,43.5,3.95,43.7", "--complete",
                "--rampe.data-dir=/tmp/x"});
        assertThat(box.options()).isEqualTo(new ImportOptions(new Area.Box(3.8, 43.5, 3.95, 43.7), true));
        assertThat(box.springArgs()).containsExactly("--rampe.data-dir=/tmp/x");
        var departement = ImportCommand.parse(new String[] {"import", "acceslibre", "a.csv", "--departement=2a"});
        assertThat(departement.departement()).isEqualTo("2A");
        assertThat(departement.options().complete()).isFalse();
        assertThatThrownBy(() -> ImportCommand.parse(new String[] {"import", "osm", "a", "--departement", "99"}))
                .hasMessageContaining("not a French département code");
        assertThatThrownBy(() -> ImportCommand.parse(new String[] {"import", "osm", "a", "--bbox", "3.9,43.5,3.8,43.7"}))
                .hasMessageContaining("west ≤ east");
        assertThatThrownBy(() -> ImportCommand.parse(new String[] {"import", "osm", "a", "--bbox", "1,2,3,4", "--departement", "33"}))
                .hasMessageContaining("one area only");
    }

    @Test
    void skippedRowsStillExitWithSuccessButAnUnreadableFileDoesNot() {
        var partly = new ImportReport("osm", 3, 1, 1, List.of(new RowProblem(5, "no name")), List.of(), null, null, 0, 0);
        var cut = new ImportReport("osm", 3, 2, 0, List.of(), List.of(), null, "not valid JSON at byte 200", 0, 0);
        var nothing = ImportReport.unreadable("osm", "not valid JSON");

        assertThat(ImportCommand.exitCode(partly)).isEqualTo(ImportCommand.DONE);
        assertThat(ImportCommand.exitCode(nothing)).isEqualTo(ImportCommand.UNREADABLE);
        assertThat(ImportCommand.exitCode(cut)).isEqualTo(ImportCommand.FAILED);
        assertThat(ImportCommand.readable(Path.of("no-such-file.csv"))).isFalse();
    }

    @Test
    void theSummaryListsEachSkippedRowWithItsLineAndReason() {
        var report = new ImportReport("acceslibre", 3, 1, 1, List.of(new RowProblem(4, "missing name")),
                List.of(new RowProblem(2, "bad value \"abc\" for entree_largeur_mini, ignored")), null, null, 0, 0);
        var out = new ByteArrayOutputStream();

        ImportCommand.print(report, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "3 rows read: 1 created, 1 updated, 1 skipped, 1 values dropped",
                "skipped line 4: missing name",
                "line 2: bad value \"abc\" for entree_largeur_mini, ignored");
    }
}
