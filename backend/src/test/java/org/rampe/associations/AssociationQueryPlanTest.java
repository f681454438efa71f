package org.rampe.associations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.QueryPlans;
import org.rampe.RampeTest;

/** The association page, "is a representative" and the administrators' queue seek through their indexes (EXPLAIN). */
class AssociationQueryPlanTest extends RampeTest {

    private List<QueryPlans.Operator> explain(String query) {
        return QueryPlans.explain(graph, query, Map.of("slug", "x", "member", "m", "association", "a", "verified", false));
    }

    @Test
    void theHotAssociationQueriesSeekThroughTheirIndexesAndScanNothing() {
        assertThat(explain(AssociationRepository.BY_SLUG))
                .anyMatch(op -> op.name().startsWith("NodeUniqueIndexSeek") && op.details().contains("Association(slug)"))
                .noneMatch(QueryPlans.Operator::scansALabel);
        assertThat(explain(AssociationRepository.IS_REPRESENTATIVE))
                .anyMatch(op -> op.name().startsWith("NodeUniqueIndexSeek"))
                .noneMatch(QueryPlans.Operator::scansALabel);
        for (String order : List.of(AssociationRepository.PENDING_ORDER, AssociationRepository.VERIFIED_ORDER)) {
            assertThat(explain(AssociationRepository.queueQuery(order))).as(order)
                    .anyMatch(op -> op.name().startsWith("NodeIndexSeek") && op.details().contains("Association(verified)"))
                    .noneMatch(QueryPlans.Operator::scansALabel);
        }
    }
}
