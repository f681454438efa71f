package org.rampe.messaging;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as one participant opens it. {@code sendRefusal} is the message key saying why
 * the viewer cannot write in it now (blocked in a direct conversation, muted in the group), null
 * when they can. {@code participants} are the current ones (a group chat's are the group's members).
 */
record ConversationView(String id, String kind, String title, String groupId, String groupSlug,
        String groupName, Instant createdAt, long lastSeq, long readSeq, boolean muted, String sendRefusal,
        List<Participant> participants) {

    /** A participant and how far they have read ({@code readSeq}; 0 when they never opened it). */
    public record Participant(String id, String handle, String name, long readSeq, boolean readReceipts) {
    }

    public boolean direct() {
        return "direct".equals(kind);
    }

    public boolean group() {
        return "group".equals(kind);
    }

    /** The title {@code viewer} sees: its own, the group's name, or the names of the other participants. */
    String titleFor(String viewer) {
        if (title != null && !title.isBlank()) {
            return title;
        }
        List<String> names = participants.stream().filter(p -> !p.id().equals(viewer)).map(Participant::name).toList();
        return names.isEmpty() ? "—" : String.join(", ", names);
    }
}
