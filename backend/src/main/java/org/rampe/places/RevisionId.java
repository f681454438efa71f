package org.rampe.places;

import org.rampe.site.MalformedId;

/** A revision's application id: a UUID, in the revert pages' URLs (anything else is the 404 page). */
public record RevisionId(String value) {

    public RevisionId {
        value = MalformedId.canonicalUuid(value, "revision");
    }

    @Override
    public String toString() {
        return value;
    }
}
