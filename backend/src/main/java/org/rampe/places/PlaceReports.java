package org.rampe.places;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

/**
 * Members' reports about places and the simple moderation queue of them, for administrators: open
 * reports, the most reported places first, then the newest. (The moderation feature will grow
 * this into queues per group, sanctions and appeals.)
 */
@Service
class PlaceReports {

    record OpenReport(String id, String placeId, String placeName, String reason, String text, String reporterHandle,
                      Instant createdAt, long reportsOnPlace) {
    }

    static final List<String> REASONS = List.of("closed", "wrong_data", "abuse");

    static final List<String> OUTCOMES = List.of("dismissed", "fixed", "closed_place");

    private final PlaceReportRepository repository;

    PlaceReports(PlaceReportRepository repository) {
        this.repository = repository;
    }

    /** A member's report about a place; reporting the same again updates the open report's text. */
    void report(PlaceId place, String memberId, String reason, String text) {
        repository.report(place, memberId, reason, text == null ? "" : text.strip());
    }

    List<OpenReport> open(int limit) {
        return repository.open(limit);
    }

    /**
     * Closes the report with the outcome, who decided and when; "closed_place" also marks the place
     * closed, which takes its open and fit labels away (searches no longer find it). False when
     * there is no such open report.
     */
    boolean resolve(String reportId, String adminId, String outcome) {
        return repository.resolve(reportId, adminId, outcome);
    }
}
