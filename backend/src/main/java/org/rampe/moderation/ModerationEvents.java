package org.rampe.moderation;

/**
 * What moderation does that other features follow (notification emails), published after the
 * commit. Ids are application ids (UUID strings). None carries the content of a report or of a
 * decision: a listener that needs more links to the page that shows it to who may read it.
 */
public final class ModerationEvents {

    private ModerationEvents() {
    }

    /** A decision other than a dismissal concerns {@code concerned} (told in their notifications too). */
    public record DecisionTaken(String decision, String concerned) {
    }

    /** The appeal of {@code concerned} against {@code decision} was reviewed (upheld or overturned). */
    public record AppealReviewed(String decision, String concerned) {
    }

    /**
     * {@code reporter} made a new report on the case {@code caseId} for {@code reason} (a key of the
     * report form: {@code self_harm}, {@code spam}…). The case waits in the queue of {@code group},
     * or in the site-wide queue of the administrators when {@code group} is null.
     */
    public record ReportFiled(String caseId, String reporter, String reason, String group) {

        /** The reason that must reach the people who handle the queue at once (issue 15). */
        public boolean selfHarm() {
            return Reason.SELF_HARM.key().equals(reason);
        }
    }
}
