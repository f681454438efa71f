package org.rampe.members;

import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.rampe.graph.Transactions;
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

    private final Driver driver;

    MemberRepository(Driver driver) {
        this.driver = driver;
    }

    /** Creates the member; the uniqueness constraints on email and handle refuse a duplicate. */
    Member create(NewMember member) {
        var id = MemberId.random();
        return Transactions.write(driver, tx -> map(tx.run("""
                CREATE (m:Member {
                  id: $id, email: $email, handle: $handle, displayName: $displayName,
                  passwordHash: $passwordHash, language: $language, createdAt: datetime(),
                  textSize: 100, highContrast: false, dyslexiaFont: false, reducedMotion: false
                })
                """ + RETURN_MEMBER, Map.of(
                "id", id.value(),
                "email", member.email(),
                "handle", member.handle(),
                "displayName", member.displayName(),
                "passwordHash", member.passwordHash(),
                "language", member.language().code())).single()).member());
    }

    boolean emailTaken(String email) {
        return exists("MATCH (m:Member {email: $value}) RETURN count(m) > 0 AS taken", email);
    }

    boolean handleTaken(String handle) {
        return exists("MATCH (m:Member {handle: $value}) RETURN count(m) > 0 AS taken", handle);
    }

    private boolean exists(String query, String value) {
        return Transactions.read(driver, tx -> tx.run(query, Map.of("value", value)).single().get("taken").asBoolean());
    }

    Optional<Credentials> credentialsByEmail(String email) {
        return Transactions.read(driver, tx -> tx.run("MATCH (m:Member {email: $email})\n" + RETURN_MEMBER,
                Map.of("email", email)).stream().findFirst().map(MemberRepository::map));
    }

    Optional<Member> byId(MemberId id) {
        return Transactions.read(driver, tx -> tx.run("MATCH (m:Member {id: $id})\n" + RETURN_MEMBER,
                Map.of("id", id.value())).stream().findFirst().map(r -> map(r).member()));
    }

    Optional<Member> byHandle(String handle) {
        return Transactions.read(driver, tx -> tx.run("MATCH (m:Member {handle: $handle})\n" + RETURN_MEMBER,
                Map.of("handle", handle)).stream().findFirst().map(r -> map(r).member()));
    }

    void saveLanguage(MemberId id, Language language) {
        Transactions.write(driver, tx -> tx.run("MATCH (m:Member {id: $id}) SET m.language = $language",
                Map.of("id", id.value(), "language", language.code())).consume());
    }

    void savePreferences(MemberId id, DisplayPreferences preferences) {
        Transactions.write(driver, tx -> tx.run("""
                MATCH (m:Member {id: $id})
                SET m.textSize = $textSize, m.highContrast = $highContrast,
                    m.dyslexiaFont = $dyslexiaFont, m.reducedMotion = $reducedMotion, m.hideMap = $hideMap
                """, Map.of("id", id.value(), "textSize", preferences.textSize(),
                "highContrast", preferences.highContrast(), "dyslexiaFont", preferences.dyslexiaFont(),
                "reducedMotion", preferences.reducedMotion(), "hideMap", preferences.hideMap())).consume());
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
