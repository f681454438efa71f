package org.rampe.groups;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * Who belongs to a group and how: {@code MEMBER_OF {role, since}}, {@code REQUESTED_JOIN},
 * {@code INVITED_TO}, never while a ban ({@code BANNED_FROM}, written by moderation) is in force.
 * Every change checks its conditions in the same transaction that makes it.
 */
@Repository
class MembershipRepository {

    private static final String IN_FORCE = GroupRepository.IN_FORCE;

    /** The outcome of leaving. */
    enum Outcome { DONE, REFUSED, LAST_OWNER }

    private final Graph graph;

    MembershipRepository(Graph graph) {
        this.graph = graph;
    }

    /** Joins a public group (or any group the member is invited to); not while banned. */
    boolean join(String groupId, String memberId, boolean byInvitation) {
        return changed("""
                MATCH (m:Member {id: $member}), (g:Group {id: $group})
                WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(g) }
                  AND NOT EXISTS { (m)-[s:BANNED_FROM]->(g) WHERE %s }
                  AND CASE WHEN $invitation THEN EXISTS { (m)-[:INVITED_TO]->(g) } ELSE g.kind = 'public' END
                OPTIONAL MATCH (m)-[old:REQUESTED_JOIN|INVITED_TO]->(g)
                DELETE old
                WITH DISTINCT m, g
                CREATE (m)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                RETURN count(*) AS n""".formatted(IN_FORCE),
                Map.of("member", memberId, "group", groupId, "invitation", byInvitation));
    }

    /** Asks to join a private group; not while banned, not twice. */
    boolean request(String groupId, String memberId) {
        return changed("""
                MATCH (m:Member {id: $member}), (g:Group {id: $group, kind: 'private'})
                WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(g) } AND NOT EXISTS { (m)-[:REQUESTED_JOIN]->(g) }
                  AND NOT EXISTS { (m)-[s:BANNED_FROM]->(g) WHERE %s }
                CREATE (m)-[:REQUESTED_JOIN {at: datetime()}]->(g)
                RETURN count(*) AS n""".formatted(IN_FORCE), Map.of("member", memberId, "group", groupId));
    }

    /** Withdraws one's own request. */
    void withdraw(String groupId, String memberId) {
        graph.write("MATCH (:Member {id: $member})-[q:REQUESTED_JOIN]->(:Group {id: $group}) DELETE q",
                Map.of("member", memberId, "group", groupId));
    }

    /** Approves a pending request (the requester becomes a member unless banned meanwhile). */
    boolean approve(String groupId, String memberId) {
        return changed("""
                MATCH (m:Member {id: $member})-[q:REQUESTED_JOIN]->(g:Group {id: $group})
                DELETE q
                WITH m, g
                WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(g) } AND NOT EXISTS { (m)-[s:BANNED_FROM]->(g) WHERE %s }
                OPTIONAL MATCH (m)-[i:INVITED_TO]->(g)
                DELETE i
                WITH DISTINCT m, g
                CREATE (m)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                RETURN count(*) AS n""".formatted(IN_FORCE), Map.of("member", memberId, "group", groupId));
    }

    /** Refuses a pending request. */
    boolean refuse(String groupId, String memberId) {
        return changed("""
                MATCH (:Member {id: $member})-[q:REQUESTED_JOIN]->(:Group {id: $group})
                DELETE q RETURN count(*) AS n""", Map.of("member", memberId, "group", groupId));
    }

    /**
     * Invites the member with this handle: not a member already, not banned, no block between
     * them and the inviter. Returns the invited member's id.
     */
    Optional<String> invite(String groupId, String handle, String by) {
        return graph.writeOne("""
                MATCH (m:Member {handle: $handle}), (g:Group {id: $group}), (by:Member {id: $by})
                WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(g) } AND NOT EXISTS { (m)-[s:BANNED_FROM]->(g) WHERE %s }
                  AND NOT EXISTS { (m)-[:BLOCKS]-(by) }
                MERGE (m)-[i:INVITED_TO]->(g)
                SET i.at = datetime(), i.by = $by
                RETURN m.id AS id""".formatted(IN_FORCE), Map.of("handle", handle, "group", groupId, "by", by),
                r -> r.get("id").asString());
    }

