/**
 * The demo loaded by {@code --demo}: open-data places of Montpellier, three demo members and what
 * they do, through the services members use. Depends on the features; none of them knows about it.
 */
@ApplicationModule(displayName = "Demo content", allowedDependencies = {"graph", "members", "places", "social", "groups", "associations", "messaging"})
package org.rampe.demo;

import org.springframework.modulith.ApplicationModule;
