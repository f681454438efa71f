package org.rampe;

import java.util.Arrays;

import org.rampe.graph.GraphServer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RampeApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("graph-server")) {
            GraphServer.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(RampeApplication.class, args);
    }
}
