/**
 * Reports and cases, the group and site queues, decisions (hide, remove, lock, mute, ban, suspend,
 * warn) told to the member in plain words with one appeal, suspensions, and the audit log.
 */
@ApplicationModule(displayName = "Moderation: reports, cases, decisions, appeals", allowedDependencies = {"graph", "site", "images", "members", "social"})
package org.rampe.moderation;

import org.springframework.modulith.ApplicationModule;
