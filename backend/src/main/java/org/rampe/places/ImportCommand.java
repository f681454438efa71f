package org.rampe.places;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import org.springframework.context.ApplicationContext;

/**
 * {@code rampe import osm|acceslibre FILE [--spring.property=value ...]}: imports one open-data
 * file into the database the application is configured for, prints progress and a summary.
 *
 * <p>Exit status: 0 when the file was read (even if some rows were skipped: they are listed),
 * {@value #UNREADABLE} when nothing could be read (missing file, not JSON or CSV at all),
 * {@value #USAGE} when the command line is wrong.
 */
public final class ImportCommand {

    static final int DONE = 0;
    public static final int UNREADABLE = 1;
    public static final int USAGE = 64;

    public static final String HELP = "usage: rampe import osm FILE.geojson | rampe import acceslibre FILE.csv";

    /** A checked command line; {@code springArgs} are whatever follows the file, for Spring. */
    public record Arguments(String source, Path file, String[] springArgs) {
    }

    private ImportCommand() {
    }

    /** Parses {@code import SOURCE FILE ...}; null when the command line is wrong (the caller prints the help). */
    public static Arguments parse(String[] args) {
        if (args.length < 3 || !args[0].equals("import")) {
            return null;
        }
        String source = args[1];
        if (!List.of(PlaceSource.OSM, PlaceSource.ACCESLIBRE).contains(source)) {
            return null;
        }
        return new Arguments(source, Path.of(args[2]), Arrays.copyOfRange(args, 3, args.length));
    }

    /** Whether the file can be opened at all, checked before the database starts. */
    public static boolean readable(Path file) {
        return Files.isRegularFile(file) && Files.isReadable(file);
    }

    /** Runs the import in a started application context and prints what happened. */
    public static int run(ApplicationContext context, Arguments arguments, PrintStream out) {
        IntConsumer progress = n -> out.println("  " + n + " rows read");
        out.println("Importing " + arguments.source() + " data from " + arguments.file());
        ImportReport report = arguments.source().equals(PlaceSource.OSM)
                ? context.getBean(OsmImport.class).importFile(arguments.file(), progress)
                : context.getBean(AcceslibreImport.class).importFile(arguments.file(), progress);
        print(report, out);
        return exitCode(report);
    }

    static int exitCode(ImportReport report) {
        return report.nothingRead() ? UNREADABLE : DONE;
    }

    static void print(ImportReport report, PrintStream out) {
        if (report.nothingRead()) {
            out.println("Nothing imported: " + report.unreadable());
            return;
        }
        out.printf("%d rows read: %d created, %d updated, %d skipped, %d values dropped%n", report.read(),
                report.created(), report.updated(), report.skipped().size(), report.warnings().size());
        report.skipped().forEach(s -> out.printf("  skipped line %d: %s%n", s.line(), s.reason()));
        report.warnings().forEach(w -> out.printf("  line %d: %s%n", w.line(), w.reason()));
    }
}
