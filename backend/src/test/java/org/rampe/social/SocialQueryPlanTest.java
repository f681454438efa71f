package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.summary.Plan;
import org.rampe.RampeTest;

/**
 * The relation lists start from the member's id through its uniqueness constraint and never scan
 * every member; checked with {@code EXPLAIN} on the exact Cypher the repository runs.
 */
public class SocialQueryPlanTest extends RampeTest {

    private static List<String> operators(Plan plan) {
        List<String> names = new ArrayList<>();
        names.add(plan.operatorType() + " " + plan.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
        plan.children().forEach(child -> names.addAll(operators(child)));
        return names;
    }

    public static List<String> explain(org.neo4j.driver.Driver driver, String query) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", "x");
        params.put("viewer", "v");
        params.put("after", "");
        params.put("limit", 51);
        params.put("key", "x");
        params.put("q", "x*");
        try (var session = driver.session()) {
            return operators(session.run("EXPLAIN " + query, params).consume().plan());
        }
    }

    @Test
    void everyRelationListStartsFromTheMembersIdThroughItsUniqueIndex() {
        for (RelationsRepository.Listing listing : RelationsRepository.Listing.values()) {
            List<String> plan = explain(driver, RelationsRepository.listQuery(listing));
            assertThat(plan).as(listing.name()).anyMatch(op -> op.startsWith("NodeUniqueIndexSeek") && op.contains("Member(id)"));
            assertThat(plan).as(listing.name()).noneMatch(op -> op.startsWith("NodeByLabelScan") || op.startsWith("AllNodesScan"));
        }
    }
}
