package org.rampe.social;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** Dates as pages print them for machines. */
final class Times {

    private Times() {
    }

    /** A valid HTML global date and time: {@code 2026-11-28T15:04:05Z}. */
    static String iso(ZonedDateTime at) {
        return at.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
