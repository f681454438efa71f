package org.rampe.members;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Graph;
import org.rampe.site.DisplayPreferences;
import org.rampe.site.Language;
import org.springframework.stereotype.Repository;

@Repository
class MemberRepository {

    /** A member with the hash, for signing in only. */
    record Credentials(Member member, String passwordHash) {
    }

    private static final String RETURN_MEMBER = """
            RETURN m { .id, .email, .handle, .displayName, .language, .passwordHash, .createdAt,
                       .textSize, .highContrast, .dyslexiaFont, .reducedMotion, .hideMap } AS m
            """;

    private final Graph graph;

    MemberRepository(Graph graph) {
        this.graph = graph;
    }

    /** Creates the member; the uniqueness constraints on email and handle refuse a duplicate. */
    Member create(NewMember member) {
        var id = MemberId.random();
        return graph.writeOne("""
                CREATE (m:Member {
                  id: $id, email: $email, handle: $handle, handleSkeleton: $skeleton, displayName: $displayName,
                  passwordHash: $passwordHash, language: $language, createdAt: datetime(),
                  textSize: 100, highContrast: false, dyslexiaFont: false, reducedMotion: false
                })
                """ + RETURN_MEMBER, Map.of(
                "id", id.value(),
                "email", member.email(),
                "handle", member.handle(),
                "skeleton", HandleSkeletons.of(member.handle()),
                "displayName", member.displayName(),
                "passwordHash", member.passwordHash(),
                "language", member.language().code()), r -> map(r).member()).orElseThrow();
    }

    /** A demo member, created with a fresh id unless the address has one already. */
    MemberId demo(String email, String handle, String displayName, String passwordHash) {
        return graph.writeOne("""
                MERGE (m:Member {email: $email})
                ON CREATE SET m.id = $id, m.handle = $handle, m.handleSkeleton = $skeleton, m.displayName = $displayName, m.passwordHash = $hash,
                    m.language = 'fr', m.createdAt = datetime(), m.textSize = 100, m.highContrast = false,
                    m.dyslexiaFont = false, m.reducedMotion = false, m.demo = true
                RETURN m.id AS id
                """, Map.of("email", email, "id", MemberId.random().value(), "handle", handle,
                "skeleton", HandleSkeletons.of(handle), "displayName", displayName, "hash", passwordHash), r -> new MemberId(r.get("id").asString())).orElseThrow();
    }

    boolean handleTaken(String handle) {
        return graph.exists("MATCH (m:Member {handle: $value}) RETURN count(m) > 0 AS taken", Map.of("value", handle));
    }

    /** Whether a member's handle looks like one with this key (HandleSkeletons), on the constraint's index. */
    boolean skeletonTaken(String skeleton) {
        return graph.exists("MATCH (m:Member {handleSkeleton: $value}) RETURN count(m) > 0 AS taken", Map.of("value", skeleton));
    }

    /** Members whose handle has no key yet (created before issue 17), oldest first, a batch at a time. */
    java.util.List<String[]> withoutSkeleton(int limit) {
        return graph.list("""
                MATCH (m:Member) WHERE m.handle IS NOT NULL AND m.handleSkeleton IS NULL AND NOT coalesce(m.skeletonClash, false)
                RETURN m.id AS id, m.handle AS handle ORDER BY m.createdAt LIMIT $limit
                """, Map.of("limit", limit), r -> new String[]{r.get("id").asString(), r.get("handle").asString()});
    }

    /** Writes a member's key; false when an older member's handle already has it (the constraint refuses). */
    boolean writeSkeleton(String id, String skeleton) {
        try {
            graph.write("MATCH (m:Member {id: $id}) SET m.handleSkeleton = $skeleton", Map.of("id", id, "skeleton", skeleton));
            return true;
        } catch (org.neo4j.driver.exceptions.Neo4jException e) {
            if (!Graph.isConstraintViolation(e)) {
                throw e;
            }
            graph.write("MATCH (m:Member {id: $id}) SET m.skeletonClash = true", Map.of("id", id));
            return false;
        }
    }

    Optional<Credentials> credentialsByEmail(String email) {
        return graph.one("MATCH (m:Member {email: $email})\n" + RETURN_MEMBER, Map.of("email", email), MemberRepository::map);
    }

    /**
     * The credentials of whoever may sign in with this address: nobody being erased, and never the
     * former member (who has no address anyway).
     */
    Optional<Credentials> signInCredentials(String email) {
        return graph.one("MATCH (m:Member {email: $email}) WHERE m.erasingSince IS NULL AND NOT m:Former\n" + RETURN_MEMBER,
                Map.of("email", email), MemberRepository::map);
    }

    /** Whether the member may be signed in (exists, is not being erased, is not the former member). */
    boolean maySignIn(MemberId id) {
        return graph.exists("MATCH (m:Member {id: $id}) RETURN m.erasingSince IS NULL AND NOT m:Former AS may",
                Map.of("id", id.value()));
    }

    Optional<Credentials> credentialsById(MemberId id) {
        return graph.one("MATCH (m:Member {id: $id}) WHERE NOT m:Former\n" + RETURN_MEMBER, Map.of("id", id.value()), MemberRepository::map);
    }

    Optional<Member> byId(MemberId id) {
        // A member being erased is still found by id (their features' erasure may ask); never the former member.
        return graph.one("MATCH (m:Member {id: $id}) WHERE NOT m:Former\n" + RETURN_MEMBER, Map.of("id", id.value()), r -> map(r).member());
    }

    Optional<Member> byHandle(String handle) {
        // A member being erased is gone for everyone else already (their pages answer 410).
        return graph.one("MATCH (m:Member {handle: $handle}) WHERE m.erasingSince IS NULL AND NOT m:Former\n" + RETURN_MEMBER,
                Map.of("handle", handle), r -> map(r).member());
    }

    void saveLanguage(MemberId id, Language language) {
        graph.write("MATCH (m:Member {id: $id}) SET m.language = $language", Map.of("id", id.value(), "language", language.code()));
    }

    void savePreferences(MemberId id, DisplayPreferences preferences) {
        graph.write("""
                MATCH (m:Member {id: $id})
                SET m.textSize = $textSize, m.highContrast = $highContrast,
                    m.dyslexiaFont = $dyslexiaFont, m.reducedMotion = $reducedMotion, m.hideMap = $hideMap
                """, Map.of("id", id.value(), "textSize", preferences.textSize(),
                "highContrast", preferences.highContrast(), "dyslexiaFont", preferences.dyslexiaFont(),
                "reducedMotion", preferences.reducedMotion(), "hideMap", preferences.hideMap()));
    }

    private static Credentials map(Record record) {
        Value m = record.get("m");
        var member = new Member(
                new MemberId(m.get("id").asString()),
                m.get("email").asString(),
                m.get("handle").asString(),
                m.get("displayName").asString(),
                Language.fromCode(m.get("language").asString(null)).orElse(Language.DEFAULT),
                new DisplayPreferences(m.get("textSize").asInt(100), m.get("highContrast").asBoolean(false),
                        m.get("dyslexiaFont").asBoolean(false), m.get("reducedMotion").asBoolean(false),
                        m.get("hideMap").asBoolean(false)),
                m.get("createdAt").asZonedDateTime().withZoneSameInstant(ZoneOffset.UTC).toInstant());
        return new Credentials(member, m.get("passwordHash").asString());
    }
}
