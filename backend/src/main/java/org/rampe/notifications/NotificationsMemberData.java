package org.rampe.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.neo4j.driver.Value;
import org.rampe.members.Erasure;
import org.rampe.members.MemberArchive;
import org.rampe.members.MemberData;
import org.springframework.stereotype.Component;

/**
 * A member's notifications ({@code UNREAD}, {@code SEEN}) and their part in others' ({@code BY}).
 * Archive: {@code notifications.json}. Erasure: theirs go; they leave the ones they caused for
 * others, which go when nobody else caused them.
 */
@Component
class NotificationsMemberData implements MemberData {

    private final MemberNotificationsRepository repository;

    NotificationsMemberData(MemberNotificationsRepository repository) {
        this.repository = repository;
    }

    @Override
    public Coverage covers() {
        return new Coverage("notifications",
                Set.of("UNREAD", "SEEN", "BY"),
                Set.of());
    }

    record Named(String id, String name) {
    }

    record NotificationItem(String id, String kind, Instant at, boolean read, List<String> by, String postId,
                            String commentId, Named group, Named association, String decisionId) {
    }

    @Override
    public void export(MemberArchive archive) {
        archive.json("notifications.json", json -> json.field("format", 1).array("notifications", items ->
                repository.each(archive.member().value(), r -> items.add(new NotificationItem(r.get("id").asString(),
                        r.get("kind").asString(), instant(r.get("at")), r.get("read").asBoolean(),
                        r.get("by").asList(Value::asString), r.get("postId").asString(null), r.get("commentId").asString(null),
                        named(r.get("grp")), named(r.get("association")), r.get("decisionId").asString(null))))));
    }

    private static Named named(Value v) {
        return v.isNull() ? null : new Named(v.get("id").asString(), v.get("name").asString(""));
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }

    @Override
    public void erase(Erasure erasure) {
        String member = erasure.member().value();
        while (repository.removeReceived(member) > 0) {
            // next batch
        }
        while (repository.removeCaused(member) > 0) {
            // next batch
        }
    }
}
