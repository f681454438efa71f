package org.rampe.places.addresses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rampe.RampeTest;
import org.rampe.places.ImportCommand;
import org.rampe.places.ImportOptions;
import org.rampe.places.ImportProgress;
import org.rampe.places.ImportReport;
import org.rampe.places.Places;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** {@code rampe import ban}: a BAN file made from the Montpellier open data, with bad rows, gzip or not. */
class BanImportTest extends RampeTest {

    @Autowired
    BanImport ban;

    @Autowired
    Places places;

    @Autowired
    ApplicationContext context;

    @TempDir
    Path dir;

    @Test
    void theGoodRowsGoInAndEachBadRowIsReportedWithItsLineAndReason() {
        List<String> good = BanFiles.montpellierRows();
        List<String> lines = new ArrayList<>(good);
        // Lines 2 and up are the good rows; the bad ones follow.
        int first = good.size() + 2;
        lines.add(BanFiles.row("34172_9001_00001", "1", "", "Rue Sans Position", "34000", "34172", "Montpellier", 3.87, 43.6)
                .replace(";3.87;43.6;", ";3,87x;north;"));
        lines.add(BanFiles.row("34172_9002_00001", "1", "", "", "34000", "34172", "Montpellier", 3.87, 43.6));
        lines.add(BanFiles.row("34172_9003_00001", "1", "", "Rue du Code", "340", "34172", "Montpellier", 3.87, 43.6));
        lines.add("34172_9004_00001;34172_9004;1;;Rue Courte;34000;34172");
        lines.add(BanFiles.row("34172_9005_00001", "1", "", "Rue du Pôle", "34000", "34172", "Montpellier", 3.87, 95.0));
        Path file = BanFiles.write(dir, "adresses-34.csv.gz", lines);

        List<ImportProgress.Step> steps = new ArrayList<>();
        ImportReport report = ban.importFile(file, ImportOptions.ALL, steps::add);

        assertThat(report.failed()).isFalse();
        assertThat(report.read()).isEqualTo(good.size() + 5);
        assertThat(report.created()).isEqualTo(good.size());
        assertThat(report.updated()).isZero();
        assertThat(report.skipped()).extracting(ImportReport.RowProblem::position, ImportReport.RowProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("line " + first, "bad coordinates lon \"3,87x\", lat \"north\""),
                org.assertj.core.groups.Tuple.tuple("line " + (first + 1), "no street name (nom_voie)"),
                org.assertj.core.groups.Tuple.tuple("line " + (first + 2), "bad postcode \"340\" (five digits)"),
                org.assertj.core.groups.Tuple.tuple("line " + (first + 3), "7 fields where the header has 23"),
                org.assertj.core.groups.Tuple.tuple("line " + (first + 4), "bad coordinates lon \"3.87\", lat \"95.0\""));

        assertThat(graph.count("MATCH (a:Address) RETURN count(a)", Map.of())).isEqualTo(good.size());
        var loge = graph.one("MATCH (a:Address {id: '34172_1170_00003'}) RETURN a", Map.of(), r -> r.get("a").asMap()).orElseThrow();
        assertThat(loge).containsEntry("departement", "34").containsEntry("number", "3").containsEntry("street", "Rue de la Loge")
                .containsEntry("postcode", "34000").containsEntry("insee", "34172").containsEntry("city", "Montpellier")
                .containsEntry("label", "3 Rue de la Loge, 34000 Montpellier").containsEntry("kind", "entrée");
        var point = graph.one("MATCH (a:Address {id: '34172_1170_00003'}) RETURN a.location AS p", Map.of(), r -> r.get("p").asPoint())
                .orElseThrow();
        assertThat(point.srid()).isEqualTo(4326);
        assertThat(point.x()).isEqualTo(3.8772);
        assertThat(point.y()).isEqualTo(43.6101);
        assertThat(graph.one("MATCH (a:Address {number: '7 bis'}) RETURN a.street AS s", Map.of(), r -> r.get("s").asString()))
                .contains("Quai des Tanneurs");

        // One node per street and per commune, the commune's centre among its addresses.
        assertThat(graph.count("MATCH (c:Commune) RETURN count(c)", Map.of())).isEqualTo(3);
        assertThat(graph.count("MATCH (s:Street {name: 'Rue de la Loge'}) RETURN s.addresses", Map.of())).isEqualTo(2);
        assertThat(graph.one("MATCH (c:Commune {insee: '34198'}) RETURN c.key + '|' + c.label AS k", Map.of(), r -> r.get("k").asString()))
                .contains("perols|34470 Pérols");
        assertThat(graph.count("MATCH (s:Street) RETURN count(s)", Map.of()))
                .isEqualTo(graph.count("MATCH (a:Address) RETURN count(DISTINCT a.streetId)", Map.of()));

        // The département's box, which the place imports' --departement filter asks of the addresses.
        var box = places.departement("34").box();
        assertThat(box).isNotNull();
        assertThat(box.west()).isLessThan(3.8772);
        assertThat(box.east()).isGreaterThanOrEqualTo(3.9556);

        // Progress counts the compressed bytes, up to the file's size.
        assertThat(steps).isNotEmpty();
        assertThat(steps.getLast().rows()).isEqualTo(good.size() + 5);
        assertThat(steps.getLast().bytes()).isEqualTo(fileSize(file));
        assertThat(steps.getLast().percent()).isEqualTo(100);
    }

