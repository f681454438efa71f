package org.rampe.graph;

import java.net.URI;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded database unless {@code spring.neo4j.uri} names a server. User configuration
 * is read before Boot's Neo4j auto-configuration, whose own connection details then step aside.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.neo4j.uri:}'.isBlank()")
class EmbeddedGraphConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedGraph embeddedGraph(GraphProperties properties) {
        return EmbeddedGraph.start(properties.dataDir(), properties.boltHost(), properties.boltPort(),
                properties.pageCache().toBytes(), properties.txLogs());
    }

    @Bean
    Neo4jConnectionDetails embeddedGraphConnection(EmbeddedGraph graph) {
        return new Neo4jConnectionDetails() {
            @Override
            public URI getUri() {
                return graph.boltUri();
            }

            @Override
            public AuthToken getAuthToken() {
                return AuthTokens.basic(EmbeddedGraph.USER, graph.password());
            }
        };
    }
}
