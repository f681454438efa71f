package org.rampe.places;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import ac.simons.neo4j.migrations.core.Migrations;
import ac.simons.neo4j.migrations.core.MigrationsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.rampe.Latencies;
import org.rampe.graph.EmbeddedGraph;
import org.rampe.graph.Graph;
import org.rampe.places.addresses.BanImport;

/**
 * {@code rampe import ban} at the size of a large département: {@code bench.addresses} (750,000 by
 * default) generated BAN rows, about 40,000 streets in some 600 communes of Gironde, numbers 1 to
 * a street's length with a few "bis", written as the BAN publishes them ({@code adresses-33.csv.gz},
 * the 23 columns), then imported into a fresh embedded graph through the same code as the command
 * line, and imported again (every row an update). Prints rows a second, time, heap and RSS, and
 * writes them to {@code backend/target/bench-results/ban-import.md}. Target: 750,000 rows in 3 minutes
 * or less on the 2-core machine.
 *
 * <p>Run (see docs/benchmarks.md):
 * {@code ./mvnw -o -pl backend -am test -Pbench -Dtest=BanImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * and {@code -Dbench.addresses=50000} for a quick check.
 */
@Tag("benchmark")
class BanImportBenchmark {

    static final int ADDRESSES = Integer.getInteger("bench.addresses", 750_000);
    static final int COMMUNES = 600;
    static final int STREETS = 40_000;
    static final long PAGE_CACHE = 512L * 1024 * 1024;

    private static final String HEADER = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;"
            + "code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;"
            + "libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";
    private static final String[] TYPES = {"Rue", "Rue", "Rue", "Avenue", "Chemin", "Impasse", "Allée", "Place", "Boulevard",
            "Route", "Lotissement", "Cours"};
    private static final String[] NAMES = {"de la Paix", "Victor Hugo", "Jean Jaurès", "des Écoles", "du Moulin", "de l’Église",
            "Pasteur", "du Stade", "des Vignes", "de la Gare", "Gambetta", "du Château", "des Pins", "de la Forêt", "Émile Zola",
            "du Général de Gaulle", "des Lilas", "de la Mairie", "du Port", "Carnot", "de Verdun", "des Acacias", "Montesquieu",
            "François Mauriac", "de la Garonne", "de la Dordogne", "des Chartrons", "Sainte-Catherine", "du Lac", "des Tilleuls",
            "de Bordeaux", "de Libourne", "d’Arcachon", "du Médoc", "des Graves", "de l’Estuaire", "du Bourg", "des Prés",
            "de la Fontaine", "du Pont", "Jules Ferry", "Louis Pasteur", "Marcel Pagnol", "Jean Moulin", "Pierre Curie",
            "Marie Curie", "Georges Clemenceau", "Aristide Briand", "de la Liberté", "de la République", "du 8 Mai 1945",
            "du 11 Novembre", "des Vendanges", "des Chais", "des Cèdres", "des Chênes", "des Peupliers", "du Ruisseau",
            "de la Lande", "du Bassin", "des Dunes", "de l’Océan", "des Mimosas", "des Roses", "des Jardins", "du Parc"};
    private static final String[] TOWNS = {"Saint", "Sainte", "Le", "La", "Les", "Mont", "Castel", "Ville", "Bourg", "Lacanau",
            "Pessac", "Talence", "Mérignac", "Cenon", "Floirac", "Blanquefort", "Eysines", "Bègles", "Lormont", "Gradignan"};
    private static final String[] SUFFIXES = {"-de-Médoc", "-sur-Garonne", "-en-Gironde", "-des-Vignes", "-le-Vieux", "-d’Ornon",
            "-les-Pins", "-de-Guyenne", "", "", "", ""};

