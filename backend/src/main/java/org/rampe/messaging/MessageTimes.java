package org.rampe.messaging;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

/**
 * Message times for templates ({@code @messageTimes}): stored in UTC, shown in the community's time
 * (as posts), and as a valid {@code <time datetime>} for machines. A bean rather than model values,
 * so that the message fragment renders the same in a page and anywhere else.
 */
@Component("messageTimes")
class MessageTimes {

    static final ZoneId SHOWN_IN = ZoneId.of("Europe/Paris");

    public ZonedDateTime local(Instant at) {
        return at == null ? null : at.atZone(SHOWN_IN);
    }

    public String iso(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Whether the time is today where the community lives (the list then shows the hour only). */
    public boolean today(Instant at) {
        return at != null && at.atZone(SHOWN_IN).toLocalDate().equals(ZonedDateTime.now(SHOWN_IN).toLocalDate());
    }
}
