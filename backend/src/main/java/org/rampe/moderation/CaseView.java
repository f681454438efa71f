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
 * @param snapshots  what the reports saw, the oldest first: one per version reported (issue 17)
 * @param postImages the text alternatives of the reported post's images now, in order
 */
record CaseView(String id, String kind, String targetId, String text, String authorHandle, String authorName,
                String postId, String groupId, String groupName, String moderation, boolean locked,
                boolean autoHidden, boolean edited, long reportCount, ZonedDateTime lastAt, List<Report> reports,
                CaseImage image, boolean imageGone, boolean targetGone, List<Snapshot> snapshots, List<String> postImages) {

    /**
     * One member's report of the case; {@code reporterHandle} is empty for a former member's report,
     * null when the viewer may not know who reported (a group moderator: issue 17).
     */
    record Report(String reporterHandle, String reason, String text, ZonedDateTime at) {

        public boolean anonymous() {
            return reporterHandle == null;
        }
    }

    /**
     * The image of a reported message, served to the case's moderators at {@code /moderation/cases/{id}/image.jpg};
     * or a snapshot's copy, at {@code /moderation/cases/{id}/snapshots/{image}.jpg}.
     */
    record CaseImage(String id, String alt, int width, int height, int position) {
    }

    /**
     * The reported target as one or more reports saw it (issue 17): {@code at} the first of them,
     * {@code lastAt} the latest, {@code reports} how many; {@code erased} when its text and images
     * went with their author's account.
     */
    record Snapshot(String id, ZonedDateTime at, ZonedDateTime lastAt, long reports, String text, boolean erased,
                    List<CaseImage> images) {

        public String atIso() {
            return iso(at);
        }
    }

    /** The case without its reporters' names, as a group's moderators see it. */
    CaseView withoutReporters() {
        return new CaseView(id, kind, targetId, text, authorHandle, authorName, postId, groupId, groupName, moderation, locked,
                autoHidden, edited, reportCount, lastAt,
                reports.stream().map(r -> new Report(null, r.reason(), r.text(), r.at())).toList(),
                image, imageGone, targetGone, snapshots, postImages);
    }

    private static String iso(ZonedDateTime t) {
        return t.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toOffsetDateTime().toString();
    }

    public boolean content() {
        return TargetKind.isContent(kind);
    }

    public String lastIso() {
        return iso(lastAt);
    }

    /** The actions that apply to this case's target (their keys, as the queue's form sends them). */
    public List<String> actions(boolean admin) {
        return Arrays.stream(Action.values()).filter(a -> a.appliesTo(kind, groupId != null, authorHandle != null, admin))
                .map(Action::key).toList();
    }
}
