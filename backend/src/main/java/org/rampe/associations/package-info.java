/**
 * Association pages, their representatives and logos, and their verification by an administrator.
 */
@ApplicationModule(displayName = "Associations: verified organisation pages", allowedDependencies = {"graph", "site", "images", "members"})
package org.rampe.associations;

import org.springframework.modulith.ApplicationModule;
