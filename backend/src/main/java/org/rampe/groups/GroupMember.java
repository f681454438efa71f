package org.rampe.groups;

/** A member as the group's member lists show them (requests and invitations have no role). */
record GroupMember(String id, String handle, String displayName, String role) {
}
