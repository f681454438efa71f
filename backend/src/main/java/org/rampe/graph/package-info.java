/**
 * The Neo4j DBMS embedded in the process (or an external one by URI), the driver the features talk
 * to it through ({@link org.rampe.graph.Graph}), and the schema migrations applied at start. Knows
 * nothing of the features.
 */
@ApplicationModule(displayName = "Graph: the database", allowedDependencies = {})
package org.rampe.graph;

import org.springframework.modulith.ApplicationModule;
