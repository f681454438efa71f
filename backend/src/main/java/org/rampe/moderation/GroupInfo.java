package org.rampe.moderation;

/** A group as moderation pages name it. */
record GroupInfo(String id, String slug, String name, String kind, String rules, boolean publicAuditLog) {
}
