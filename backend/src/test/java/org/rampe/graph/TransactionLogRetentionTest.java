package org.rampe.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The privacy page promises that erased data does not outlive the transaction logs' retention:
 * the running database must say the same as the configuration (rampe.tx-log-retention).
 */
class TransactionLogRetentionTest extends RampeTest {

    @Autowired
    GraphProperties properties;

    private String setting(String name) {
        return graph.one("SHOW SETTINGS YIELD name, value WHERE name = $name RETURN value", Map.of("name", name),
                r -> r.get("value").asString()).orElseThrow();
    }

    @Test
    void theRunningDatabaseKeepsItsTransactionLogsForTheConfiguredTimeAndRotatesThem() {
        assertThat(properties.txLogRetention()).isEqualTo("2 days");
        assertThat(setting("db.tx_log.rotation.retention_policy")).isEqualTo(properties.txLogRetention());
        // Neo4j shows sizes as "8.00MiB".
        assertThat(setting("db.tx_log.rotation.size"))
                .isEqualTo(String.format(Locale.ROOT, "%.2fMiB", properties.txLogRotationSize().toBytes() / 1048576.0));
    }
}
