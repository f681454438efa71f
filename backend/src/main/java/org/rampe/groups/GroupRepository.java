package org.rampe.groups;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.rampe.site.Slugs;
import org.springframework.stereotype.Repository;

/**
 * Groups in the graph (graph-schema README, "Groups"): {@code (:Group)}, its owner through
 * {@code OWNS_GROUP}, its posts ({@code IN_GROUP}), and what the viewer is to it, with the
 * sanctions written by moderation ({@code MUTED_IN}, {@code BANNED_FROM}) read here. Membership
 * changes are {@link MembershipRepository}'s, lists {@link GroupListingRepository}'s. Every change
 * checks its conditions in the same transaction that makes it.
 */
@Repository
class GroupRepository {

    static final ZoneId SHOWN_IN = ZoneId.of("Europe/Paris");
    static final int POSTS_PAGE = 20;

    /** A sanction {@code s} still in force ({@code until} null = for good). */
    static final String IN_FORCE = "(s.until IS NULL OR s.until > datetime())";

    private final Graph graph;

    GroupRepository(Graph graph) {
        this.graph = graph;
    }

    // ---------------------------------------------------------------- reading

    Optional<Group> bySlug(String slug, String viewer, boolean admin) {
        return graph.one("""
                MATCH (g:Group {slug: $slug})
                OPTIONAL MATCH (owner)-[:OWNS_GROUP]->(g)
                OPTIONAL MATCH (me:Member {id: $viewer})
                RETURN g {.*} AS g, CASE WHEN owner:Association THEN 'association' ELSE 'member' END AS ownerKind,
                       coalesce(owner.name, owner.displayName, owner.handle) AS ownerName,
                       coalesce(owner.slug, owner.handle) AS ownerKey,
                       COUNT { (:Member)-[:MEMBER_OF]->(g) } AS members,
                       CASE WHEN me IS NULL THEN null ELSE [(me)-[r:MEMBER_OF]->(g) | r.role][0] END AS role,
                       me IS NOT NULL AND EXISTS { (me)-[:REQUESTED_JOIN]->(g) } AS requested,
                       me IS NOT NULL AND EXISTS { (me)-[:INVITED_TO]->(g) } AS invited,
                       me IS NOT NULL AND EXISTS { (me)-[s:BANNED_FROM]->(g) WHERE %1$s } AS banned,
                       CASE WHEN me IS NULL THEN null
                            ELSE [(me)-[s:MUTED_IN]->(g) WHERE %1$s | coalesce(s.until, datetime('9999-12-31T00:00:00Z'))][0] END AS mutedUntil
                LIMIT 1""".formatted(IN_FORCE), Graph.params("slug", slug, "viewer", viewer), r -> group(r, viewer, admin));
    }

    private static Group group(Record r, String viewer, boolean admin) {
        Value g = r.get("g");
        return new Group(g.get("id").asString(), g.get("slug").asString(), g.get("name").asString(),
                g.get("description").asString(""), g.get("rules").asString(""), g.get("kind").asString(),
                shown(g.get("createdAt")), r.get("ownerKind").asString(), r.get("ownerName").asString(""),
                r.get("ownerKey").asString(""), r.get("members").asLong(),
                new Group.Viewer(viewer, r.get("role").asString(null), r.get("requested").asBoolean(),
                        r.get("invited").asBoolean(), r.get("banned").asBoolean(),
                        r.get("mutedUntil").isNull() ? null : shown(r.get("mutedUntil")), admin),
                g.get("publicAuditLog").asBoolean(false), !g.get("archivedAt").isNull());
    }

    /** Ids of the group's posts, newest first, before the cursor; one more than a page, to know if there are older ones. */
    List<String> postIds(String groupId, ZonedDateTime at, String after) {
        return graph.list("""
                MATCH (:Group {id: $group})<-[:IN_GROUP]-(p:Post)
                WHERE $at IS NULL OR p.createdAt < $at OR (p.createdAt = $at AND p.id < $after)
                RETURN p.id AS id
                ORDER BY p.createdAt DESC, p.id DESC
                LIMIT $limit""", Graph.params("group", groupId, "at", at, "after", after, "limit", POSTS_PAGE + 1),
                r -> r.get("id").asString());
    }

    /** An association the member represents, for the "owned by" choice. */
    record Association(String id, String name) {
    }

    List<Association> represented(String memberId) {
        return graph.list("""
                MATCH (:Member {id: $member})-[:REPRESENTS]->(a:Association)
                RETURN a.id AS id, a.name AS name ORDER BY toLower(a.name)""", Map.of("member", memberId),
                r -> new Association(r.get("id").asString(), r.get("name").asString("")));
    }

