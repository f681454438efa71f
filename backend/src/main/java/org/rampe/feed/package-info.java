/**
 * The home feed: the newest readable posts of followed members and joined groups, fanned out to
 * inboxes and keyset-paginated.
 */
@ApplicationModule(displayName = "Home feed", allowedDependencies = {"graph", "site", "members", "social", "groups"})
package org.rampe.feed;

import org.springframework.modulith.ApplicationModule;
