package org.rampe.groups;

import java.text.Normalizer;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Transactions;
import org.springframework.stereotype.Repository;

/**
 * Groups in the graph (graph-schema README, "Groups"): {@code (:Group)}, its owner through
 * {@code OWNS_GROUP}, {@code MEMBER_OF {role, since}}, {@code REQUESTED_JOIN}, {@code INVITED_TO},
 * and the sanctions written by moderation ({@code MUTED_IN}, {@code BANNED_FROM}) read here.
 * Every change checks its conditions in the same transaction that makes it.
 */
@Repository
class GroupRepository {

    static final ZoneId SHOWN_IN = ZoneId.of("Europe/Paris");
    static final int LIST_LIMIT = 50;
    static final int POSTS_PAGE = 20;

    /** A sanction {@code s} still in force ({@code until} null = for good). */
    static final String IN_FORCE = "(s.until IS NULL OR s.until > datetime())";

    private final Driver driver;

    GroupRepository(Driver driver) {
        this.driver = driver;
    }

    // ---------------------------------------------------------------- reading

    Optional<Group> bySlug(String slug, String viewer, boolean admin) {
        Map<String, Object> params = new HashMap<>();
        params.put("slug", slug);
        params.put("viewer", viewer);
        return Transactions.read(driver, tx -> tx.run("""
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
                LIMIT 1""".formatted(IN_FORCE), params).list(r -> group(r, viewer, admin))).stream().findFirst();
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
                g.get("publicAuditLog").asBoolean(false));
    }

    /** A line of the group listing. */
    record Summary(String slug, String name, String description, String kind, long members, String role) {
    }

    /**
     * Groups whose folded name contains the folded query (all when blank), by name; hidden groups
     * only for their members. At most {@link #LIST_LIMIT}.
     */
    List<Summary> list(String query, String viewer) {
        Map<String, Object> params = new HashMap<>();
        params.put("q", fold(query == null ? "" : query));
        params.put("viewer", viewer);
        params.put("limit", LIST_LIMIT);
        return Transactions.read(driver, tx -> tx.run("""
                OPTIONAL MATCH (me:Member {id: $viewer})
                MATCH (g:Group)
                WHERE (g.kind <> 'hidden' OR (me IS NOT NULL AND EXISTS { (me)-[:MEMBER_OF]->(g) }))
                  AND ($q = '' OR g.searchName CONTAINS $q)
                RETURN g.slug AS slug, g.name AS name, g.description AS description, g.kind AS kind,
                       COUNT { (:Member)-[:MEMBER_OF]->(g) } AS members,
                       CASE WHEN me IS NULL THEN null ELSE [(me)-[r:MEMBER_OF]->(g) | r.role][0] END AS role
                ORDER BY g.searchName, g.slug
                LIMIT $limit""", params).list(GroupRepository::summary));
    }

    /** The groups the member belongs to, by name. */
    List<Summary> mine(String viewer) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (me:Member {id: $viewer})-[r:MEMBER_OF]->(g:Group)
                RETURN g.slug AS slug, g.name AS name, g.description AS description, g.kind AS kind,
                       COUNT { (:Member)-[:MEMBER_OF]->(g) } AS members, r.role AS role
                ORDER BY g.searchName, g.slug""", Map.of("viewer", viewer)).list(GroupRepository::summary));
    }

    /** The groups the member is invited to (hidden ones included: the invitation lets them see it). */
    List<Summary> invitations(String viewer) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (me:Member {id: $viewer})-[:INVITED_TO]->(g:Group)
                WHERE NOT EXISTS { (me)-[:MEMBER_OF]->(g) }
                RETURN g.slug AS slug, g.name AS name, g.description AS description, g.kind AS kind,
                       COUNT { (:Member)-[:MEMBER_OF]->(g) } AS members, null AS role
                ORDER BY g.searchName, g.slug""", Map.of("viewer", viewer)).list(GroupRepository::summary));
    }

    private static Summary summary(Record r) {
        return new Summary(r.get("slug").asString(), r.get("name").asString(), r.get("description").asString(""),
                r.get("kind").asString(), r.get("members").asLong(), r.get("role").asString(null));
    }

    /** A member of the group as the member list shows them. */
    record Person(String id, String handle, String displayName, String role) {
    }

    /** Members, owners first, then moderators, then by name. */
    List<Person> members(String groupId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (m:Member)-[r:MEMBER_OF]->(:Group {id: $group})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS name, r.role AS role
                ORDER BY CASE r.role WHEN 'owner' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, toLower(m.displayName), m.handle
                LIMIT 500""", Map.of("group", groupId)).list(GroupRepository::person));
    }

    /** Pending requests to join, oldest first. */
    List<Person> requests(String groupId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (m:Member)-[q:REQUESTED_JOIN]->(:Group {id: $group})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS name, null AS role
                ORDER BY q.at""", Map.of("group", groupId)).list(GroupRepository::person));
    }

    /** Pending invitations, oldest first. */
    List<Person> invited(String groupId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (m:Member)-[i:INVITED_TO]->(:Group {id: $group})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS name, null AS role
                ORDER BY i.at""", Map.of("group", groupId)).list(GroupRepository::person));
    }

    private static Person person(Record r) {
        return new Person(r.get("id").asString(), r.get("handle").asString(),
                r.get("name").asString(r.get("handle").asString()), r.get("role").asString(null));
    }

    /** Ids of the group's posts, newest first, before the cursor; one more than a page, to know if there are older ones. */
    List<String> postIds(String groupId, ZonedDateTime at, String after) {
        Map<String, Object> params = new HashMap<>();
        params.put("group", groupId);
        params.put("at", at);
        params.put("after", after);
        params.put("limit", POSTS_PAGE + 1);
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (:Group {id: $group})<-[:IN_GROUP]-(p:Post)
                WHERE $at IS NULL OR p.createdAt < $at OR (p.createdAt = $at AND p.id < $after)
                RETURN p.id AS id
                ORDER BY p.createdAt DESC, p.id DESC
                LIMIT $limit""", params).list(r -> r.get("id").asString()));
    }

    /** An association the member represents, for the "owned by" choice. */
    record Association(String id, String name) {
    }

    List<Association> represented(String memberId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (:Member {id: $member})-[:REPRESENTS]->(a:Association)
                RETURN a.id AS id, a.name AS name ORDER BY toLower(a.name)""", Map.of("member", memberId))
                .list(r -> new Association(r.get("id").asString(), r.get("name").asString(""))));
    }

    /** The name and rules of the group a post is in, if any (for the report form). */
    Optional<GroupRules> rulesOfPost(String postId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (:Post {id: $post})-[:IN_GROUP]->(g:Group)
                RETURN g.id AS id, g.slug AS slug, g.name AS name, g.rules AS rules, g.kind AS kind""",
                Map.of("post", postId)).list(GroupRepository::rules)).stream().findFirst();
    }

    Optional<GroupRules> rulesOfGroup(String groupId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (g:Group {id: $group})
                RETURN g.id AS id, g.slug AS slug, g.name AS name, g.rules AS rules, g.kind AS kind""",
                Map.of("group", groupId)).list(GroupRepository::rules)).stream().findFirst();
    }

    private static GroupRules rules(Record r) {
        return new GroupRules(r.get("id").asString(), r.get("slug").asString(), r.get("name").asString(),
                r.get("rules").asString(""), r.get("kind").asString());
    }

    // ---------------------------------------------------------------- writing

    /** What a group is made of, as the form sends it (normalised, checked). */
    record Draft(String name, String description, String rules, String kind) {
    }

    /**
     * Creates the group with its creator as owner member; owned by the creator, or by the
     * association given if the creator represents it (else nothing is created: empty).
     */
    Optional<String> create(String creator, String associationId, Draft draft) {
        String id = UUID.randomUUID().toString();
        String base = slugOf(draft.name());
        return Transactions.write(driver, tx -> {
            if (associationId != null && !tx.run("""
                    RETURN EXISTS { (:Member {id: $member})-[:REPRESENTS]->(:Association {id: $association}) } AS ok""",
                    Map.of("member", creator, "association", associationId)).single().get("ok").asBoolean()) {
                return Optional.<String>empty();
            }
            String slug = freeSlug(tx, base);
            Map<String, Object> params = new HashMap<>();
            params.put("id", id);
            params.put("slug", slug);
            params.put("name", draft.name());
            params.put("searchName", fold(draft.name()));
            params.put("description", draft.description());
            params.put("rules", draft.rules());
            params.put("kind", draft.kind());
            params.put("member", creator);
            params.put("association", associationId);
            tx.run("""
                    MATCH (m:Member {id: $member})
                    CREATE (g:Group {id: $id, slug: $slug, name: $name, searchName: $searchName, description: $description,
                                     rules: $rules, kind: $kind, publicAuditLog: false, createdAt: datetime()})
                    CREATE (m)-[:MEMBER_OF {role: 'owner', since: datetime()}]->(g)
                    WITH m, g
                    OPTIONAL MATCH (a:Association {id: $association})
                    WITH m, g, coalesce(a, m) AS owner
                    CREATE (owner)-[:OWNS_GROUP]->(g)""", params).consume();
            return Optional.of(slug);
        });
    }

    private static String freeSlug(TransactionContext tx, String base) {
        var taken = tx.run("MATCH (g:Group) WHERE g.slug = $base OR g.slug STARTS WITH $prefix RETURN g.slug AS s",
                Map.of("base", base, "prefix", base + "-")).list(r -> r.get("s").asString());
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /** The outcome of a membership change. */
    enum Outcome { DONE, REFUSED, LAST_OWNER }

    /** Joins a public group (or any group the member is invited to); not while banned. */
    boolean join(String groupId, String memberId, boolean byInvitation) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $member}), (g:Group {id: $group})
                WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(g) }
                  AND NOT EXISTS { (m)-[s:BANNED_FROM]->(g) WHERE %s }
                  AND CASE WHEN $invitation THEN EXISTS { (m)-[:INVITED_TO]->(g) } ELSE g.kind = 'public' END
                OPTIONAL MATCH (m)-[old:REQUESTED_JOIN|INVITED_TO]->(g)
                DELETE old
                WITH DISTINCT m, g
                CREATE (m)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                RETURN count(*) AS n""".formatted(IN_FORCE),
                Map.of("member", memberId, "group", groupId, "invitation", byInvitation)).single().get("n").asLong() > 0);
    }

    /** Asks to join a private group; not while banned, not twice. */
    boolean request(String groupId, String memberId) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $member}), (g:Group {id: $group, kind: 'private'})
                WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(g) } AND NOT EXISTS { (m)-[:REQUESTED_JOIN]->(g) }
                  AND NOT EXISTS { (m)-[s:BANNED_FROM]->(g) WHERE %s }
                CREATE (m)-[:REQUESTED_JOIN {at: datetime()}]->(g)
                RETURN count(*) AS n""".formatted(IN_FORCE), Map.of("member", memberId, "group", groupId))
                .single().get("n").asLong() > 0);
    }

    /** Withdraws one's own request. */
    void withdraw(String groupId, String memberId) {
        Transactions.write(driver, tx -> tx.run("MATCH (:Member {id: $member})-[q:REQUESTED_JOIN]->(:Group {id: $group}) DELETE q",
                Map.of("member", memberId, "group", groupId)).consume());
    }

    /** Approves a pending request (the requester becomes a member unless banned meanwhile). */
    boolean approve(String groupId, String memberId) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $member})-[q:REQUESTED_JOIN]->(g:Group {id: $group})
                DELETE q
                WITH m, g
                WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(g) } AND NOT EXISTS { (m)-[s:BANNED_FROM]->(g) WHERE %s }
                OPTIONAL MATCH (m)-[i:INVITED_TO]->(g)
                DELETE i
                WITH DISTINCT m, g
                CREATE (m)-[:MEMBER_OF {role: 'member', since: datetime()}]->(g)
                RETURN count(*) AS n""".formatted(IN_FORCE), Map.of("member", memberId, "group", groupId))
                .single().get("n").asLong() > 0);
    }

    /** Refuses a pending request. */
    boolean refuse(String groupId, String memberId) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (:Member {id: $member})-[q:REQUESTED_JOIN]->(:Group {id: $group})
                DELETE q RETURN count(*) AS n""", Map.of("member", memberId, "group", groupId)).single().get("n").asLong() > 0);
    }

    /**
     * Invites the member with this handle: not a member already, not banned, no block between
     * them and the inviter. Returns the invited member's id.
     */
    Optional<String> invite(String groupId, String handle, String by) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {handle: $handle}), (g:Group {id: $group}), (by:Member {id: $by})
                WHERE NOT EXISTS { (m)-[:MEMBER_OF]->(g) } AND NOT EXISTS { (m)-[s:BANNED_FROM]->(g) WHERE %s }
                  AND NOT EXISTS { (m)-[:BLOCKS]-(by) }
                MERGE (m)-[i:INVITED_TO]->(g)
                SET i.at = datetime(), i.by = $by
                RETURN m.id AS id""".formatted(IN_FORCE), Map.of("handle", handle, "group", groupId, "by", by))
                .list(r -> r.get("id").asString())).stream().findFirst();
    }

    /** Declines (or a moderator withdraws) an invitation. */
    boolean uninvite(String groupId, String memberId) {
        return Transactions.write(driver, tx -> tx.run("""
                MATCH (:Member {id: $member})-[i:INVITED_TO]->(:Group {id: $group})
                DELETE i RETURN count(*) AS n""", Map.of("member", memberId, "group", groupId)).single().get("n").asLong() > 0);
    }

    /** Leaves the group; the last owner cannot. */
    Outcome leave(String groupId, String memberId) {
        return Transactions.write(driver, tx -> {
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
     * Gives a member who is not an owner the role {@code moderator}, {@code member} or {@code owner},
     * and writes the audit entry (AuditEntry shape of the moderation model) in the same transaction.
     * Returns the previous role, empty if the target is not a member or is an owner.
     */
    Optional<String> setRole(String groupId, String memberId, String role, String actor, String action, String summary) {
        return Transactions.write(driver, tx -> {
            var before = tx.run("""
                    MATCH (m:Member {id: $member})-[r:MEMBER_OF]->(g:Group {id: $group})
                    WHERE r.role <> 'owner'
                    WITH r, r.role AS before
                    SET r.role = $role
                    RETURN before""", Map.of("member", memberId, "group", groupId, "role", role))
                    .list(r -> r.get("before").asString());
            if (before.isEmpty()) {
                return Optional.<String>empty();
            }
            if (!before.getFirst().equals(role)) {
                tx.run("""
                        MATCH (actor:Member {id: $actor}), (g:Group {id: $group})
                        CREATE (actor)-[:ACTED]->(e:AuditEntry {id: randomUUID(), at: datetime(), action: $action, reason: '',
                                                              targetKind: 'member', targetId: $member, summary: $summary})
                        CREATE (e)-[:IN_GROUP]->(g)""",
                        Map.of("actor", actor, "group", groupId, "action", action, "member", memberId, "summary", summary)).consume();
            }
            return Optional.of(before.getFirst());
        });
    }

    /**
     * Changes the group's name (and its folded search name), description and rules, and writes the
     * audit entry {@code edit_group} (AuditEntry shape of the moderation model) in the same transaction.
     */
    void edit(String groupId, Draft draft, String actor, String summary) {
        Map<String, Object> params = new HashMap<>();
        params.put("group", groupId);
        params.put("actor", actor);
        params.put("name", draft.name());
        params.put("searchName", fold(draft.name()));
        params.put("description", draft.description());
        params.put("rules", draft.rules());
        params.put("summary", summary);
        Transactions.write(driver, tx -> tx.run("""
                MATCH (actor:Member {id: $actor}), (g:Group {id: $group})
                SET g.name = $name, g.searchName = $searchName, g.description = $description, g.rules = $rules
                CREATE (actor)-[:ACTED]->(e:AuditEntry {id: randomUUID(), at: datetime(), action: 'edit_group', reason: '',
                                                      targetKind: 'group', targetId: g.id, summary: $summary})
                CREATE (e)-[:IN_GROUP]->(g)""", params).consume());
    }

    /** Shows or hides the public summary of the group's moderation log, with its audit entry. */
    void setPublicAuditLog(String groupId, boolean on, String actor) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (actor:Member {id: $actor}), (g:Group {id: $group})
                SET g.publicAuditLog = $on
                CREATE (actor)-[:ACTED]->(e:AuditEntry {id: randomUUID(), at: datetime(), action: $action, reason: '',
                                                      targetKind: 'group', targetId: g.id, summary: g.name})
                CREATE (e)-[:IN_GROUP]->(g)""", Map.of("actor", actor, "group", groupId, "on", on,
                "action", on ? "publish_audit_log" : "unpublish_audit_log")).consume());
    }

    /** The moderators and owners of a group (who are told of join requests). */
    List<String> moderators(String groupId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (m:Member)-[r:MEMBER_OF]->(:Group {id: $group}) WHERE r.role IN ['owner', 'moderator']
                RETURN m.id AS id""", Map.of("group", groupId)).list(r -> r.get("id").asString()));
    }

    String handleOf(String memberId) {
        return Transactions.read(driver, tx -> tx.run("MATCH (m:Member {id: $id}) RETURN m.handle AS h", Map.of("id", memberId))
                .single().get("h").asString());
    }

    Optional<String> memberIdByHandle(String handle) {
        return Transactions.read(driver, tx -> tx.run("MATCH (m:Member {handle: $h}) RETURN m.id AS id", Map.of("h", handle))
                .list(r -> r.get("id").asString())).stream().findFirst();
    }

    Optional<Person> member(String groupId, String memberId) {
        return Transactions.read(driver, tx -> tx.run("""
                MATCH (m:Member {id: $member})-[r:MEMBER_OF]->(:Group {id: $group})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS name, r.role AS role""",
                Map.of("member", memberId, "group", groupId)).list(GroupRepository::person)).stream().findFirst();
    }

    // ---------------------------------------------------------------- text

    /** Lower case, accents folded to ASCII: how names are searched. */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).strip();
    }

    /** The group's address from its name: ASCII letters and digits separated by dashes, at most 60 characters. */
    static String slugOf(String name) {
        String s = fold(name).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 60) {
            s = s.substring(0, 60).replaceAll("-+$", "");
        }
        // Addresses under /groups/ that are pages, not groups.
        return s.isEmpty() || s.equals("new") ? "groupe" + (s.isEmpty() ? "" : "-" + s) : s;
    }

    private static ZonedDateTime shown(Value datetime) {
        return datetime.asZonedDateTime().withZoneSameInstant(SHOWN_IN);
    }
}
