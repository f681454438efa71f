package org.rampe.places;

import java.util.List;

/** One source row checked: a place to import (maybe with dropped values), or the reason it cannot be. */
record ParsedRow(ImportedPlace place, String skipReason, List<String> warnings) {

    static ParsedRow ok(ImportedPlace place, List<String> warnings) {
        return new ParsedRow(place, null, List.copyOf(warnings));
    }

    static ParsedRow skip(String reason) {
        return new ParsedRow(null, reason, List.of());
    }

    boolean skipped() {
        return place == null;
    }
}