    @Test
    void aReimportUpdatesTheAddressesAndNeverDuplicatesThem() {
        List<String> good = BanFiles.montpellierRows();
        Path file = BanFiles.write(dir, "adresses-34.csv", good);
        ban.importFile(file, ImportOptions.ALL, ImportProgress.NONE);
        long streets = graph.count("MATCH (s:Street) RETURN count(s)", Map.of());

        List<String> changed = new ArrayList<>(good);
        changed.set(changed.indexOf(BanFiles.LOGE_3), BanFiles.LOGE_3.replace("43.6101", "43.6105"));
        ImportReport again = ban.importFile(BanFiles.write(dir, "adresses-34-new.csv", changed), ImportOptions.ALL, ImportProgress.NONE);

        assertThat(again.created()).isZero();
        assertThat(again.updated()).isEqualTo(good.size());
        assertThat(graph.count("MATCH (a:Address) RETURN count(a)", Map.of())).isEqualTo(good.size());
        assertThat(graph.count("MATCH (s:Street) RETURN count(s)", Map.of())).isEqualTo(streets);
        assertThat(graph.count("MATCH (c:Commune) RETURN count(c)", Map.of())).isEqualTo(3);
        assertThat(graph.one("MATCH (a:Address {id: '34172_1170_00003'}) RETURN a.location.y AS lat", Map.of(), r -> r.get("lat").asDouble()))
                .contains(43.6105);
    }

    @Test
    void aFileCutInTheMiddleIsAFailedImportWithExitCode2() throws Exception {
        List<String> many = new ArrayList<>();
        // Enough varied rows that half the compressed file holds some whole rows.
        for (int i = 0; i < 20_000; i++) {
            many.add(BanFiles.row("34172_%04d_%05d".formatted(i / 50, i % 50 + 1), Integer.toString(i % 50 + 1), "",
                    "Rue numéro " + (i / 50), "34000", "34172", "Montpellier", 3.8 + (i % 997) * 1e-4, 43.6 + (i % 991) * 1e-4));
        }
        Path whole = BanFiles.write(dir, "whole.csv.gz", many);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("adresses-34.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        var out = new ByteArrayOutputStream();
        int exit = ImportCommand.run(context, ImportCommand.parse(new String[] {"import", "ban", cut.toString()}),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(ImportCommand.FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Importing ban data from", "Import FAILED: the file breaks off after line");
        long in = graph.count("MATCH (a:Address) RETURN count(a)", Map.of());
        assertThat(in).isPositive().isLessThan(20_000);
        // The rows before the cut are in, whole: their streets too.
        assertThat(graph.count("MATCH (a:Address) WHERE NOT EXISTS { MATCH (s:Street {id: a.streetId}) } RETURN count(a)", Map.of())).isZero();
    }

    @Test
    void aFileThatIsNotABanFileImportsNothingAndSaysWhy() {
        Path other = dir.resolve("places.csv");
        try {
            Files.writeString(other, "name,lat,lon\nPharmacie,43.6,3.8\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ImportReport report = ban.importFile(other, ImportOptions.ALL, ImportProgress.NONE);
        assertThat(report.nothingRead()).isTrue();
        assertThat(report.unreadable()).isEqualTo("not a BAN addresses file: the header has no \"id\" column");
        assertThat(ban.importFile(dir.resolve("missing.csv.gz"), ImportOptions.ALL, ImportProgress.NONE).unreadable())
                .startsWith("cannot read ");
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
