package org.rampe.demo;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/** Whether the demo was loaded: one {@code :DemoContent} node, so that a restart does not load it twice. */
@Repository
class DemoRepository {

    private final Graph graph;

    DemoRepository(Graph graph) {
        this.graph = graph;
    }

    boolean loaded() {
        return graph.exists("MATCH (d:DemoContent) RETURN count(d) > 0");
    }

    void markLoaded() {
        graph.write("MERGE (d:DemoContent {name: 'montpellier'}) ON CREATE SET d.loadedAt = datetime()");
    }
}
