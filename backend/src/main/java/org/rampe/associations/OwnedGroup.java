package org.rampe.associations;

/**
 * A group the association owns, as its page lists it: read from
 * {@code (:Association)-[:OWNS_GROUP]->(:Group)} (the groups feature writes it); hidden groups are
 * never listed here.
 */
record OwnedGroup(String slug, String name, String kind) {
}
