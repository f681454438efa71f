package org.rampe.members;

import java.time.Instant;

/**
 * A member's archive is ready to download (until {@code expiresAt}): for the modules above that
 * tell them (notifications). The archive itself is only ever served to that member.
 */
public record ArchiveReady(String memberId, String archiveId, Instant expiresAt) {
}
