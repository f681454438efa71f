package org.rampe.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.QueryPlans;
import org.rampe.RampeTest;

/**
 * The relation lists start from the member's id through its uniqueness constraint and never scan
 * every member; checked with {@code EXPLAIN} on the exact Cypher the repository runs.
 */
class SocialQueryPlanTest extends RampeTest {

    @Test
    void everyRelationListStartsFromTheMembersIdThroughItsUniqueIndex() {
        for (RelationsRepository.Listing listing : RelationsRepository.Listing.values()) {
            List<QueryPlans.Operator> plan = QueryPlans.explain(graph, RelationsRepository.listQuery(listing),
                    Map.of("id", "x", "viewer", "v", "after", "", "limit", 51, "key", "x", "q", "x*"));
            assertThat(plan).as(listing.name())
                    .anyMatch(op -> op.name().startsWith("NodeUniqueIndexSeek") && op.details().contains("Member(id)"));
            assertThat(plan).as(listing.name()).noneMatch(QueryPlans.Operator::scansALabel);
        }
    }
}
