package org.rampe.groups;

import java.util.List;
import java.util.Map;

import org.neo4j.driver.Record;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * The lists of groups (the listing, the member's own groups and invitations) and of a group's
 * people (members, pending requests and invitations).
 */
@Repository
class GroupListingRepository {

    static final int LIST_LIMIT = 50;

    private final Graph graph;

    GroupListingRepository(Graph graph) {
        this.graph = graph;
    }

    /**
     * Groups whose folded name contains the folded query (all when blank), by name; hidden groups
     * only for their members. At most {@link #LIST_LIMIT}.
     */
    List<GroupSummary> list(String query, String viewer) {
        return graph.list("""
                OPTIONAL MATCH (me:Member {id: $viewer})
                MATCH (g:Group)
                WHERE (g.kind <> 'hidden' OR (me IS NOT NULL AND EXISTS { (me)-[:MEMBER_OF]->(g) }))
                  AND ($q = '' OR g.searchName CONTAINS $q)
                RETURN g.slug AS slug, g.name AS name, g.description AS description, g.kind AS kind,
                       COUNT { (:Member)-[:MEMBER_OF]->(g) } AS members,
                       CASE WHEN me IS NULL THEN null ELSE [(me)-[r:MEMBER_OF]->(g) | r.role][0] END AS role
                ORDER BY g.searchName, g.slug
                LIMIT $limit""", Graph.params("q", GroupNames.fold(query == null ? "" : query), "viewer", viewer,
                "limit", LIST_LIMIT), GroupListingRepository::summary);
    }

    /** The groups the member belongs to, by name. */
    List<GroupSummary> mine(String viewer) {
        return graph.list("""
                MATCH (me:Member {id: $viewer})-[r:MEMBER_OF]->(g:Group)
                RETURN g.slug AS slug, g.name AS name, g.description AS description, g.kind AS kind,
                       COUNT { (:Member)-[:MEMBER_OF]->(g) } AS members, r.role AS role
                ORDER BY g.searchName, g.slug""", Map.of("viewer", viewer), GroupListingRepository::summary);
    }

    /** The groups the member is invited to (hidden ones included: the invitation lets them see it). */
    List<GroupSummary> invitations(String viewer) {
        return graph.list("""
                MATCH (me:Member {id: $viewer})-[:INVITED_TO]->(g:Group)
                WHERE NOT EXISTS { (me)-[:MEMBER_OF]->(g) }
                RETURN g.slug AS slug, g.name AS name, g.description AS description, g.kind AS kind,
                       COUNT { (:Member)-[:MEMBER_OF]->(g) } AS members, null AS role
                ORDER BY g.searchName, g.slug""", Map.of("viewer", viewer), GroupListingRepository::summary);
    }

    private static GroupSummary summary(Record r) {
        return new GroupSummary(r.get("slug").asString(), r.get("name").asString(), r.get("description").asString(""),
                r.get("kind").asString(), r.get("members").asLong(), r.get("role").asString(null));
    }

    /** Members, owners first, then moderators, then by name. */
    List<GroupMember> members(String groupId) {
        return graph.list("""
                MATCH (m:Member)-[r:MEMBER_OF]->(:Group {id: $group})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS name, r.role AS role
                ORDER BY CASE r.role WHEN 'owner' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, toLower(m.displayName), m.handle
                LIMIT 500""", Map.of("group", groupId), GroupListingRepository::person);
    }

    /** Pending requests to join, oldest first. */
    List<GroupMember> requests(String groupId) {
        return graph.list("""
                MATCH (m:Member)-[q:REQUESTED_JOIN]->(:Group {id: $group})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS name, null AS role
                ORDER BY q.at""", Map.of("group", groupId), GroupListingRepository::person);
    }

    /** Pending invitations, oldest first. */
    List<GroupMember> invited(String groupId) {
        return graph.list("""
                MATCH (m:Member)-[i:INVITED_TO]->(:Group {id: $group})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS name, null AS role
                ORDER BY i.at""", Map.of("group", groupId), GroupListingRepository::person);
    }

    /** A member of a list, from a row of {@code id}, {@code handle}, {@code name} and {@code role}. */
    static GroupMember person(Record r) {
        return new GroupMember(r.get("id").asString(), r.get("handle").asString(),
                r.get("name").asString(r.get("handle").asString()), r.get("role").asString(null));
    }
}
