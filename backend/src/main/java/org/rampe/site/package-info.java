/**
 * The layout every page is drawn in: language (French first), display settings, who is signed in
 * ({@link org.rampe.site.Viewer}, the one principal type), the header counts, error pages, safe
 * redirects, malformed ids answered 404, and the map tiles setting. The features plug their counts
 * in through interfaces owned here.
 */
@ApplicationModule(displayName = "Site: the shell of every page", allowedDependencies = {"graph"})
package org.rampe.site;

import org.springframework.modulith.ApplicationModule;
