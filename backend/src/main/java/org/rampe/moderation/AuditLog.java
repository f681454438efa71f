package org.rampe.moderation;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Service;

/** The audit logs as the moderation pages show them: a group's, or the site-wide one (see {@link AuditLogRepository}). */
@Service
class AuditLog {

    /**
     * One line of the log. {@code actorHandle} is null for the site itself and for an erased member
     * ({@code actorFormer}); {@code groupName} null for site-wide entries.
     */
    record Entry(String id, ZonedDateTime at, String action, String reason, String targetKind, String targetId,
                 String summary, String actorHandle, String actorName, String groupId, String groupName, boolean actorFormer) {

        public String atIso() {
            return at.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime().toString();
        }
    }

    private final AuditLogRepository repository;

    AuditLog(AuditLogRepository repository) {
        this.repository = repository;
    }

    /** A group's log (group given) or every entry, site-wide and groups' (group null, for administrators); newest first. */
    List<Entry> entries(String group, int limit) {
        return repository.entries(group, limit);
    }

    /** Plain words naming a target for the log: its kind and the member concerned, if any (no reporter, no content). */
    static String summary(String targetKind, String concernedHandle) {
        return concernedHandle == null ? targetKind : targetKind + " @" + concernedHandle;
    }
}
