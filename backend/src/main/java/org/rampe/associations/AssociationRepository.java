package org.rampe.associations;

import java.text.Normalizer;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;
import org.rampe.graph.Graph;
import org.rampe.site.Slugs;
import org.springframework.stereotype.Repository;

/**
 * {@code :Association} nodes, their representatives ({@code REPRESENTS}), creator ({@code CREATED}),
 * logo ({@code HAS_LOGO} to an {@code :Image}, its id also kept as {@code logoImage}) and the
 * administrator who verified them ({@code VERIFIED}). See graph-schema/README.md, "Associations".
 */
@Repository
class AssociationRepository {

    /** Path words under /associations/ that a slug must never take. */
    private static final Set<String> RESERVED = Set.of("new");
    static final int SLUG_MAX = 60;
    static final String PENDING_ORDER = "a.createdAt, a.slug";
    static final String VERIFIED_ORDER = "a.verifiedAt DESC, a.slug";

    private static final String FIELDS = """
            a { .id, .slug, .name, .description, .contact, .website, .verified, .verifiedAt, .createdAt } AS a,
            i { .id, .alt, .width, .height } AS logo""";

    private final Graph graph;

    AssociationRepository(Graph graph) {
        this.graph = graph;
    }

    /** ASCII, lower case, words joined by hyphens: "Club des Sourds de Montpellier" → "club-des-sourds-de-montpellier". */
    static String slugOf(String name) {
        String ascii = Slugs.of(Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", ""), SLUG_MAX);
        return ascii.isEmpty() ? "association" : ascii;
    }

    /** Creates the association with its creator as first representative; returns its slug. */
    String create(String creatorId, AssociationForm.Fields f) {
        String base = slugOf(f.name());
        for (int attempt = 1; ; attempt++) {
            try {
                return graph.inWrite(tx -> {
                    String slug = freeSlug(tx, base);
                    Map<String, Object> p = Graph.params("creator", creatorId, "id", UUID.randomUUID().toString(),
                            "slug", slug, "name", f.name(), "description", f.description(), "contact", f.contact(),
                            "website", f.website(), "now", ZonedDateTime.now(ZoneOffset.UTC));
                    tx.run("""
                            MATCH (m:Member {id: $creator})
                            CREATE (a:Association {id: $id, slug: $slug, name: $name, description: $description,
                                                   contact: $contact, website: $website, verified: false, createdAt: $now})
                            CREATE (m)-[:CREATED]->(a), (m)-[:REPRESENTS {since: $now}]->(a)
                            """, p).consume();
                    return slug;
                });
            } catch (Neo4jException e) {
                // Two associations of the same name created at once: the constraint refused one; try the next slug.
                if (!Graph.isConstraintViolation(e) || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static String freeSlug(TransactionContext tx, String base) {
        Set<String> taken = new HashSet<>(tx.run("""
                MATCH (a:Association) WHERE a.slug STARTS WITH $base RETURN a.slug AS slug
                """, Map.of("base", base)).list(r -> r.get("slug").asString()));
        taken.addAll(RESERVED);
        return Slugs.firstFree(base, taken);
    }

    static final String BY_SLUG = """
            MATCH (a:Association {slug: $slug})
            OPTIONAL MATCH (a)-[:HAS_LOGO]->(i:Image)
            RETURN %s
            LIMIT 1
            """.formatted(FIELDS);

    Optional<Association> bySlug(String slug) {
        return graph.one(BY_SLUG, Map.of("slug", slug), AssociationRepository::map);
    }

    Optional<Association> byId(String id) {
        return graph.one("""
                MATCH (a:Association {id: $id})
                OPTIONAL MATCH (a)-[:HAS_LOGO]->(i:Image)
                RETURN %s
                LIMIT 1
                """.formatted(FIELDS), Map.of("id", id), AssociationRepository::map);
    }

    private static Association map(Record r) {
        Value a = r.get("a");
        Value i = r.get("logo");
        Association.Logo logo = i.isNull() ? null
                : new Association.Logo(i.get("id").asString(), i.get("alt").asString(""), i.get("width").asInt(0), i.get("height").asInt(0));
        return new Association(a.get("id").asString(), a.get("slug").asString(), a.get("name").asString(""),
                a.get("description").asString(""), a.get("contact").asString(""), a.get("website").asString(""), logo,
                a.get("verified").asBoolean(false),
                a.get("verifiedAt").isNull() ? null : a.get("verifiedAt").asZonedDateTime().toInstant(),
                a.get("createdAt").isNull() ? null : a.get("createdAt").asZonedDateTime().toInstant());
    }

    /**
     * Associations whose name contains {@code q} (any case; empty = all), verified first, then by
     * name; at most {@code limit}. A scan of the label: there are a few hundred associations, not millions.
     */
    List<Association> list(String q, int limit) {
        return graph.list("""
                MATCH (a:Association)
                WHERE $q = '' OR toLower(a.name) CONTAINS $q
                WITH a ORDER BY a.verified DESC, toLower(a.name), a.slug LIMIT $limit
                OPTIONAL MATCH (a)-[:HAS_LOGO]->(i:Image)
                RETURN %s
                """.formatted(FIELDS), Map.of("q", q.toLowerCase(Locale.ROOT), "limit", limit), AssociationRepository::map);
    }

    /** The administrators' queue: not verified yet, oldest first (first come, first served). */
    List<Pending> pending() {
        return queue(false, PENDING_ORDER);
    }

    /** Verified associations, for withdrawing a verification, most recently verified first. */
    List<Pending> verified() {
        return queue(true, VERIFIED_ORDER);
    }

    private List<Pending> queue(boolean verified, String order) {
        return graph.list(queueQuery(order), Map.of("verified", verified), r -> new Pending(map(r),
                r.get("creatorHandle").asString(null), r.get("creatorName").asString(null)));
    }

    static String queueQuery(String order) {
        return """
                MATCH (a:Association) WHERE a.verified = $verified
                WITH a ORDER BY %s LIMIT 200
                OPTIONAL MATCH (a)-[:HAS_LOGO]->(i:Image)
                OPTIONAL MATCH (c:Member)-[:CREATED]->(a)
                RETURN %s, c.handle AS creatorHandle, c.displayName AS creatorName
                """.formatted(order, FIELDS);
    }

    static final String IS_REPRESENTATIVE = """
            RETURN EXISTS { MATCH (:Member {id: $member})-[:REPRESENTS]->(:Association {id: $association}) } AS yes
            """;

    List<Representative> representatives(String associationId) {
        return graph.list("""
                MATCH (m:Member)-[r:REPRESENTS]->(:Association {id: $id})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS displayName
                ORDER BY r.since, m.handle
                """, Map.of("id", associationId), r -> new Representative(r.get("id").asString(),
                r.get("handle").asString(), r.get("displayName").asString("")));
    }

    /** The association's groups that are not hidden (the groups feature owns {@code :Group}; none yet is fine). */
    List<OwnedGroup> groups(String associationId) {
        return graph.list("""
                MATCH (:Association {id: $id})-[:OWNS_GROUP]->(g:Group)
                WHERE g.kind IN ['public', 'private']
                RETURN g.slug AS slug, g.name AS name, g.kind AS kind
                ORDER BY toLower(g.name)
                """, Map.of("id", associationId), r -> new OwnedGroup(r.get("slug").asString(""),
                r.get("name").asString(""), r.get("kind").asString("")));
    }

    boolean isRepresentative(String memberId, String associationId) {
        if (memberId == null || associationId == null) {
            return false;
        }
        return graph.exists(IS_REPRESENTATIVE, Map.of("member", memberId, "association", associationId));
    }

    /**
     * Saves the edited fields. A verified association whose name or website changes goes back to
     * the queue: what the administrator checked is no longer what the page says. Returns whether
     * that happened.
     */
    boolean update(String associationId, AssociationForm.Fields f) {
        return graph.writeOne("""
                MATCH (a:Association {id: $id})
                WITH a, a.verified AND (a.name <> $name OR a.website <> $website) AS unverify
                SET a.name = $name, a.description = $description, a.contact = $contact, a.website = $website
                FOREACH (_ IN CASE WHEN unverify THEN [1] ELSE [] END |
                  SET a.verified = false
                  REMOVE a.verifiedAt)
                WITH a, unverify
                OPTIONAL MATCH (:Member)-[v:VERIFIED]->(a) WHERE unverify
                DELETE v
                RETURN DISTINCT unverify
                """, Graph.params("id", associationId, "name", f.name(), "description", f.description(),
                "contact", f.contact(), "website", f.website()), r -> r.get("unverify").asBoolean()).orElseThrow();
    }

    enum Invited { INVITED, ALREADY, ALREADY_INVITED, NO_SUCH_MEMBER }

    /**
     * Invites the member with this handle to represent the association ({@code INVITED_TO_REPRESENT
     * {at, by}}): nobody becomes a representative without saying yes. A member in a block either
     * way with the inviter is answered as an unknown handle (a block is invisible).
     */
    Invited invite(String associationId, String handle, String by) {
        return graph.inWrite(tx -> {
            var found = tx.run("""
                    MATCH (m:Member {handle: $handle}), (a:Association {id: $id}), (by:Member {id: $by})
                    WHERE NOT m:Former AND NOT EXISTS { (m)-[:BLOCKS]-(by) }
                    RETURN EXISTS { (m)-[:REPRESENTS]->(a) } AS already, EXISTS { (m)-[:INVITED_TO_REPRESENT]->(a) } AS invited
                    """, Map.of("handle", handle, "id", associationId, "by", by)).stream().findFirst();
            if (found.isEmpty()) {
                return Invited.NO_SUCH_MEMBER;
            }
            if (found.get().get("already").asBoolean()) {
                return Invited.ALREADY;
            }
            if (found.get().get("invited").asBoolean()) {
                return Invited.ALREADY_INVITED;
            }
            tx.run("""
                    MATCH (m:Member {handle: $handle}), (a:Association {id: $id})
                    MERGE (m)-[i:INVITED_TO_REPRESENT]->(a) ON CREATE SET i.at = datetime(), i.by = $by
                    """, Map.of("handle", handle, "id", associationId, "by", by)).consume();
            return Invited.INVITED;
        });
    }

    /** The id of the member with this handle, for the event that tells them of their invitation. */
    Optional<String> memberIdOf(String handle) {
        return graph.one("MATCH (m:Member {handle: $handle}) RETURN m.id AS id", Map.of("handle", handle),
                r -> r.get("id").asString());
    }

    /** Whether this member has a pending invitation to represent the association. */
    boolean isInvited(String memberId, String associationId) {
        return graph.exists("""
                RETURN EXISTS { (:Member {id: $member})-[:INVITED_TO_REPRESENT]->(:Association {id: $id}) } AS yes""",
                Map.of("member", memberId, "id", associationId));
    }

    /** The invited member says yes: the invitation becomes {@code REPRESENTS}; false when there was none. */
    boolean accept(String memberId, String associationId) {
        return graph.writeOne("""
                MATCH (m:Member {id: $member})-[i:INVITED_TO_REPRESENT]->(a:Association {id: $id})
                DELETE i
                MERGE (m)-[r:REPRESENTS]->(a) ON CREATE SET r.since = datetime()
                RETURN count(*) AS n""", Map.of("member", memberId, "id", associationId), r -> r.get("n").asLong() > 0)
                .orElse(false);
    }

    /** The invited member declines (by id), or a representative withdraws it (by handle): false when there was none. */
    boolean dropInvitation(String memberId, String associationId) {
        return graph.writeOne("""
                MATCH (:Member {id: $member})-[i:INVITED_TO_REPRESENT]->(:Association {id: $id})
                DELETE i
                RETURN count(*) AS n""", Map.of("member", memberId, "id", associationId), r -> r.get("n").asLong() > 0)
                .orElse(false);
    }

    /** The pending invitations of the association, oldest first, for its representatives' page. */
    List<Representative> invited(String associationId) {
        return graph.list("""
                MATCH (m:Member)-[i:INVITED_TO_REPRESENT]->(:Association {id: $id})
                RETURN m.id AS id, m.handle AS handle, m.displayName AS displayName
                ORDER BY i.at, m.handle""", Map.of("id", associationId), r -> new Representative(r.get("id").asString(),
                r.get("handle").asString(), r.get("displayName").asString("")));
    }

    enum Removed { REMOVED, LAST, NOT_REPRESENTATIVE }

    /** Removes a representative, never the last one (an association always has someone to speak for it). */
    Removed removeRepresentative(String associationId, String handle) {
        return graph.inWrite(tx -> {
            var row = tx.run("""
                    MATCH (a:Association {id: $id})
                    OPTIONAL MATCH (m:Member {handle: $handle})-[r:REPRESENTS]->(a)
                    RETURN r IS NOT NULL AS represents, COUNT { (:Member)-[:REPRESENTS]->(a) } AS n
                    """, Map.of("handle", handle, "id", associationId)).stream().findFirst();
            if (row.isEmpty() || !row.get().get("represents").asBoolean()) {
                return Removed.NOT_REPRESENTATIVE;
            }
            if (row.get().get("n").asLong() <= 1) {
                return Removed.LAST;
            }
            tx.run("MATCH (:Member {handle: $handle})-[r:REPRESENTS]->(:Association {id: $id}) DELETE r",
                    Map.of("handle", handle, "id", associationId)).consume();
            return Removed.REMOVED;
        });
    }

    /** A new logo replaces the old one; returns the old image's id (its file is the caller's to delete). */
    Optional<String> replaceLogo(String associationId, String alt, int width, int height, String imageId) {
        return graph.inWrite(tx -> {
            Optional<String> old = detachLogo(tx, associationId);
            tx.run("""
                    MATCH (a:Association {id: $id})
                    CREATE (a)-[:HAS_LOGO]->(:Image {id: $image, alt: $alt, width: $width, height: $height, createdAt: datetime()})
                    SET a.logoImage = $image
                    """, Map.of("id", associationId, "image", imageId, "alt", alt, "width", width, "height", height)).consume();
            return old;
        });
    }

    Optional<String> removeLogo(String associationId) {
        return graph.inWrite(tx -> detachLogo(tx, associationId));
    }

    private static Optional<String> detachLogo(TransactionContext tx, String associationId) {
        return tx.run("""
                MATCH (a:Association {id: $id})-[:HAS_LOGO]->(i:Image)
                WITH a, i, i.id AS old
                DETACH DELETE i
                REMOVE a.logoImage
                RETURN old
                """, Map.of("id", associationId)).stream().findFirst().map(r -> r.get("old").asString());
    }

    Optional<String> logoImage(String slug) {
        return graph.one("MATCH (:Association {slug: $slug})-[:HAS_LOGO]->(i:Image) RETURN i.id AS id",
                Map.of("slug", slug), r -> r.get("id").asString());
    }

    /** Marks the association verified by this administrator; returns the creator's id when it was not verified before. */
    Optional<String> verify(String associationId, String adminId) {
        return graph.writeOne("""
                MATCH (a:Association {id: $id}), (admin:Member {id: $admin})
                WHERE NOT a.verified
                SET a.verified = true, a.verifiedAt = datetime()
                MERGE (admin)-[v:VERIFIED]->(a) SET v.at = a.verifiedAt
                WITH a
                OPTIONAL MATCH (c:Member)-[:CREATED]->(a)
                RETURN c.id AS creator
                """, Map.of("id", associationId, "admin", adminId), r -> r.get("creator").asString(null));
    }

    void withdrawVerification(String associationId) {
        graph.write("""
                MATCH (a:Association {id: $id})
                SET a.verified = false
                REMOVE a.verifiedAt
                WITH a
                OPTIONAL MATCH (:Member)-[v:VERIFIED]->(a)
                DELETE v
                """, Map.of("id", associationId));
    }

    /** For the demo: marks it demo content, and verified when asked (the demo has no administrator). */
    void markDemo(String slug, boolean verified) {
        graph.write("""
                MATCH (a:Association {slug: $slug})
                SET a.demo = true
                FOREACH (_ IN CASE WHEN $verified THEN [1] ELSE [] END | SET a.verified = true, a.verifiedAt = datetime())
                """, Map.of("slug", slug, "verified", verified));
    }
}
