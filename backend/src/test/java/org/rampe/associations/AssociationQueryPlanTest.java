package org.rampe.associations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.summary.Plan;
import org.rampe.RampeTest;

/** The association page, "is a representative" and the administrators' queue seek through their indexes (EXPLAIN). */
class AssociationQueryPlanTest extends RampeTest {

    private List<String> explain(String query) {
        try (var session = driver.session()) {
            return operators(session.run("EXPLAIN " + query,
                    Map.of("slug", "x", "member", "m", "association", "a", "verified", false)).consume().plan());
        }
    }

    private static List<String> operators(Plan plan) {
        List<String> names = new ArrayList<>();
        names.add(plan.operatorType() + " " + plan.arguments().getOrDefault("Details", org.neo4j.driver.Values.NULL));
        plan.children().forEach(child -> names.addAll(operators(child)));
        return names;
    }

    @Test
    void theHotAssociationQueriesSeekThroughTheirIndexesAndScanNothing() {
        assertThat(explain(AssociationRepository.BY_SLUG))
                .anyMatch(op -> op.startsWith("NodeUniqueIndexSeek") && op.contains("Association(slug)"))
                .noneMatch(op -> op.contains("LabelScan") || op.startsWith("AllNodesScan"));
        assertThat(explain(AssociationRepository.IS_REPRESENTATIVE))
                .anyMatch(op -> op.startsWith("NodeUniqueIndexSeek"))
                .noneMatch(op -> op.contains("LabelScan") || op.startsWith("AllNodesScan"));
        for (String order : List.of(AssociationRepository.PENDING_ORDER, AssociationRepository.VERIFIED_ORDER)) {
            assertThat(explain(AssociationRepository.queueQuery(order))).as(order)
                    .anyMatch(op -> op.startsWith("NodeIndexSeek") && op.contains("Association(verified)"))
                    .noneMatch(op -> op.contains("LabelScan") || op.startsWith("AllNodesScan"));
        }
    }
}
