package org.rampe.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.RampeTest;
import org.springframework.beans.factory.annotation.Autowired;

class GraphSchemaTest extends RampeTest {

    @Autowired
    GraphSchema schema;

    private List<Map<String, Object>> constraints() {
        return graph.list("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties", r -> r.asMap());
    }

    @Test
    void everyMemberKeyHasANamedUniquenessConstraint() {
        assertThat(constraints())
                .extracting(c -> c.get("name"), c -> c.get("type"), c -> c.get("labelsOrTypes"), c -> c.get("properties"))
                .contains(
                        org.assertj.core.groups.Tuple.tuple("member_id_unique", "UNIQUENESS", List.of("Member"), List.of("id")),
                        org.assertj.core.groups.Tuple.tuple("member_email_unique", "UNIQUENESS", List.of("Member"), List.of("email")),
                        org.assertj.core.groups.Tuple.tuple("member_handle_unique", "UNIQUENESS", List.of("Member"), List.of("handle")));
    }

    @Test
    void onlyCommunityEditionConstraintKindsAreUsed() {
        assertThat(constraints()).extracting(c -> c.get("type"))
                .allMatch(type -> type.equals("UNIQUENESS") || type.equals("RELATIONSHIP_UNIQUENESS"));
    }

    @Test
    void applyingTheMigrationsAgainChangesNothing() {
        var before = constraints();
        schema.migrate();
        assertThat(constraints()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aSecondMemberWithTheSameEmailIsRefusedByTheDatabaseItself() {
        graph.write("CREATE (:Member {id: 'a', email: 'x@example.org', handle: 'x1'})");
        var duplicate = org.assertj.core.api.Assertions.catchThrowableOfType(org.neo4j.driver.exceptions.Neo4jException.class,
                () -> graph.write("CREATE (:Member {id: 'b', email: 'x@example.org', handle: 'x2'})"));
        assertThat(Graph.isConstraintViolation(duplicate)).isTrue();
    }
}