    /** Declines (or a moderator withdraws) an invitation. */
    boolean uninvite(String groupId, String memberId) {
        return changed("""
                MATCH (:Member {id: $member})-[i:INVITED_TO]->(:Group {id: $group})
                DELETE i RETURN count(*) AS n""", Map.of("member", memberId, "group", groupId));
    }

    /** Leaves the group; the last owner cannot. */
    Outcome leave(String groupId, String memberId) {
        return graph.inWrite(tx -> {
            var rows = tx.run("""
                    MATCH (:Member {id: $member})-[r:MEMBER_OF]->(g:Group {id: $group})
                    RETURN r.role = 'owner' AND COUNT { (:Member)-[:MEMBER_OF {role: 'owner'}]->(g) } = 1 AS lastOwner""",
                    Map.of("member", memberId, "group", groupId)).list(r -> r.get("lastOwner").asBoolean());
            if (rows.isEmpty()) {
                return Outcome.REFUSED;
            }
            if (rows.getFirst()) {
                return Outcome.LAST_OWNER;
            }
            tx.run("MATCH (:Member {id: $member})-[r:MEMBER_OF]->(:Group {id: $group}) DELETE r",
                    Map.of("member", memberId, "group", groupId)).consume();
            return Outcome.DONE;
        });
    }

    /**
     * Gives a member who is not an owner the {@code role}, and writes the audit entry (AuditEntry
     * shape of the moderation model) in the same transaction. Returns the previous role, empty if
     * the target is not a member or is an owner.
     */
    Optional<String> setRole(String groupId, String memberId, GroupRole role, String actor, String summary) {
        return graph.inWrite(tx -> {
            var before = tx.run("""
                    MATCH (m:Member {id: $member})-[r:MEMBER_OF]->(g:Group {id: $group})
                    WHERE r.role <> 'owner'
                    WITH r, r.role AS before
                    SET r.role = $role
                    RETURN before""", Map.of("member", memberId, "group", groupId, "role", role.key()))
                    .list(r -> r.get("before").asString());
            if (before.isEmpty()) {
                return Optional.<String>empty();
            }
            if (!before.getFirst().equals(role.key())) {
                tx.run("""
                        MATCH (actor:Member {id: $actor}), (g:Group {id: $group})
                        CREATE (actor)-[:ACTED]->(e:AuditEntry {id: randomUUID(), at: datetime(), action: $action, reason: '',
                                                              targetKind: 'member', targetId: $member, summary: $summary})
                        CREATE (e)-[:IN_GROUP]->(g)""",
                        Map.of("actor", actor, "group", groupId, "action", role.action, "member", memberId, "summary", summary)).consume();
            }
            return Optional.of(before.getFirst());
        });
    }

    /** A member of the group, with their role. */
    Optional<GroupMember> member(String groupId, String memberId) {
        return graph.one("""
                MATCH (m:Member {id: $member})-[r:MEMBER_OF]->(:Group {id: $group})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS name, r.role AS role""",
                Map.of("member", memberId, "group", groupId), GroupListingRepository::person);
    }

    /** The moderators and owners of a group (who are told of join requests). */
    List<String> moderators(String groupId) {
        return graph.list("""
                MATCH (m:Member)-[r:MEMBER_OF]->(:Group {id: $group}) WHERE r.role IN ['owner', 'moderator']
                RETURN m.id AS id""", Map.of("group", groupId), r -> r.get("id").asString());
    }

    String handleOf(String memberId) {
        return graph.one("MATCH (m:Member {id: $id}) RETURN m.handle AS h", Map.of("id", memberId),
                r -> r.get("h").asString()).orElseThrow();
    }

    Optional<String> memberIdByHandle(String handle) {
        return graph.one("MATCH (m:Member {handle: $h}) RETURN m.id AS id", Map.of("h", handle), r -> r.get("id").asString());
    }

    /** A write whose {@code count(*) AS n} says whether it changed anything. */
    private boolean changed(String query, Map<String, Object> params) {
        return graph.writeOne(query, params, r -> r.get("n").asLong() > 0).orElse(false);
    }
}
