/**
 * Groups, their roles (owner, moderator, member), joining, requests and invitations, group posts
 * and rules.
 */
@ApplicationModule(displayName = "Groups: public, private and hidden groups", allowedDependencies = {"graph", "site", "members", "social"})
package org.rampe.groups;

import org.springframework.modulith.ApplicationModule;
