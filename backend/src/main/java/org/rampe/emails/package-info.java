/**
 * Mails that reach a member who is not on the site: what each member chooses per kind (none, at
 * once, or a daily digest), the immediate mails and the daily digest made from the other modules'
 * events, one mail per conversation while a member is away, the one-click unsubscribe (RFC 8058),
 * and the alert to moderators when someone may be at risk of self-harm.
 */
@ApplicationModule(displayName = "Notification emails: choices, immediate mails, daily digests",
        allowedDependencies = {"graph", "site", "mail", "members", "social", "groups", "notifications", "moderation", "messaging"})
package org.rampe.emails;

import org.springframework.modulith.ApplicationModule;
