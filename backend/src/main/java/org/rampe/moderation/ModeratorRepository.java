package org.rampe.moderation;

import static org.rampe.graph.Graph.params;

import java.util.Optional;

import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/** Who moderates or owns which group ({@code MEMBER_OF} roles and {@code OWNS_GROUP}, written by the groups feature). */
@Repository
class ModeratorRepository {

    private final Graph graph;

    ModeratorRepository(Graph graph) {
        this.graph = graph;
    }

    /** Whether the member is a moderator or the owner of the group ({@code MEMBER_OF} role). */
    boolean moderates(String member, String group) {
        return graph.exists("""
                RETURN EXISTS { MATCH (:Member {id: $m})-[r:MEMBER_OF]->(:Group {id: $g}) WHERE r.role IN ['moderator', 'owner'] } AS ok""",
                params("m", member, "g", group));
    }

    boolean ownsGroup(String member, String group) {
        return graph.exists("""
                RETURN EXISTS { MATCH (:Member {id: $m})-[r:MEMBER_OF {role: 'owner'}]->(:Group {id: $g}) }
                    OR EXISTS { MATCH (:Member {id: $m})-[:OWNS_GROUP]->(:Group {id: $g}) } AS owns""",
                params("m", member, "g", group));
    }

    /** The group, if {@code viewer} may know it exists (not hidden, or a member). */
    Optional<GroupInfo> group(String id, String viewer, boolean admin) {
        return graph.one("""
                MATCH (g:Group {id: $id})
                WHERE $admin OR g.kind <> 'hidden' OR EXISTS { MATCH (:Member {id: $viewer})-[:MEMBER_OF]->(g) }
                RETURN g {.id, .slug, .name, .kind, .rules, .publicAuditLog} AS g""",
                params("id", id, "viewer", viewer, "admin", admin), r -> {
            var g = r.get("g");
            return new GroupInfo(g.get("id").asString(), g.get("slug").asString(""), g.get("name").asString(""),
                    g.get("kind").asString("public"), g.get("rules").asString(""), g.get("publicAuditLog").asBoolean(false));
        });
    }
}
