package org.rampe.groups;

/** A line of a group listing; {@code role} is the viewer's in the group, null when not a member. */
record GroupSummary(String slug, String name, String description, String kind, long members, String role) {
}
