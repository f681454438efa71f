package org.rampe.moderation;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * An open case as a queue shows it: the content in context, its reports, the newest first.
 *
 * @param image     the reported message's image while it still exists, or null
 * @param imageGone the reported message carried an image that was removed since (the message deleted)
 * @param targetGone the reported content or member is gone since (deleted by its author, or erased with its account)
 */
record CaseView(String id, String kind, String targetId, String text, String authorHandle, String authorName,
                String postId, String groupId, String groupName, String moderation, boolean locked,
                boolean autoHidden, boolean edited, long reportCount, ZonedDateTime lastAt, List<Report> reports,
                CaseImage image, boolean imageGone, boolean targetGone) {

    /** One member's report of the case. */
    record Report(String reporterHandle, String reason, String text, ZonedDateTime at) {
    }

    /** The image of a reported message, served to the case's moderators at {@code /moderation/cases/{id}/image.jpg}. */
    record CaseImage(String id, String alt, int width, int height) {
    }

    public boolean content() {
        return TargetKind.isContent(kind);
    }

    public String lastIso() {
        return lastAt.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime().toString();
    }

    /** The actions that apply to this case's target (their keys, as the queue's form sends them). */
    public List<String> actions(boolean admin) {
        return Arrays.stream(Action.values()).filter(a -> a.appliesTo(kind, groupId != null, authorHandle != null, admin))
                .map(Action::key).toList();
    }
}
