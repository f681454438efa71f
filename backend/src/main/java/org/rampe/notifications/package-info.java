/**
 * What members are told about: replies, mentions, reactions, follows, group and association events,
 * moderation decisions; the unread count in the header.
 */
@ApplicationModule(displayName = "Notifications", allowedDependencies = {"graph", "site", "members", "social", "groups", "associations"})
package org.rampe.notifications;

import org.springframework.modulith.ApplicationModule;
