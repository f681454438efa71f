package org.rampe;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.rampe.graph.EmbeddedGraph;
import org.rampe.graph.GraphServer;
import org.rampe.places.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.MapPropertySource;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RampeApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("graph-server")) {
            GraphServer.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(importData(args));
        }
        SpringApplication.run(RampeApplication.class, withDemoFlag(args));
    }

    /** {@code import osm|acceslibre FILE}: the application without its web server, then exit. */
    private static int importData(String[] args) {
        ImportCommand.Arguments arguments;
        try {
            arguments = ImportCommand.parse(args);
        } catch (ImportCommand.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(ImportCommand.HELP);
            return ImportCommand.USAGE;
        }
        if (!ImportCommand.readable(arguments.file())) {
            System.err.println("Nothing imported: cannot read " + arguments.file());
            return ImportCommand.UNREADABLE;
        }
        try (var context = new SpringApplicationBuilder(RampeApplication.class).web(WebApplicationType.NONE)
                .listeners(intoTheRunningInstance(System.out))
                .run(arguments.springArgs())) {
            return ImportCommand.run(context, arguments, System.out);
        }
    }

    /**
     * When an instance runs on the same data directory (its embedded database holds the store's
     * lock), the import goes through that instance's Bolt address, found in the file it wrote there
     * at start, like an instance of a site with an external database; otherwise the store is opened
     * here as before. A database named by {@code spring.neo4j.uri} is left as it is.
     */
    static ApplicationListener<ApplicationEnvironmentPreparedEvent> intoTheRunningInstance(PrintStream out) {
        return event -> {
            var environment = event.getEnvironment();
            if (!environment.getProperty("spring.neo4j.uri", "").isBlank()) {
                out.println("Importing into the database at " + environment.getProperty("spring.neo4j.uri"));
                return;
            }
            Path dataDir = Path.of(environment.getProperty("rampe.data-dir", "./data"));
            var running = EmbeddedGraph.running(dataDir);
            if (running.isPresent()) {
                environment.getPropertySources().addFirst(new MapPropertySource("running-instance", Map.of(
                        "spring.neo4j.uri", running.get().boltUri().toString(),
                        "spring.neo4j.authentication.username", EmbeddedGraph.USER,
                        "spring.neo4j.authentication.password", running.get().password())));
                out.println("Importing into the running instance at " + running.get().boltUri());
            } else if (EmbeddedGraph.runningFileIn(dataDir)) {
                out.println("No instance answers at the address left in " + dataDir.resolve(EmbeddedGraph.RUNNING_FILE)
                        + " (it was stopped without closing): opening the database in " + dataDir + " directly");
            } else {
                out.println("No instance runs on " + dataDir + ": opening its database directly");
            }
        };
    }

    /** {@code --demo} is short for {@code --rampe.demo=true}: load the demo places and members. */
    static String[] withDemoFlag(String[] args) {
        return Arrays.stream(args).map(a -> a.equals("--demo") ? "--rampe.demo=true" : a).toArray(String[]::new);
    }
}
