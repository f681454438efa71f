package org.rampe;

import java.util.Arrays;

import org.rampe.graph.GraphServer;
import org.rampe.places.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

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
                .run(arguments.springArgs())) {
            return ImportCommand.run(context, arguments, System.out);
        }
    }

    /** {@code --demo} is short for {@code --rampe.demo=true}: load the demo places and members. */
    static String[] withDemoFlag(String[] args) {
        return Arrays.stream(args).map(a -> a.equals("--demo") ? "--rampe.demo=true" : a).toArray(String[]::new);
    }
}
