package org.rampe.social;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import org.neo4j.driver.Value;

/** Dates as pages print them, for people and for machines. */
final class Times {

    /** Dates are stored in UTC and shown in the time of the site's community. */
    static final ZoneId SHOWN_IN = ZoneId.of("Europe/Paris");

    private Times() {
    }

    /** A stored date and time as pages show it. */
    static ZonedDateTime shown(Value datetime) {
        return datetime.asZonedDateTime().withZoneSameInstant(SHOWN_IN);
    }

    /** A valid HTML global date and time: {@code 2026-11-28T15:04:05Z}. */
    static String iso(ZonedDateTime at) {
        return at.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
