package org.rampe.members;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.neo4j.driver.Value;
import org.neo4j.driver.types.TypeSystem;
import org.rampe.graph.Graph;
import org.springframework.stereotype.Repository;

/**
 * A member's node as the archive's {@code profile.json} shows it: every property, by its own name,
 * whichever feature wrote it, so that nothing kept on the account escapes the archive; the secrets
 * left out.
 */
@Repository
class MemberProperties {

    /** Never in an archive: the password's hash, the passkeys' user handle. */
    static final Set<String> SECRETS = Set.of("passwordHash", "passkeyUserHandle");

    private final Graph graph;

    MemberProperties(Graph graph) {
        this.graph = graph;
    }

    /** The member's properties but the secrets, in alphabetical order; dates as instants. */
    Optional<Map<String, Object>> of(MemberId member) {
        return graph.one("MATCH (m:Member {id: $id}) RETURN properties(m) AS p", Map.of("id", member.value()), r -> {
            Map<String, Object> properties = new TreeMap<>(r.get("p").asMap(MemberProperties::plain));
            properties.keySet().removeAll(SECRETS);
            return properties;
        });
    }

    /** A stored value as JSON shows it: a date-time as an ISO 8601 instant, lists item by item. */
    static Object plain(Value value) {
        var type = TypeSystem.getDefault();
        if (value.isNull()) {
            return null;
        }
        if (value.hasType(type.DATE_TIME())) {
            return value.asZonedDateTime().toInstant();
        }
        if (value.hasType(type.LIST())) {
            return value.asList(MemberProperties::plain);
        }
        if (value.hasType(type.DATE()) || value.hasType(type.LOCAL_DATE_TIME()) || value.hasType(type.TIME())
                || value.hasType(type.LOCAL_TIME()) || value.hasType(type.DURATION()) || value.hasType(type.POINT())) {
            return value.toString();
        }
        Object plain = value.asObject();
        return plain instanceof ZonedDateTime z ? z.toInstant() : plain instanceof List<?> l ? List.copyOf(l) : plain;
    }
}
