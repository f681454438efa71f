package org.rampe.messaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Read receipts under the conversation: who has read the newest message shown, and for the
 * others (those showing receipts, not the viewer) the message they have read up to, when it is
 * on the page.
 */
record ReadReceipts(List<String> seenBy, List<ReadUpTo> behind) {

    record ReadUpTo(String name, MessageView message) {
    }

    static ReadReceipts of(ConversationView view, List<MessageView> messages, String viewer) {
        List<String> seen = new ArrayList<>();
        List<ReadUpTo> behind = new ArrayList<>();
        if (messages.isEmpty()) {
            return new ReadReceipts(seen, behind);
        }
        long newest = messages.getLast().seq();
        for (var p : view.participants()) {
            if (p.id().equals(viewer) || !p.readReceipts() || p.readSeq() <= 0) {
                continue;
            }
            if (p.readSeq() >= newest) {
                seen.add(p.name());
            } else {
                messages.stream().filter(m -> m.seq() <= p.readSeq()).reduce((a, b) -> b)
                        .ifPresent(m -> behind.add(new ReadUpTo(p.name(), m)));
            }
        }
        return new ReadReceipts(seen, behind);
    }
}