    @Test
    void banImport() throws Exception {
        Path dir = Path.of("target", "bench-ban").toAbsolutePath().normalize();
        Latencies.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path file = dir.resolve("adresses-33.csv.gz");
        long generating = System.nanoTime();
        int streets = generate(file, ADDRESSES);
        double generated = (System.nanoTime() - generating) / 1e9;
        System.out.printf(Locale.ROOT, "Generated %,d BAN rows (%,d streets, %d communes) in %.1f s: %,d bytes gzipped%n",
                ADDRESSES, streets, COMMUNES, generated, Files.size(file));

        try (EmbeddedGraph graph = EmbeddedGraph.start(dir.resolve("graph"), "127.0.0.1", 0, PAGE_CACHE);
             Driver driver = GraphDatabase.driver(graph.boltUri(), AuthTokens.basic(EmbeddedGraph.USER, graph.password()))) {
            new Migrations(MigrationsConfig.builder().withLocationsToScan("classpath:neo4j/migrations").build(), driver).apply();
            BanImport ban = BanImport.on(new Graph(driver));
            List<String> lines = new ArrayList<>();
            lines.add("| run | rows | time | rows/s | heap used after GC | RSS |");
            lines.add("| --- | ---: | ---: | ---: | ---: | ---: |");
            for (String run : List.of("first import", "re-import")) {
                long start = System.nanoTime();
                ImportReport report = ban.importFile(file, ImportOptions.ALL, step -> {
                    if (step.rows() % 100_000 == 0) {
                        System.out.printf(Locale.ROOT, "  %,d rows (%d %%)%n", step.rows(), step.percent());
                    }
                });
                double seconds = (System.nanoTime() - start) / 1e9;
                if (report.failed() || report.read() != ADDRESSES || !report.skipped().isEmpty()) {
                    throw new AssertionError("the generated file did not import cleanly: " + report);
                }
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                String line = String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %d MB | %s |", run, report.read(), seconds,
                        report.read() / seconds, heap >> 20, rss());
                System.out.println(line);
                lines.add(line);
            }
            long addresses = new Graph(driver).count("MATCH (a:Address) RETURN count(a)", java.util.Map.of());
            long streetNodes = new Graph(driver).count("MATCH (s:Street) RETURN count(s)", java.util.Map.of());
            String summary = String.format(Locale.ROOT, "%,d addresses, %,d streets in the graph; %d cores, max heap %d MB; %s",
                    addresses, streetNodes, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    Instant.now());
            System.out.println(summary);
            lines.add("");
            lines.add(summary);
            Path results = Path.of("target", "bench-results");
            Files.createDirectories(results);
            Files.write(results.resolve("ban-import.md"), lines);
        }
    }

    /** The process's resident memory, from /proc (Linux), or "n/a". */
    static String rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return (Long.parseLong(line.replaceAll("\\D", "")) >> 10) + " MB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return "n/a";
    }

    /**
     * Writes {@code rows} BAN rows sorted by commune, as the BAN's files are: communes spread over
     * Gironde, streets around their commune's centre, numbers along each street.
     */
    static int generate(Path file, int rows) throws IOException {
        Random random = new Random(20261208L);
        int streetsPerCommune = Math.max(1, Math.min(STREETS, Math.max(1, rows / 5)) / COMMUNES);
        int perStreet = Math.max(1, rows / (streetsPerCommune * COMMUNES));
        int written = 0;
        int streets = 0;
        try (var out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            out.write(HEADER);
            out.write('\n');
            for (int c = 0; c < COMMUNES && written < rows; c++) {
                String insee = "33%03d".formatted(c + 1);
                String postcode = "33%03d".formatted((c * 7) % 990 + 10);
                String town = TOWNS[c % TOWNS.length] + (c >= TOWNS.length ? " " + NAMES[c % NAMES.length].replaceFirst("^(de la|de l’|du|des|de|d’) ?", "") : "")
                        + SUFFIXES[c % SUFFIXES.length];
                double lat = 44.25 + random.nextDouble() * 1.3;
                double lon = -1.2 + random.nextDouble() * 1.5;
                for (int s = 0; s < streetsPerCommune && written < rows; s++) {
                    streets++;
                    String street = TYPES[random.nextInt(TYPES.length)] + " " + NAMES[s % NAMES.length]
                            + (s >= NAMES.length ? " " + (s / NAMES.length + 1) : "");
                    double sLat = lat + (random.nextDouble() - 0.5) * 0.04;
                    double sLon = lon + (random.nextDouble() - 0.5) * 0.05;
                    double dLat = (random.nextDouble() - 0.5) * 1e-4;
                    double dLon = (random.nextDouble() - 0.5) * 1e-4;
                    // The last street of the last commune takes what is left, so the file has exactly {@code rows}.
                    boolean last = c == COMMUNES - 1 && s == streetsPerCommune - 1;
                    int numbers = last ? rows - written : perStreet / 2 + random.nextInt(perStreet + 1);
                    String key = "%04d".formatted(s % 10_000) + (s >= 10_000 ? Integer.toString(s / 10_000) : "");
                    for (int n = 1; n <= numbers && written < rows; n++) {
                        String rep = n % 23 == 0 ? "bis" : "";
                        String id = insee + "_" + key + "_" + "%05d".formatted(n) + (rep.isEmpty() ? "" : "_" + rep);
                        out.write(String.join(";", id, insee + "_" + key, Integer.toString(n), rep, street, postcode, insee, town,
                                "", "", "", "", String.format(Locale.ROOT, "%.6f", sLon + n * dLon),
                                String.format(Locale.ROOT, "%.6f", sLat + n * dLat), "entrée", "", "", town.toUpperCase(Locale.ROOT),
                                street.toUpperCase(Locale.ROOT), "commune", "commune", "1", ""));
                        out.write('\n');
                        written++;
                    }
                }
            }
        }
        return streets;
    }
}
