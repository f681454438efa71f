package org.rampe.associations;

/** A member who speaks for an association on Rampe (edits its page, adds or removes representatives). */
record Representative(String id, String handle, String displayName) {
}
