package org.rampe.notifications;

/**
 * Who may be told of what another member did, as a Cypher predicate for other modules' queries
 * (notification emails follow the same rule as notifications): never oneself, never across a block
 * either way, never from a member the recipient muted, never to the former member (the stand-in of
 * erased members' kept posts: comments and reactions on those posts tell nobody).
 */
public final class NotificationRule {

    private NotificationRule() {
    }

    /**
     * The predicate with the caller's variable names, both bound to {@code :Member} nodes:
     * {@code MATCH (to:Member {id: $to}), (by:Member {id: $by}) WHERE %s}.
     */
    public static String mayTell(String to, String by) {
        return "%1$s <> %2$s AND NOT %1$s:Former AND NOT EXISTS { (%1$s)-[:BLOCKS]-(%2$s) } AND NOT EXISTS { (%1$s)-[:MUTES]->(%2$s) }"
                .formatted(to, by);
    }
}
