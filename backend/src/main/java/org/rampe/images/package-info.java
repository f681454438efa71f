/**
 * Uploads checked by their bytes, size-limited and re-encoded to JPEG without metadata, kept in an
 * image store keyed by id, and answered with one caching policy. The features decide who may see
 * which image.
 */
@ApplicationModule(displayName = "Images: stored, cleaned JPEG files", allowedDependencies = {"graph"})
package org.rampe.images;

import org.springframework.modulith.ApplicationModule;
