/**
 * Direct, ad-hoc and group conversations over STOMP (and as plain pages without JavaScript):
 * storing before acknowledging, catch-up, read marks, typing, presence, the header pushes, and the
 * relay to an external broker when instances scale out.
 */
@ApplicationModule(displayName = "Messaging: live conversations", allowedDependencies = {"graph", "site", "images", "members", "social", "groups", "notifications", "moderation"})
package org.rampe.messaging;

import org.springframework.modulith.ApplicationModule;
