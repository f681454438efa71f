package org.rampe.places;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Members' reports about places and the simple moderation queue of them, for administrators: open
 * reports, the most reported places first, then the newest. (The moderation feature will grow
 * this into queues per group, sanctions and appeals.)
 */
@Service
class PlaceReports {

    /** Why a member reports a place; the key is stored and names the message. */
    enum Reason {
        CLOSED, WRONG_DATA, ABUSE;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The keys, in the order the form offers them. */
        static List<String> keys() {
            return Arrays.stream(values()).map(Reason::key).toList();
        }

        static Optional<Reason> fromKey(String key) {
            return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
        }
    }

    /** How an administrator resolves a report; the key is stored and names the message. */
    enum Outcome {
        DISMISSED, FIXED, CLOSED_PLACE;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The keys, in the order the queue offers them. */
        static List<String> keys() {
            return Arrays.stream(values()).map(Outcome::key).toList();
        }

        static Optional<Outcome> fromKey(String key) {
            return Arrays.stream(values()).filter(o -> o.key().equals(key)).findFirst();
        }
    }

    record OpenReport(String id, String placeId, String placeName, String reason, String text, String reporterHandle,
                      Instant createdAt, long reportsOnPlace) {
    }

    private final PlaceReportRepository repository;

    PlaceReports(PlaceReportRepository repository) {
        this.repository = repository;
    }

    /** A member's report about a place; reporting the same again updates the open report's text. */
    void report(PlaceId place, String memberId, Reason reason, String text) {
        repository.report(place, memberId, reason.key(), text == null ? "" : text.strip());
    }

    List<OpenReport> open(int limit) {
        return repository.open(limit);
    }

    /**
     * Closes the report with the outcome, who decided and when; {@link Outcome#CLOSED_PLACE} also
     * marks the place closed, which takes its open and fit labels away (searches no longer find it).
     * False when there is no such open report.
     */
    boolean resolve(String reportId, String adminId, Outcome outcome) {
        return repository.resolve(reportId, adminId, outcome.key());
    }
}
