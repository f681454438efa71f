package org.rampe.places;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rampe.places.addresses.BanImport;
import org.springframework.context.ApplicationContext;

/**
 * {@code rampe import osm|acceslibre|ban FILE [--bbox W,S,E,N | --departement CODE] [--complete]
 * [--spring.property=value ...]}: imports one open-data file into the database the application is
 * configured for, prints progress and a summary.
 *
 * <p>Exit status: 0 when the whole file was read (even if some rows were skipped: they are listed),
 * {@value #UNREADABLE} when nothing could be read (missing file, not JSON or CSV at all),
 * {@value #FAILED} when the file broke off part-way (the rows before are in), {@value #USAGE} when
 * the command line is wrong, {@value #BUSY} when another import is running on the site (from the
 * administrators' page or another command line): one import at a time ({@link ImportLock}).
 */
public final class ImportCommand {

    static final int DONE = 0;
    public static final int UNREADABLE = 1;
    public static final int FAILED = 2;
    public static final int USAGE = 64;
    /** Another import holds the site's lock (sysexits' EX_TEMPFAIL: try again later). */
    public static final int BUSY = 75;
    /** Who the lock says runs an import started here. */
    static final String COMMAND_LINE = "command line";

    public static final String HELP = """
            usage: rampe import osm FILE.geojson|FILE.osm.pbf [options]
                   rampe import acceslibre FILE.csv [options]
                   rampe import ban adresses-33.csv.gz|FILE.csv [options]
                     (the national address base, one file per département, for the "near" field:
                     https://adresse.data.gouv.fr/data/ban/adresses/latest/csv/)
            options:
              --bbox WEST,SOUTH,EAST,NORTH   only the places inside this box (degrees)
              --departement CODE             only the places of this French département (33, 2A, 974)
              --complete                     the file holds every place of its source in the area:
                                             places it no longer has are marked "maybe closed\"""";

    /**
     * A checked command line; {@code springArgs} are the {@code --name=value} arguments that are not
     * the import's own, for Spring. {@code departement} is resolved into {@link #options} once the
     * graph is up (its box comes from the loaded addresses).
     */
    public record Arguments(String source, Path file, ImportOptions options, String departement, String[] springArgs) {
    }

    /** A command line that cannot be run, and why (printed above the help). */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    private ImportCommand() {
    }

    /** Parses {@code import SOURCE FILE ...}; throws {@link UsageException} when the command line is wrong. */
    public static Arguments parse(String[] args) {
        if (args.length < 3 || !args[0].equals("import")) {
            throw new UsageException("import needs a source and a file");
        }
        String source = args[1];
        if (!List.of(PlaceSource.OSM, PlaceSource.ACCESLIBRE, BanImport.SOURCE).contains(source)) {
            throw new UsageException("unknown source \"" + source + "\"");
        }
        Area area = Area.EVERYWHERE;
        String departement = null;
        boolean complete = false;
        List<String> spring = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String a = args[i];
            String value = null;
            String name = a;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--bbox", "--departement" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (area != Area.EVERYWHERE || departement != null) {
                        throw new UsageException("one area only: --bbox or --departement");
                    }
                    try {
                        if (name.equals("--bbox")) {
                            area = Area.Box.parse(value);
                        } else {
                            departement = new Area.Departement(value, null).code();
                        }
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(name + ": " + e.getMessage());
                    }
                }
                case "--complete" -> complete = true;
                default -> {
                    if (!a.startsWith("--")) {
                        throw new UsageException("unexpected argument \"" + a + "\"");
                    }
                    spring.add(a);
                }
            }
        }
        return new Arguments(source, Path.of(args[2]), new ImportOptions(area, complete), departement,
                spring.toArray(String[]::new));
    }

    /** Whether the file can be opened at all, checked before the database starts. */
    public static boolean readable(Path file) {
        return Files.isRegularFile(file) && Files.isReadable(file);
    }

    /**
     * Runs the import in a started application context and prints what happened; refuses, saying who
     * runs it and how far it is, when another import holds the site's lock.
     */
    public static int run(ApplicationContext context, Arguments arguments, PrintStream out) {
        var claim = context.getBean(ImportLock.class).claim(COMMAND_LINE, arguments.source(),
                String.valueOf(arguments.file().getFileName()));
        if (!claim.granted()) {
            out.println("Nothing imported: another import is running. " + claim.busy().describe()
                    + ". Try again once it is over (/admin/imports shows its progress).");
            return BUSY;
        }
        try (var holding = claim.holding()) {
            return runHolding(context, arguments, out, holding);
        }
    }

    private static int runHolding(ApplicationContext context, Arguments arguments, PrintStream out, ImportLock.Holding holding) {
        ImportProgress progress = step -> {
            out.println("  " + step.rows() + " rows read" + (step.percent() >= 0 ? " (" + step.percent() + " %)" : ""));
            holding.beat(step.rows(), step.percent(), false);
        };
        out.println("Importing " + arguments.source() + " data from " + arguments.file());
        ImportOptions options = arguments.options();
        if (arguments.departement() != null) {
            var departement = context.getBean(Places.class).departement(arguments.departement());
            if (departement.box() == null && !arguments.source().equals(BanImport.SOURCE)) {
                out.println("No BAN addresses of département " + departement.code() + " are loaded: places are kept by"
                        + " their postcode, and those without one are left out (load `rampe import ban adresses-"
                        + departement.code() + ".csv.gz` first, or use --bbox).");
            }
            options = new ImportOptions(departement, options.complete());
        }
        ImportReport report = switch (arguments.source()) {
            case BanImport.SOURCE -> context.getBean(BanImport.class).importFile(arguments.file(), options, progress);
            case PlaceSource.OSM -> context.getBean(OsmImport.class).importFile(arguments.file(), options, progress);
            default -> context.getBean(AcceslibreImport.class).importFile(arguments.file(), options, progress);
        };
        print(report, out);
        return exitCode(report);
    }

    static int exitCode(ImportReport report) {
        if (report.nothingRead()) {
            return UNREADABLE;
        }
        return report.failure() != null ? FAILED : DONE;
    }

    static void print(ImportReport report, PrintStream out) {
        if (report.nothingRead()) {
            out.println("Nothing imported: " + report.unreadable());
            return;
        }
        out.printf("%d rows read: %d created, %d updated, %d skipped, %d values dropped%n", report.read(),
                report.created(), report.updated(), report.skipped().size(), report.warnings().size());
        if (report.outside() > 0) {
            out.printf("%d rows outside the area left out%n", report.outside());
        }
        if (report.maybeClosed() > 0) {
            out.printf("%d places no longer in the file marked \"maybe closed\"%n", report.maybeClosed());
        }
        report.skipped().forEach(s -> out.printf("  skipped %s: %s%n", s.position(), s.reason()));
        report.warnings().forEach(w -> out.printf("  %s: %s%n", w.position(), w.reason()));
        if (report.failure() != null) {
            out.println("Import FAILED: " + report.failure() + ". The rows before it are in; fix the file and import it again.");
        }
    }
}
