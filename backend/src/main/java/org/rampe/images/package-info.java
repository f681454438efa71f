/**
 * Uploads checked by their bytes, size-limited and re-encoded to JPEG without metadata, kept in an
 * image store keyed by id, and answered with one caching policy. Decoding runs within the site's
 * capacity for decodes (ImageDecodes). The features decide who may see
 * which image.
 */
@ApplicationModule(displayName = "Images: stored, cleaned JPEG files", allowedDependencies = {"graph", "site"})
package org.rampe.images;

import org.springframework.modulith.ApplicationModule;
