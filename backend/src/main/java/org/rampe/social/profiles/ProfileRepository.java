package org.rampe.social.profiles;

import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.rampe.social.MemberCard;
import org.springframework.stereotype.Repository;

/**
 * The profile properties of {@code :Member} and its avatar, an {@code :Image} reached by
 * {@code HAS_AVATAR} (its id also kept as {@code avatarImage}, so lists show avatars without a hop).
 */
@Repository
class ProfileRepository {

    private final Graph graph;

    ProfileRepository(Graph graph) {
        this.graph = graph;
    }

    Optional<Profile> byHandle(String handle) {
        return find("MATCH (m:Member {handle: $key})", handle);
    }

    Optional<Profile> byId(String id) {
        return find("MATCH (m:Member {id: $key})", id);
    }

    private Optional<Profile> find(String match, String key) {
        return graph.one(match + PROFILE, Map.of("key", key), ProfileRepository::map);
    }

    /** The profile of the member {@code m}, with its avatar, in one round trip. */
    static final String PROFILE = """

            OPTIONAL MATCH (m)-[:HAS_AVATAR]->(i:Image)
            RETURN m { .id, .handle, .displayName, .bio, .pronouns, .languages, .city, .privateAccount } AS m,
                   i { .id, .alt, .width, .height } AS i
            LIMIT 1
            """;

    private static Profile map(Record r) {
        Value m = r.get("m");
        Value i = r.get("i");
        Profile.Avatar avatar = i.isNull() ? null
                : new Profile.Avatar(i.get("id").asString(), i.get("alt").asString(""), i.get("width").asInt(0), i.get("height").asInt(0));
        return new Profile(m.get("id").asString(), m.get("handle").asString(), m.get("displayName").asString(""),
                m.get("bio").asString(""), m.get("pronouns").asString(""),
                m.get("languages").isNull() ? List.of() : m.get("languages").asList(Value::asString),
                m.get("city").asString(""), m.get("privateAccount").asBoolean(false), avatar);
    }

    /** What the edit form changes, already checked. */
    record Changes(String displayName, String bio, String pronouns, List<String> languages, String city,
                   boolean privateAccount) {
    }

    /** Saves the profile; returns whether the account was private before. */
    boolean save(String memberId, Changes c) {
        Map<String, Object> params = Graph.params("id", memberId, "displayName", c.displayName(), "bio", c.bio(),
                "pronouns", c.pronouns(), "languages", c.languages(), "city", c.city(), "private", c.privateAccount());
        return graph.writeOne("""
                MATCH (m:Member {id: $id})
                WITH m, coalesce(m.privateAccount, false) AS wasPrivate
                SET m.displayName = $displayName, m.bio = $bio, m.pronouns = $pronouns, m.languages = $languages,
                    m.city = $city, m.privateAccount = $private
                RETURN wasPrivate
                """, params, r -> r.get("wasPrivate").asBoolean()).orElseThrow();
    }

    /** A new avatar replaces the old one; returns the old image's id (its file is the caller's to delete). */
    Optional<String> replaceAvatar(String memberId, String alt, int width, int height, String newImageId) {
        return graph.inWrite(tx -> {
            Optional<String> old = detachAvatar(tx, memberId);
            tx.run("""
                    MATCH (m:Member {id: $id})
                    CREATE (m)-[:HAS_AVATAR]->(:Image {id: $image, alt: $alt, width: $width, height: $height, createdAt: $now})
                    SET m.avatarImage = $image
                    """, Map.of("id", memberId, "image", newImageId, "alt", alt, "width", width, "height", height,
                    "now", ZonedDateTime.now(ZoneOffset.UTC))).consume();
            return old;
        });
    }

    void changeAvatarAlt(String memberId, String alt) {
        graph.write("MATCH (:Member {id: $id})-[:HAS_AVATAR]->(i:Image) SET i.alt = $alt", Map.of("id", memberId, "alt", alt));
    }

    /** Removes the avatar; returns its image id. */
    Optional<String> removeAvatar(String memberId) {
        return graph.inWrite(tx -> detachAvatar(tx, memberId));
    }

    private static Optional<String> detachAvatar(TransactionContext tx, String memberId) {
        return tx.run("""
                MATCH (m:Member {id: $id})-[:HAS_AVATAR]->(i:Image)
                WITH m, i, i.id AS old
                DETACH DELETE i
                REMOVE m.avatarImage
                RETURN old
                """, Map.of("id", memberId)).stream().findFirst().map(r -> r.get("old").asString());
    }

    /** The image id of a member's avatar, if they have one. */
    Optional<String> avatarImage(String handle) {
        return graph.one("MATCH (:Member {handle: $handle})-[:HAS_AVATAR]->(i:Image) RETURN i.id AS id",
                Map.of("handle", handle), r -> r.get("id").asString());
    }

    static String newImageId() {
        return UUID.randomUUID().toString();
    }

    static final String SEARCH = """
            CALL db.index.fulltext.queryNodes('member_text', $q) YIELD node AS x, score
            WHERE $viewer IS NULL OR NOT EXISTS { MATCH (x)-[:BLOCKS]->(:Member {id: $viewer}) }
            RETURN x.id AS id, x.handle AS handle, x.displayName AS displayName, x.avatarImage AS avatarImage
            ORDER BY score DESC, x.handle
            LIMIT $limit
            """;

    /**
     * Members whose name or handle match the full-text query, best first, leaving out those who
     * block the viewer (null for a visitor).
     */
    List<MemberCard> search(String luceneQuery, String viewer, int limit) {
        return graph.list(SEARCH, Graph.params("q", luceneQuery, "viewer", viewer, "limit", limit),
                r -> new MemberCard(r.get("id").asString(), r.get("handle").asString(),
                        r.get("displayName").asString(""), r.get("avatarImage").asString(null)));
    }
}