    /** The name and rules of the group a post is in, if any (for the report form). */
    Optional<GroupRules> rulesOfPost(String postId) {
        return graph.one("""
                MATCH (:Post {id: $post})-[:IN_GROUP]->(g:Group)
                RETURN g.id AS id, g.slug AS slug, g.name AS name, g.rules AS rules, g.kind AS kind""",
                Map.of("post", postId), GroupRepository::rules);
    }

    Optional<GroupRules> rulesOfGroup(String groupId) {
        return graph.one("""
                MATCH (g:Group {id: $group})
                RETURN g.id AS id, g.slug AS slug, g.name AS name, g.rules AS rules, g.kind AS kind""",
                Map.of("group", groupId), GroupRepository::rules);
    }

    private static GroupRules rules(Record r) {
        return new GroupRules(r.get("id").asString(), r.get("slug").asString(), r.get("name").asString(),
                r.get("rules").asString(""), r.get("kind").asString());
    }

    // ---------------------------------------------------------------- writing

    /**
     * Creates the group with its creator as owner member; owned by the creator, or by the
     * association given if the creator represents it (else nothing is created: empty). Returns
     * the new group's slug.
     */
    Optional<String> create(String creator, String associationId, GroupDraft draft) {
        String id = UUID.randomUUID().toString();
        String base = GroupNames.slugOf(draft.name());
        return graph.inWrite(tx -> {
            if (associationId != null && !tx.run("""
                    RETURN EXISTS { (:Member {id: $member})-[:REPRESENTS]->(:Association {id: $association}) } AS ok""",
                    Map.of("member", creator, "association", associationId)).single().get("ok").asBoolean()) {
                return Optional.<String>empty();
            }
            String slug = freeSlug(tx, base);
            tx.run("""
                    MATCH (m:Member {id: $member})
                    CREATE (g:Group {id: $id, slug: $slug, name: $name, searchName: $searchName, description: $description,
                                     rules: $rules, kind: $kind, publicAuditLog: false, createdAt: datetime()})
                    CREATE (m)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g)
                    WITH m, g
                    OPTIONAL MATCH (a:Association {id: $association})
                    WITH m, g, coalesce(a, m) AS owner
                    CREATE (owner)-[:OWNS_GROUP]->(g)""", Graph.params("id", id, "slug", slug, "name", draft.name(),
                    "searchName", GroupNames.fold(draft.name()), "description", draft.description(), "rules", draft.rules(),
                    "kind", draft.kind(), "member", creator, "association", associationId)).consume();
            return Optional.of(slug);
        });
    }

    private static String freeSlug(TransactionContext tx, String base) {
        return Slugs.firstFree(base, tx.run("MATCH (g:Group) WHERE g.slug = $base OR g.slug STARTS WITH $prefix RETURN g.slug AS s",
                Map.of("base", base, "prefix", base + "-")).list(r -> r.get("s").asString()));
    }

    /**
     * Changes the group's name (and its folded search name), description and rules, and writes the
     * audit entry {@code edit_group} (AuditEntry shape of the moderation model) in the same transaction.
     */
    void edit(String groupId, GroupDraft draft, String actor, String summary) {
        graph.write("""
                MATCH (actor:Member {id: $actor}), (g:Group {id: $group})
                SET g.name = $name, g.searchName = $searchName, g.description = $description, g.rules = $rules
                CREATE (actor)-[:ACTED]->(e:AuditEntry {id: randomUUID(), at: datetime(), action: 'edit_group', reason: '',
                                                      targetKind: 'group', targetId: g.id, summary: $summary})
                CREATE (e)-[:IN_GROUP]->(g)""", Graph.params("group", groupId, "actor", actor, "name", draft.name(),
                "searchName", GroupNames.fold(draft.name()), "description", draft.description(), "rules", draft.rules(),
                "summary", summary));
    }

    /** Shows or hides the public summary of the group's moderation log, with its audit entry. */
    void setPublicAuditLog(String groupId, boolean on, String actor) {
        graph.write("""
                MATCH (actor:Member {id: $actor}), (g:Group {id: $group})
                SET g.publicAuditLog = $on
                CREATE (actor)-[:ACTED]->(e:AuditEntry {id: randomUUID(), at: datetime(), action: $action, reason: '',
                                                      targetKind: 'group', targetId: g.id, summary: g.name})
                CREATE (e)-[:IN_GROUP]->(g)""", Map.of("actor", actor, "group", groupId, "on", on,
                "action", on ? "publish_audit_log" : "unpublish_audit_log"));
    }

    private static ZonedDateTime shown(Value datetime) {
        return datetime.asZonedDateTime().withZoneSameInstant(SHOWN_IN);
    }
}
