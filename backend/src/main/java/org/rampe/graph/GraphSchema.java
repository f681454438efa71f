package org.rampe.graph;

import ac.simons.neo4j.migrations.core.Migrations;
import ac.simons.neo4j.migrations.core.MigrationsConfig;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies the versioned Cypher migrations of the graph-schema module before the application serves
 * anything. Re-running is a no-op; a changed migration that was already applied stops the start.
 */
@Component
class GraphSchema {

    static final String LOCATION = "classpath:neo4j/migrations";
    private static final Logger log = LoggerFactory.getLogger(GraphSchema.class);

    private final Driver driver;

    GraphSchema(Driver driver) {
        this.driver = driver;
        migrate();
    }

    public void migrate() {
        var migrations = new Migrations(MigrationsConfig.builder().withLocationsToScan(LOCATION).build(), driver);
        migrations.apply().ifPresent(version -> log.info("Graph schema at version {}", version.getValue()));
    }
}
